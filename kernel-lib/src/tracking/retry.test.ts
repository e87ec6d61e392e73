import { describe, expect, it } from "vitest";
import { backoffDelay, isRetryableStatus, retryAfterMs, wasNeverSent } from "./retry.js";

describe("retry policy", () => {
  it("retries 429 and 503 always, other 5xx only when repeating is harmless, 4xx never", () => {
    expect(isRetryableStatus(429, false)).toBe(true);
    expect(isRetryableStatus(503, false)).toBe(true);
    expect(isRetryableStatus(500, true)).toBe(true);
    expect(isRetryableStatus(500, false)).toBe(false);
    expect(isRetryableStatus(504, false)).toBe(false);
    expect(isRetryableStatus(400, true)).toBe(false);
    expect(isRetryableStatus(404, true)).toBe(false);
  });

  it("treats refused connections as never sent, resets as maybe sent", () => {
    expect(wasNeverSent("ECONNREFUSED")).toBe(true);
    expect(wasNeverSent("ECONNRESET")).toBe(false);
    expect(wasNeverSent(undefined)).toBe(false);
  });

  it("doubles the backoff ceiling per attempt up to the cap, with jitter below it", () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, 250, 4000, () => 1))).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect(backoffDelay(3, 250, 4000, () => 0.5)).toBe(1000);
    expect(backoffDelay(3, 250, 4000, () => 0)).toBe(0);
  });

  it("honours Retry-After in seconds or as a date, capped", () => {
    expect(retryAfterMs("2", 10_000)).toBe(2000);
    expect(retryAfterMs("120", 10_000)).toBe(10_000);
    const now = Date.parse("2024-01-01T00:00:00Z");
    expect(retryAfterMs("Mon, 01 Jan 2024 00:00:03 GMT", 10_000, now)).toBe(3000);
    expect(retryAfterMs(null, 10_000)).toBeUndefined();
    expect(retryAfterMs("soon", 10_000)).toBeUndefined();
  });
});
