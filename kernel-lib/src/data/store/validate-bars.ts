/**
 * Checks bars before they are stored: finite positive prices, high ≥ max(open, close),
 * low ≤ min(open, close), volume ≥ 0, timestamps strictly increasing. Bad rows are reported, never stored.
 */
import { type BarFrame, allocFrame } from "../frame.js";

/** A bar refused by validation: its row in the input, its time and why. */
export interface RejectedBar {
  row: number;
  ts: string;
  reason: string;
}

/** The rows that passed and a report of those that did not. */
export interface BarValidation {
  valid: BarFrame;
  rejected: RejectedBar[];
}

function problem(frame: BarFrame, i: number, lastTs: number): string | undefined {
  const { open, high, low, close, adjClose, volume, ts } = frame;
  if (!Number.isFinite(ts[i])) return "timestamp is not a number";
  if (ts[i] <= lastTs) return ts[i] === lastTs ? "duplicate timestamp" : "timestamp is earlier than the previous bar's";
  for (const [name, v] of [
    ["open", open[i]],
    ["high", high[i]],
    ["low", low[i]],
    ["close", close[i]],
    ["adj_close", adjClose[i]],
  ] as const) {
    if (!Number.isFinite(v)) return `${name} is not a finite number`;
    if (v <= 0) return `${name} is not positive (${v})`;
  }
  if (!Number.isFinite(volume[i]) || volume[i] < 0) return `volume must be a finite number ≥ 0 (got ${volume[i]})`;
  if (high[i] < Math.max(open[i], close[i])) return `high ${high[i]} is below max(open, close) ${Math.max(open[i], close[i])}`;
  if (low[i] > Math.min(open[i], close[i])) return `low ${low[i]} is above min(open, close) ${Math.min(open[i], close[i])}`;
  return undefined;
}

/** Splits a frame into valid rows and rejected ones, keeping the order of the valid rows. */
export function validateBars(frame: BarFrame): BarValidation {
  const n = frame.ts.length;
  const keep: number[] = [];
  const rejected: RejectedBar[] = [];
  let lastTs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const reason = problem(frame, i, lastTs);
    if (reason) {
      const ts = Number.isFinite(frame.ts[i]) ? new Date(frame.ts[i]).toISOString() : String(frame.ts[i]);
      rejected.push({ row: i, ts, reason });
    } else {
      keep.push(i);
      lastTs = frame.ts[i];
    }
  }
  if (rejected.length === 0) return { valid: frame, rejected };
  const valid = allocFrame(frame.ticker, frame.interval, keep.length);
  keep.forEach((src, dst) => {
    valid.ts[dst] = frame.ts[src];
    valid.open[dst] = frame.open[src];
    valid.high[dst] = frame.high[src];
    valid.low[dst] = frame.low[src];
    valid.close[dst] = frame.close[src];
    valid.adjClose[dst] = frame.adjClose[src];
    valid.volume[dst] = frame.volume[src];
  });
  return { valid, rejected };
}
