import { describe, expect, it } from "vitest";
import { decodeFloats, encodeFloats, foldParamsSchema } from "./queue-folds.js";

describe("fold predictions on the wire", () => {
  it("round-trip bit for bit, NaN, infinities, -0 and subnormals included", () => {
    const values = Float64Array.from([0.1 + 0.2, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, -1.7976931348623157e308, 1 / 3]);
    const back = decodeFloats(encodeFloats(values));
    expect(new Uint8Array(back.buffer)).toEqual(new Uint8Array(values.buffer));
    expect(Object.is(back[1], -0)).toBe(true);
  });

  it("encode a view into a larger buffer as just its own values", () => {
    const big = Float64Array.from([1, 2, 3, 4, 5]);
    expect(Array.from(decodeFloats(encodeFloats(big.subarray(1, 3))))).toEqual([2, 3]);
    expect(decodeFloats(encodeFloats(new Float64Array(0)))).toHaveLength(0);
  });

  it("refuse fold params without a fold, with a negative one or with unknown keys", () => {
    expect(foldParamsSchema.safeParse({ spec: {}, modelParams: {}, fold: 0, testRows: 10 }).success).toBe(true);
    expect(foldParamsSchema.safeParse({ spec: {}, modelParams: {}, testRows: 10 }).success).toBe(false);
    expect(foldParamsSchema.safeParse({ spec: {}, modelParams: {}, fold: -1, testRows: 10 }).success).toBe(false);
    expect(foldParamsSchema.safeParse({ spec: {}, modelParams: {}, fold: 0, testRows: 10, extra: 1 }).success).toBe(false);
  });
});
