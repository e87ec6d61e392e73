import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../dates.js";
import { type ChartQuote, chartToFrame, isDateStamped } from "./chart-mapping.js";

const at = (iso: string) => new Date(iso);
const bar = (iso: string, close: number | null, extra: Partial<ChartQuote> = {}): ChartQuote => ({
  date: at(iso),
  open: close,
  high: close === null ? null : close + 1,
  low: close === null ? null : close - 1,
  close,
  volume: close === null ? null : 1000,
  ...extra,
});

describe("chartToFrame", () => {
  it("stamps daily bars at 00:00 UTC of the exchange's local date and keeps Yahoo's adjusted close", () => {
    // New York winter (UTC−5): Yahoo stamps the 2024-01-02 session at its 09:30 open, 14:30 UTC.
    const frame = chartToFrame(
      { meta: { gmtoffset: -18_000 }, quotes: [bar("2024-01-02T14:30:00Z", 185.64, { adjclose: 184.73 }), bar("2024-01-03T14:30:00Z", 184.25, { adjclose: 183.35 })] },
      "AAPL",
      "1d",
    );
    expect(Array.from(frame.ts)).toEqual([parseIsoDate("2024-01-02"), parseIsoDate("2024-01-03")]);
    expect(Array.from(frame.adjClose)).toEqual([184.73, 183.35]);
    expect(Array.from(frame.close)).toEqual([185.64, 184.25]);
    expect(frame.skipped).toEqual([]);
  });

  it("uses the local date for exchanges east of UTC (Sydney opens on the previous UTC day)", () => {
    // 2024-01-03 10:00 in Sydney (UTC+11) is 2024-01-02 23:00 UTC.
    const frame = chartToFrame({ meta: { gmtoffset: 39_600 }, quotes: [bar("2024-01-02T23:00:00Z", 7)] }, "BHP.AX", "1d");
    expect(Array.from(frame.ts)).toEqual([parseIsoDate("2024-01-03")]);
  });

  it("keeps intraday bar times and uses close as adjusted close when Yahoo sends none", () => {
    const frame = chartToFrame(
      { meta: { gmtoffset: -18_000 }, quotes: [bar("2024-01-05T14:30:00Z", 181.5), bar("2024-01-05T14:35:00Z", 181.2)] },
      "AAPL",
      "5m",
    );
    expect(Array.from(frame.ts)).toEqual([Date.UTC(2024, 0, 5, 14, 30), Date.UTC(2024, 0, 5, 14, 35)]);
    expect(Array.from(frame.adjClose)).toEqual([181.5, 181.2]);
  });

  it("drops null bars with a report and counts a missing volume as 0", () => {
    const frame = chartToFrame(
      {
        meta: { gmtoffset: 0 },
        quotes: [bar("2024-01-05T14:30:00Z", 10), bar("2024-01-05T14:35:00Z", null), bar("2024-01-05T14:40:00Z", 11, { volume: null }), bar("2024-01-05T14:45:00Z", 12, { high: null })],
      },
      "X",
      "5m",
    );
    expect(Array.from(frame.close)).toEqual([10, 11]);
    expect(Array.from(frame.volume)).toEqual([1000, 0]);
    expect(frame.skipped.map((s) => s.ts)).toEqual([Date.UTC(2024, 0, 5, 14, 35), Date.UTC(2024, 0, 5, 14, 45)]);
  });

  it("keeps the later of two bars on the same day (Yahoo repeats the live bar)", () => {
    const frame = chartToFrame(
      { meta: { gmtoffset: -18_000 }, quotes: [bar("2024-01-05T14:30:00Z", 10), bar("2024-01-05T20:59:00Z", 10.5)] },
      "X",
      "1d",
    );
    expect(Array.from(frame.close)).toEqual([10.5]);
    expect(frame.skipped).toHaveLength(1);
  });

  it("filters to the inclusive range after stamping", () => {
    const quotes = ["2024-01-02", "2024-01-03", "2024-01-04"].map((d) => bar(`${d}T14:30:00Z`, 1));
    const frame = chartToFrame({ meta: { gmtoffset: -18_000 }, quotes }, "X", "1d", parseIsoDate("2024-01-03"), parseIsoDate("2024-01-04"));
    expect(Array.from(frame.ts)).toEqual([parseIsoDate("2024-01-03"), parseIsoDate("2024-01-04")]);
  });

  it("knows which intervals are date-stamped", () => {
    expect(["1d", "5d", "1wk", "1mo", "3mo"].every((i) => isDateStamped(i as "1d"))).toBe(true);
    expect(["1m", "5m", "60m", "1h", "90m"].some((i) => isDateStamped(i as "1d"))).toBe(false);
  });
});
