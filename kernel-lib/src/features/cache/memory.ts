import { LRUCache } from "lru-cache";
import type { CheckResult } from "../../health.js";
import type { FeatureCache } from "./types.js";

/** In-process LRU cache bounded in bytes, with per-entry TTL. */
export class MemoryCache implements FeatureCache {
  readonly backend = "memory";
  private readonly lru: LRUCache<string, Uint8Array>;

  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, Uint8Array>({
      maxSize: maxBytes,
      sizeCalculation: (value, key) => Math.max(1, value.byteLength + key.length),
      ttlAutopurge: false,
    });
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.lru.get(key);
  }

  async set(key: string, value: Uint8Array, ttlSeconds: number): Promise<void> {
    this.lru.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  async health(): Promise<CheckResult> {
    return {
      status: "up",
      version: null,
      details: { backend: this.backend, entries: this.lru.size, bytes: this.lru.calculatedSize, maxBytes: this.lru.maxSize },
    };
  }

  /** Drops every entry; the cache is unusable afterwards. */
  async close(): Promise<void> {
    this.lru.clear();
  }
}
