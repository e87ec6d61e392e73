import { describe, expect, it } from "vitest";
import { correlationMatrix } from "./correlation.js";

describe("correlationMatrix", () => {
  it("gives 1 for a linear rise, -1 for a linear fall and Pearson's r worked by hand otherwise", () => {
    // w against x, by hand: deviations (-1.5,-0.5,0.5,1.5) and (-1.5,0.5,-0.5,1.5); Σdxdw = 4, Σdx² = Σdw² = 5, r = 0.8.
    const { matrix, rows } = correlationMatrix(
      { x: [1, 2, 3, 4], up: [2, 4, 6, 8], down: [4, 3, 2, 1], w: [1, 3, 2, 4] },
      ["x", "up", "down", "w"],
    );
    expect(rows).toBe(4);
    expect(matrix[0][0]).toBeCloseTo(1, 12);
    expect(matrix[0][1]).toBeCloseTo(1, 12);
    expect(matrix[0][2]).toBeCloseTo(-1, 12);
    expect(matrix[0][3]).toBeCloseTo(0.8, 12);
    expect(matrix[3][0]).toBeCloseTo(0.8, 12);
    expect(matrix[2][3]).toBeCloseTo(-0.8, 12);
  });

  it("uses only the rows where every column is defined (warm-up nulls, NaN)", () => {
    // Without the first two rows, a and b are the x/w pair above (r = 0.8); with them they would not be.
    const a = [null, 100, 1, 2, 3, 4];
    const b = [5, Number.NaN, 1, 3, 2, 4];
    const { matrix, rows } = correlationMatrix({ a, b }, ["a", "b"]);
    expect(rows).toBe(4);
    expect(matrix[0][1]).toBeCloseTo(0.8, 12);
  });

  it("says null for a constant column or fewer than two rows", () => {
    expect(correlationMatrix({ a: [1, 2, 3], c: [7, 7, 7] }, ["a", "c"]).matrix).toEqual([
      [1, null],
      [null, null],
    ]);
    expect(correlationMatrix({ a: [1, null], b: [2, 3] }, ["a", "b"]).matrix).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});
