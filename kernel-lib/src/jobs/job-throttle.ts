/**
 * Throttles a write: however often it is requested, it runs at most once per interval, and a
 * request inside the interval is not lost but runs at the interval's end (a trailing write).
 */

/** Coalesces requests to run `write` into at most one call per `intervalMs`. */
export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly write: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Asks for a write: now if the last one is old enough, else once the interval has passed. */
  request(): void {
    if (this.timer) return;
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) {
      this.fire();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fire();
    }, wait);
    this.timer.unref?.();
  }

  /** Drops a pending trailing write (the caller writes the final state itself). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    this.last = this.now();
    this.write();
  }
}
