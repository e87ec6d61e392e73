/**
 * The feature cache on a real Redis: hits are served as binary column buffers, and when Redis
 * stops, requests still succeed (computed without the cache) and health reports it degraded.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, type ServiceHandle, startRedis } from "../../server/src/services/index.js";
import { dataSourcesSchema } from "../src/config/schema.js";
import { createProvider } from "../src/data/providers/registry.js";
import { Database } from "../src/data/store/database.js";
import { DuckStore } from "../src/data/store/duck-store.js";
import type { MarketStore } from "../src/data/store/types.js";
import { RedisCache } from "../src/features/cache/redis.js";
import { FeatureEngine } from "../src/features/engine.js";
import { FeatureRegistry } from "../src/features/registry.js";
import { createLogger } from "../src/util/logger.js";

describe("feature cache on Redis", () => {
  let db: Database;
  let store: DuckStore;
  let reads = 0;
  let counting: MarketStore;
  const caches: RedisCache[] = [];
  let ownRedis: ServiceHandle | undefined;

  beforeAll(async () => {
    db = await Database.open(join(mkdtempSync(join(tmpdir(), "oq-fc-")), "f.duckdb"));
    store = new DuckStore(db);
    const sample = createProvider("sample", { settings: dataSourcesSchema.parse({}) });
    await store.writeBars(await sample.fetch({ ticker: "ACME.SAMPLE", interval: "1d" }), "sample");
    counting = Object.assign(Object.create(store) as DuckStore, {
      readBars: (q: Parameters<DuckStore["readBars"]>[0]) => {
        reads++;
        return store.readBars(q);
      },
    });
  });
  afterAll(async () => {
    for (const c of caches) await c.close();
    await ownRedis?.stop();
    db.close();
  });

  const set = [{ name: "rsi" }, { name: "bbands" }, { name: "atr" }];
  const engine = (cache: RedisCache) => new FeatureEngine({ store: counting, registry: new FeatureRegistry(), cache, ttlSeconds: 60, sets: {} });

  it("serves a second request from Redis, identical to the first", async () => {
    const cache = new RedisCache(inject("redisUrl"));
    caches.push(cache);
    reads = 0;
    const first = await engine(cache).computeOne("ACME.SAMPLE", set, { start: "2016-01-01" });
    const second = await engine(cache).computeOne("ACME.SAMPLE", set, { start: "2016-01-01" });
    expect(reads).toBe(1);
    for (const name of Object.keys(first.columns)) expect(Array.from(second.columns[name])).toEqual(Array.from(first.columns[name]));
    expect((await cache.health()).status).toBe("up");
  });

  it("keeps answering when Redis stops, logs the outage once and reports the cache degraded", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oq-fc-redis-"));
    ownRedis = await startRedis({ port: await freePort(), dataDir: dir, logFile: join(dir, "redis.log") });
    const lines: string[] = [];
    const logger = createLogger({ level: "warn", consoleLevel: "silent" });
    logger.warn = ((obj: unknown, msg?: string) => {
      lines.push(typeof obj === "string" ? obj : String(msg));
    }) as typeof logger.warn;
    const cache = new RedisCache(ownRedis.url, logger);
    caches.push(cache);
    await engine(cache).computeOne("ACME.SAMPLE", set, { start: "2018-01-01" });
    await ownRedis.stop();
    reads = 0;
    const started = performance.now();
    const a = await engine(cache).computeOne("ACME.SAMPLE", set, { start: "2018-01-01" });
    const b = await engine(cache).computeOne("ACME.SAMPLE", set, { start: "2018-01-01" });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(reads).toBe(2);
    expect(a.ts.length).toBe(b.ts.length);
    expect(lines.filter((l) => l.includes("unavailable"))).toHaveLength(1);
    expect((await cache.health()).status).toBe("degraded");
  });
});
