/** The tail of a job's log: the last lines only, so a chatty job cannot grow without bound. */

/** Lines kept per job. */
export const LOG_TAIL_LINES = 200;
/** Longer lines are cut (with an ellipsis) to keep the tail small. */
export const LOG_LINE_MAX_CHARS = 1_000;

/** A bounded list of timestamped log lines, oldest first. */
export class LogTail {
  private readonly lines: string[];

  constructor(
    initial: readonly string[] = [],
    private readonly capacity = LOG_TAIL_LINES,
  ) {
    this.lines = initial.slice(-capacity);
  }

  /** Adds one line (each physical line of `text` separately) and returns what was stored. */
  push(text: string, now = new Date()): string[] {
    const added: string[] = [];
    for (const raw of text.split(/\r?\n/)) {
      const body = raw.length > LOG_LINE_MAX_CHARS ? `${raw.slice(0, LOG_LINE_MAX_CHARS)}…` : raw;
      const line = `${now.toISOString()} ${body}`;
      this.lines.push(line);
      added.push(line);
    }
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
    return added;
  }

  /** A copy of the kept lines. */
  toArray(): string[] {
    return [...this.lines];
  }
}
