/**
 * Turning yahoo-finance2's `chart()` result into a bar frame:
 * - bars with a missing price (Yahoo's null bars) are dropped and reported; a missing volume is 0;
 * - intraday bars keep Yahoo's bar open time; daily and longer bars are stamped 00:00 UTC of the
 *   exchange-local trading date (Yahoo stamps them at the session open, e.g. 14:30 UTC in New York
 *   winter, and the bar of the current day at the last trade), so a day has one key whenever it is fetched;
 * - a second bar with the same time replaces the first (Yahoo repeats the live bar);
 * - adjClose is Yahoo's adjusted close when present (daily and longer), else close.
 */
import type { Interval } from "../../frame.js";
import { allocFrame } from "../../frame.js";
import { startOfUtcDay } from "../dates.js";
import type { FetchedFrame, SkippedRow } from "../provider.js";

/** One bar as yahoo-finance2 returns it (`chart(…, { return: "array" })`). */
export interface ChartQuote {
  date: Date;
  open?: number | null;
  high?: number | null;
  low?: number | null;
  close?: number | null;
  volume?: number | null;
  adjclose?: number | null;
}

/** The parts of a chart result the mapping reads. */
export interface ChartResultLike {
  meta: { gmtoffset?: number | null };
  quotes: readonly ChartQuote[];
}

const DATE_STAMPED: ReadonlySet<Interval> = new Set<Interval>(["1d", "5d", "1wk", "1mo", "3mo"]);

/** True for intervals whose bars are stamped with a date (00:00 UTC) rather than a time. */
export function isDateStamped(interval: Interval): boolean {
  return DATE_STAMPED.has(interval);
}

function isPrice(x: number | null | undefined): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/** Maps a chart result to a frame holding the bars with `start ≤ ts ≤ end`. */
export function chartToFrame(
  result: ChartResultLike,
  ticker: string,
  interval: Interval,
  start?: number,
  end?: number,
): FetchedFrame {
  const offsetMs = (result.meta.gmtoffset ?? 0) * 1000;
  const dated = isDateStamped(interval);
  const skipped: SkippedRow[] = [];
  const kept: { ts: number; q: ChartQuote }[] = [];
  for (const q of result.quotes) {
    const t = q.date.getTime();
    const ts = dated ? startOfUtcDay(t + offsetMs) : t;
    if (!(isPrice(q.open) && isPrice(q.high) && isPrice(q.low) && isPrice(q.close))) {
      skipped.push({ ts, reason: "null bar from Yahoo (no price for this period)" });
      continue;
    }
    if ((start !== undefined && ts < start) || (end !== undefined && ts > end)) continue;
    const previous = kept[kept.length - 1];
    if (previous && ts === previous.ts) {
      skipped.push({ ts, reason: "repeated bar for the same time; kept the later one" });
      kept[kept.length - 1] = { ts, q };
    } else if (previous && ts < previous.ts) {
      skipped.push({ ts, reason: "bar out of time order" });
    } else {
      kept.push({ ts, q });
    }
  }
  const frame = allocFrame(ticker, interval, kept.length);
  kept.forEach(({ ts, q }, i) => {
    frame.ts[i] = ts;
    frame.open[i] = q.open as number;
    frame.high[i] = q.high as number;
    frame.low[i] = q.low as number;
    frame.close[i] = q.close as number;
    frame.adjClose[i] = isPrice(q.adjclose) ? q.adjclose : (q.close as number);
    frame.volume[i] = isPrice(q.volume) ? q.volume : 0;
  });
  return { ...frame, skipped };
}
