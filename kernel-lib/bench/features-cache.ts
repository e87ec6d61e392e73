/**
 * Feature-cache hit latency: the engine's binary frame (serializeFeatureFrame) stored in the
 * in-process LRU and in a real redis-server, then read back with `get` and deserialized, as a
 * cache hit in FeatureEngine.computeOne does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../server/src/services/ports.js";
import { startRedis } from "../../server/src/services/redis.js";
import { MemoryCache } from "../src/features/cache/memory.js";
import { RedisCache } from "../src/features/cache/redis.js";
import type { FeatureCache } from "../src/features/cache/types.js";
import { deserializeFeatureFrame, type FeatureFrame, serializeFeatureFrame } from "../src/features/frame.js";
import type { Row } from "./report.js";

/** Quantile `q` of sorted samples. */
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Hit latencies of one cache for one stored frame, in microseconds. */
async function measure(cache: FeatureCache, frame: FeatureFrame, iterations: number): Promise<Row> {
  const bytes = serializeFeatureFrame(frame);
  const key = `bench|${frame.ticker}|${frame.featureSetHash}`;
  await cache.set(key, bytes, 3600);
  const columns = Object.keys(frame.columns).length;
  const hit = async () => {
    const got = await cache.get(key);
    if (!got) throw new Error(`${cache.backend} cache missed a key it was just given`);
    return deserializeFeatureFrame(got);
  };
  const check = await hit();
  if (Object.keys(check.columns).length !== columns || check.ts.length !== frame.ts.length) {
    throw new Error(`${cache.backend} cache returned a different frame`);
  }
  for (let i = 0; i < 200; i++) await hit();
  const total: number[] = [];
  const getOnly: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const got = (await cache.get(key)) as Uint8Array;
    const t1 = performance.now();
    deserializeFeatureFrame(got);
    const t2 = performance.now();
    total.push((t2 - t0) * 1000);
    getOnly.push((t1 - t0) * 1000);
  }
  total.sort((a, b) => a - b);
  getOnly.sort((a, b) => a - b);
  return {
    cache: cache.backend === "redis" ? "Redis (real redis-server, loopback)" : "memory (in-process LRU)",
    "frame bytes": bytes.byteLength,
    "get+deserialize p50 µs": quantile(total, 0.5),
    "p99 µs": quantile(total, 0.99),
    "mean µs": total.reduce((a, b) => a + b, 0) / total.length,
    "get alone p50 µs": quantile(getOnly, 0.5),
  };
}

/** Hit latency of the memory cache and of a Redis started for the purpose (and stopped after). */
export async function cacheHitLatency(frame: FeatureFrame, iterations = 2_000): Promise<Row[]> {
  const rows: Row[] = [];
  const memory = new MemoryCache(256 * 1024 * 1024);
  rows.push(await measure(memory, frame, iterations));
  await memory.close();

  const dir = mkdtempSync(join(tmpdir(), "oq-bench-redis-"));
  const redis = await startRedis({ port: await freePort(), dataDir: dir, logFile: join(dir, "redis.log") });
  const cache = new RedisCache(redis.url);
  try {
    const health = await cache.health();
    if (health.status !== "up") throw new Error(`Redis at ${redis.url} is ${health.status}: ${health.error ?? ""}`);
    rows.push(await measure(cache, frame, iterations));
  } finally {
    await cache.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
