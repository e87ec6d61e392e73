import { describe, expect, it } from "vitest";
import { InvalidInput } from "../errors.js";
import { cancelChannel, queueConnection, reconnectDelay, redactedRedisUrl } from "./queue-connection.js";

describe("queue connection", () => {
  it("reads host, port, credentials and db from the URL, and never gives up on a command", () => {
    const o = queueConnection("redis://worker:s%40cret@redis.internal:6380/2");
    expect(o).toMatchObject({ host: "redis.internal", port: 6380, username: "worker", password: "s@cret", db: 2, maxRetriesPerRequest: null });
    expect(o.tls).toBeUndefined();
    expect(queueConnection("redis://localhost")).toMatchObject({ host: "localhost", port: 6379 });
    expect(queueConnection("rediss://cache.example:6390").tls).toEqual({});
  });

  it("refuses what is not a redis URL with a message naming the fix", () => {
    expect(() => queueConnection("http://localhost:6379")).toThrow(InvalidInput);
    expect(() => queueConnection("http://localhost:6379")).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => queueConnection("not a url")).toThrow(/redis:\/\/host:port/);
  });

  it("reconnects 100 ms later per attempt, at most every 2 s", () => {
    expect([1, 2, 5, 19, 20, 21, 1000].map(reconnectDelay)).toEqual([100, 200, 500, 1900, 2000, 2000, 2000]);
  });

  it("shows where Redis is without the password, and names the cancel channel per queue", () => {
    expect(redactedRedisUrl("redis://u:pw@h:6380/1")).toBe("redis://h:6380/1");
    expect(redactedRedisUrl("redis://h")).toBe("redis://h:6379");
    expect(cancelChannel("openquant")).toBe("openquant:openquant:cancel");
  });
});
