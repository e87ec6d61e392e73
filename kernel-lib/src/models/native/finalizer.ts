/**
 * A safety net for native handles: when a wrapper is garbage-collected without dispose(), its
 * handles are freed anyway. dispose() stays the way to free them deterministically.
 */

const registry = new FinalizationRegistry<() => void>((free) => {
  try {
    free();
  } catch {
    // A finalizer has no caller to report to; the handle is lost either way.
  }
});

/** Frees `free`'s handles when `owner` is collected, unless untrack(owner) was called first. */
export function trackNative(owner: object, free: () => void): void {
  registry.register(owner, free, owner);
}

/** Cancels the safety net of `owner` (its handles were freed explicitly). */
export function untrackNative(owner: object): void {
  registry.unregister(owner);
}
