import { Redis } from "ioredis";
import type { CheckResult } from "../../health.js";
import type { Logger } from "../../util/logger.js";
import type { FeatureCache } from "./types.js";

/**
 * Redis-backed feature cache. Built so that Redis being down or slow never fails a request:
 * no offline queue, short command timeouts, one reconnect strategy, errors logged once per outage.
 */
export class RedisCache implements FeatureCache {
  readonly backend = "redis";
  private readonly redis: Redis;
  private failing = false;
  private everReady = false;

  constructor(
    url: string,
    private readonly logger?: Logger,
    private readonly keyPrefix = "openquant:features:",
  ) {
    this.redis = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 1_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.redis.on("error", (error) => this.failed("connection", error));
    this.redis.on("ready", () => {
      this.everReady = true;
      if (this.failing) this.logger?.info("Redis feature cache is back");
      this.failing = false;
    });
  }

  private failed(what: string, error: unknown): void {
    if (!this.failing) {
      this.logger?.warn({ err: (error as Error).message }, `Redis feature cache unavailable (${what}); computing without it`);
      this.failing = true;
    }
  }

  /** At start-up only, gives the first connection a moment instead of reporting a miss and an outage. */
  private async firstConnection(): Promise<void> {
    if (!this.everReady && !this.failing) await this.ready(500);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      await this.firstConnection();
      const value = await this.redis.getBuffer(this.keyPrefix + key);
      return value ?? undefined;
    } catch (error) {
      this.failed("get", error);
      return undefined;
    }
  }

  async set(key: string, value: Uint8Array, ttlSeconds: number): Promise<void> {
    try {
      await this.firstConnection();
      await this.redis.set(this.keyPrefix + key, Buffer.from(value.buffer, value.byteOffset, value.byteLength), "EX", ttlSeconds);
    } catch (error) {
      this.failed("set", error);
    }
  }

  /** Waits up to `ms` for a connection that is still being made (at start-up or reconnecting). */
  private async ready(ms: number): Promise<void> {
    if (this.redis.status === "ready") return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.redis.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async health(): Promise<CheckResult> {
    try {
      await this.ready(1_000);
      await this.redis.ping();
      const info = await this.redis.info("server");
      const version = /redis_version:(\S+)/.exec(info)?.[1] ?? null;
      return { status: "up", version, details: { backend: this.backend } };
    } catch (error) {
      return {
        status: "degraded",
        version: null,
        details: { backend: this.backend },
        error: `Redis unreachable (${(error as Error).message}); features are computed without the cache`,
      };
    }
  }

  /** Closes the Redis connection. */
  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
