import { allocFrame } from "@openquant/kernel-lib";
import { tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { barsToArrow, barsToCsv } from "./bars-formats.js";

/** Two bars, the second without an adjusted close. */
function twoBars() {
  const frame = allocFrame("ACME.SAMPLE", "1d", 2);
  frame.ts.set([Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)]);
  frame.open.set([10, 11]);
  frame.high.set([12, 13]);
  frame.low.set([9, 10]);
  frame.close.set([11, 12.5]);
  frame.adjClose.set([10.5, Number.NaN]);
  frame.volume.set([1000, 2000]);
  return frame;
}

describe("bar encodings", () => {
  it("Arrow: a missing value is a null, as in JSON, not a NaN", () => {
    const table = tableFromIPC(barsToArrow(twoBars()));
    const adj = table.getChild("adj_close");
    expect(adj?.get(0)).toBe(10.5);
    expect(adj?.get(1)).toBeNull();
    expect(adj?.nullCount).toBe(1);
    expect(table.getChild("close")?.get(1)).toBe(12.5);
    expect(Number(table.getChild("ts")?.get(1))).toBe(Date.UTC(2024, 0, 3));
    expect(table.schema.metadata.get("ticker")).toBe("ACME.SAMPLE");
  });

  it("CSV: ISO dates, a missing value an empty field", () => {
    expect(barsToCsv(twoBars())).toBe(
      "date,open,high,low,close,adj_close,volume\n2024-01-02T00:00:00.000Z,10,12,9,11,10.5,1000\n2024-01-03T00:00:00.000Z,11,13,10,12.5,,2000\n",
    );
  });
});
