import { describe, expect, it } from "vitest";
import { splitBatch, type WireBatch } from "./batching.js";

function batchOf(params: number, tags: number, metrics: number, valueLength = 1): WireBatch {
  return {
    params: Array.from({ length: params }, (_, i) => ({ key: `p${i}`, value: "v".repeat(valueLength) })),
    tags: Array.from({ length: tags }, (_, i) => ({ key: `t${i}`, value: "v".repeat(valueLength) })),
    metrics: Array.from({ length: metrics }, (_, i) => ({ key: "m", value: i, timestamp: 1_700_000_000_000, step: i })),
  };
}

function bodyBytes(request: WireBatch): number {
  return Buffer.byteLength(JSON.stringify({ run_id: "0123456789abcdef0123456789abcdef", ...request }));
}

describe("splitBatch", () => {
  it("keeps a batch within the limits in one request", () => {
    expect(splitBatch(batchOf(100, 100, 800))).toHaveLength(1);
  });

  it("splits 250 params and 2500 metric points into requests within every MLflow limit, losing nothing", () => {
    const requests = splitBatch(batchOf(250, 0, 2500));
    for (const r of requests) {
      expect(r.params.length).toBeLessThanOrEqual(100);
      expect(r.tags.length).toBeLessThanOrEqual(100);
      expect(r.metrics.length).toBeLessThanOrEqual(1000);
      expect(r.params.length + r.tags.length + r.metrics.length).toBeLessThanOrEqual(1000);
    }
    // 250 params need 3 requests; 2500 metrics fit around them (100+900, 100+900, 50+700).
    expect(requests).toHaveLength(3);
    expect(requests.flatMap((r) => r.params.map((p) => p.key))).toEqual(Array.from({ length: 250 }, (_, i) => `p${i}`));
    expect(requests.flatMap((r) => r.metrics.map((m) => m.step))).toEqual(Array.from({ length: 2500 }, (_, i) => i));
  });

  it("splits by body size when long values would pass 1 MB", () => {
    // 100 params of 6000 characters and 100 tags of 8000: about 1.4 MB in one body.
    const requests = splitBatch(batchOf(100, 100, 0, 6000));
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const r of requests) expect(bodyBytes(r)).toBeLessThan(1_000_000);
    expect(requests.reduce((n, r) => n + r.params.length + r.tags.length, 0)).toBe(200);
  });

  it("counts multi-byte characters as bytes", () => {
    const params = Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: "€".repeat(5000) }));
    const requests = splitBatch({ params, tags: [], metrics: [] });
    // 100 × 5000 × 3 bytes = 1.5 MB: must not go in one request.
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const r of requests) expect(bodyBytes(r)).toBeLessThan(1_000_000);
  });

  it("sends nothing for an empty batch", () => {
    expect(splitBatch(batchOf(0, 0, 0))).toEqual([]);
  });
});
