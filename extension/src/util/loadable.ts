/** A value fetched from the sidecar: not asked for, on the way, there, or why it is not. */
import type { ApiError } from "../api.js";

/** idle | loading | ready (with the value) | error (with the ApiError). */
export type Loadable<T> = { kind: "idle" } | { kind: "loading" } | { kind: "ready"; value: T } | { kind: "error"; error: ApiError };
