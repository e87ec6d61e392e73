import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter, sleep } from "./backoff.js";

describe("backoffDelay", () => {
  it("doubles per retry, with jitter in the upper half, capped", () => {
    // Hand-computed: ceiling = min(max, base·2^(retry−1)); delay = ceiling/2 + random·ceiling/2.
    expect(backoffDelay(1, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(1, 500, 30_000, () => 0.999999)).toBeCloseTo(500, 2);
    expect(backoffDelay(2, 500, 30_000, () => 0.5)).toBe(750);
    expect(backoffDelay(3, 500, 30_000, () => 0)).toBe(1000);
    expect(backoffDelay(10, 500, 30_000, () => 1)).toBe(30_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.UTC(2024, 0, 2, 12, 0, 0);
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Tue, 02 Jan 2024 12:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Tue, 02 Jan 2024 11:00:00 GMT", now)).toBe(0);
  });
  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter("", 0)).toBeUndefined();
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
  });
});

describe("sleep", () => {
  it("waits, and stops at once when aborted", async () => {
    const t0 = performance.now();
    await sleep(30);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    await expect(sleep(10, AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
  });
});
