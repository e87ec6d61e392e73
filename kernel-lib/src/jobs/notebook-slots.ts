/** A counting semaphore for notebook runs: at most `limit` kernels at once, waiters served in order. */
import { Conflict } from "../errors.js";

/** Limits how many notebooks execute at once. */
export class NotebookSlots {
  private used = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    /** Runs allowed at once. */
    readonly limit: number,
  ) {}

  /** Runs executing now. */
  get busy(): number {
    return this.used;
  }

  /** Runs waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Waits for a free slot; returns its release. An abort while waiting rejects with Conflict. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw new Conflict("The notebook run was cancelled before it started.");
    if (this.used >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = this.waiting.indexOf(grant);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new Conflict("The notebook run was cancelled while it waited for a free slot."));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        this.waiting.push(grant);
      });
    } else {
      this.used++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.used--;
    };
  }
}
