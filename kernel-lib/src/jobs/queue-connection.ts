/**
 * How the work queue connects to Redis. Every connection retries forever with a capped backoff and
 * never gives up on a command (`maxRetriesPerRequest: null`, which BullMQ's workers require), so
 * the sidecar and the workers ride out a Redis restart and carry on where they were.
 */
import type { RedisOptions } from "ioredis";
import { InvalidInput } from "../errors.js";

/** Longest wait between two reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/** The delay before reconnection attempt `times` (1-based): 100 ms more each time, at most 2 s. */
export function reconnectDelay(times: number): number {
  return Math.min(Math.max(1, times) * 100, MAX_RECONNECT_DELAY_MS);
}

/** ioredis options for a BullMQ connection to `url` (redis:// or rediss://, with user, password and db). */
export function queueConnection(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidInput(`Invalid Redis URL '${url}': use redis://host:port (or rediss:// for TLS).`, [{ path: "redis_url", message: "not a URL" }]);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new InvalidInput(`Invalid Redis URL '${url}': it must start with redis:// or rediss://.`, [{ path: "redis_url", message: "not a redis URL" }]);
  }
  const db = parsed.pathname.replace(/^\//, "");
  return {
    host: parsed.hostname || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: reconnectDelay,
    connectTimeout: 5_000,
  };
}

/** Where redis_url points, without credentials, for logs and health details. */
export function redactedRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || 6379}${u.pathname.length > 1 ? u.pathname : ""}`;
  } catch {
    return "(invalid URL)";
  }
}

/** The pub/sub channel on which the sidecar tells workers to cancel work (messages are queue ids). */
export function cancelChannel(queueName: string): string {
  return `openquant:${queueName}:cancel`;
}
