import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BarsCache } from "./bars-cache.js";

const body = (text: string) => Buffer.from(text);

describe("BarsCache", () => {
  it("answers only for the data version the body was read at", () => {
    const cache = new BarsCache();
    cache.set("A|1d||", 3, body('{"ts":[1]}'));
    expect(cache.get("A|1d||", 3)?.body.toString()).toBe('{"ts":[1]}');
    expect(cache.get("A|1d||", 4)).toBeUndefined();
    expect(cache.get("B|1d||", 3)).toBeUndefined();
  });

  it("tags a body with the SHA-1 of its bytes", () => {
    const entry = new BarsCache().set("k", 1, body("hello"));
    expect(entry.etag).toBe(`"${createHash("sha1").update("hello").digest("base64url")}"`);
  });

  it("evicts the least recently used entries beyond its byte budget", () => {
    const cache = new BarsCache(10);
    cache.set("a", 1, body("aaaa"));
    cache.set("b", 1, body("bbbb"));
    expect(cache.get("a", 1)).toBeDefined(); // a is now the most recent
    cache.set("c", 1, body("cccc")); // 12 bytes > 10: b goes
    expect(cache.get("b", 1)).toBeUndefined();
    expect(cache.get("a", 1)?.body.toString()).toBe("aaaa");
    expect(cache.get("c", 1)?.body.toString()).toBe("cccc");
  });

  it("replaces an entry of an older version and never keeps a body over the budget", () => {
    const cache = new BarsCache(10);
    cache.set("a", 1, body("aaaa"));
    cache.set("a", 2, body("AAAAAA"));
    expect(cache.get("a", 1)).toBeUndefined();
    expect(cache.get("a", 2)?.body.toString()).toBe("AAAAAA");
    cache.set("big", 1, body("x".repeat(11)));
    expect(cache.get("big", 1)).toBeUndefined();
    expect(cache.get("a", 2)).toBeDefined();
  });
});
