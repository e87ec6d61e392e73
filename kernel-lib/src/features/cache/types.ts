import type { CheckResult } from "../../health.js";

/** A byte cache for computed features. Failures never throw to the caller: a miss is returned instead. */
export interface FeatureCache {
  /** "memory" or "redis". */
  readonly backend: string;
  /** The cached bytes, or undefined on a miss or when the cache is unreachable. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores bytes for `ttlSeconds`; a failure is logged once and swallowed. */
  set(key: string, value: Uint8Array, ttlSeconds: number): Promise<void>;
  /** Measured health of the cache. */
  health(): Promise<CheckResult>;
  close(): Promise<void>;
}
