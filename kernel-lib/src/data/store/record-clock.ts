/**
 * The store's clock for `recorded_at`: microseconds since the epoch that never repeat or go back
 * within a process, so a snapshot or pin taken between two writes always falls strictly between them.
 */

/** Hands out strictly increasing microsecond stamps from the wall clock. */
export class RecordClock {
  private last = 0;

  /** A stamp greater than every stamp handed out before. */
  next(): number {
    const now = Date.now() * 1000;
    this.last = now > this.last ? now : this.last + 1;
    return this.last;
  }

  /**
   * A whole-millisecond stamp after every earlier stamp; later stamps come after it. Snapshots use
   * it so that their watermark is exactly an `asOf` in epoch ms.
   */
  nextWholeMillisecond(): number {
    const ms = Math.ceil(this.next() / 1000);
    this.last = Math.max(this.last, ms * 1000);
    return ms;
  }
}
