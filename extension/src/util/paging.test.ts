import { describe, expect, it } from "vitest";
import { pageSlice } from "./paging.js";

describe("pageSlice", () => {
  it("cuts 2,520 rows into pages of 100, the last one short", () => {
    expect(pageSlice(2520, 100, 0)).toEqual({ page: 0, pages: 26, start: 0, end: 100 });
    expect(pageSlice(2520, 100, 25)).toEqual({ page: 25, pages: 26, start: 2500, end: 2520 });
  });

  it("clamps pages past either end", () => {
    expect(pageSlice(2520, 100, 99)).toMatchObject({ page: 25, start: 2500 });
    expect(pageSlice(2520, 100, -3)).toMatchObject({ page: 0, start: 0 });
  });

  it("has one empty page when there are no rows", () => {
    expect(pageSlice(0, 100, 4)).toEqual({ page: 0, pages: 1, start: 0, end: 0 });
  });
});
