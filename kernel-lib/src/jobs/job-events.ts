/**
 * Job events in the process: a listener set for everything, and per-job async iterators that end
 * with the job's final status (what Server-Sent Events and notebook progress bars read).
 */
import { isFinished, type Job, type JobEvent } from "./job-types.js";

/** A subscriber to job events. */
export type JobListener = (event: JobEvent) => void;

/** The job an event is about. */
export function jobIdOf(event: JobEvent): string {
  return event.type === "status" ? event.job.id : event.jobId;
}

/** A synchronous fan-out of job events; one failing listener never stops the others. */
export class JobEvents {
  private readonly listeners = new Set<JobListener>();

  /** Calls `listener` for every event until the returned function is called. */
  subscribe(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Delivers `event` to every listener. */
  emit(event: JobEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // a subscriber's bug must not break the job that emitted the event
      }
    }
  }

  /** Number of current listeners (to check that streams clean up after themselves). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /**
   * Starts buffering one job's events; `snapshot` then reads the job's state. Subscribing first
   * means no event between the read and the stream is lost (a duplicate is possible, harmless).
   */
  async stream(id: string, snapshot: () => Promise<Job>, signal?: AbortSignal): Promise<AsyncGenerator<JobEvent, void>> {
    const queue: JobEvent[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = this.subscribe((event) => {
      if (jobIdOf(event) !== id) return;
      queue.push(event);
      wake?.();
    });
    const onAbort = () => wake?.();
    signal?.addEventListener("abort", onAbort);
    const cleanup = () => {
      unsubscribe();
      signal?.removeEventListener("abort", onAbort);
    };
    let first: Job;
    try {
      first = await snapshot();
    } catch (error) {
      cleanup();
      throw error;
    }
    async function* iterate(): AsyncGenerator<JobEvent, void> {
      try {
        yield { type: "status", job: first };
        if (isFinished(first.status)) return;
        while (!signal?.aborted) {
          const event = queue.shift();
          if (!event) {
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = undefined;
            continue;
          }
          yield event;
          if (event.type === "status" && isFinished(event.job.status)) return;
        }
      } finally {
        cleanup();
      }
    }
    return iterate();
  }
}
