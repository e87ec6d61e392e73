import type { Logger } from "../../util/logger.js";
import { MemoryCache } from "./memory.js";
import { RedisCache } from "./redis.js";
import type { FeatureCache } from "./types.js";

export { MemoryCache } from "./memory.js";
export { RedisCache } from "./redis.js";
export type { FeatureCache } from "./types.js";

/** Redis when a URL is configured (REDIS_URL), else the in-process LRU. */
export function createFeatureCache(options: { redisUrl?: string; maxBytes: number; logger?: Logger }): FeatureCache {
  return options.redisUrl ? new RedisCache(options.redisUrl, options.logger) : new MemoryCache(options.maxBytes);
}
