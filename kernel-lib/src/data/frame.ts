/**
 * The columnar frame of OHLCV bars that providers return and the store reads and writes:
 * one typed array per column, timestamps as epoch milliseconds (UTC), rows in time order.
 */

/** The intervals OpenQuant understands, from intraday to monthly. */
export const INTERVALS = ["1m", "2m", "5m", "15m", "30m", "60m", "90m", "1h", "1d", "5d", "1wk", "1mo", "3mo"] as const;
/** A bar interval, e.g. `1d` or `5m`. */
export type Interval = (typeof INTERVALS)[number];

/** OHLCV bars of one ticker and interval, column by column. */
export interface BarFrame {
  ticker: string;
  interval: Interval;
  /** Bar open times, epoch milliseconds UTC, strictly increasing. */
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** Close adjusted for splits and dividends (equals close when the source has no adjustment). */
  adjClose: Float64Array;
  volume: Float64Array;
}

/** One bar as a plain object (the row view of a frame). */
export interface Bar {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  adjClose: number;
  volume: number;
}

/** The numeric columns of a frame, in storage order. */
export const BAR_COLUMNS = ["ts", "open", "high", "low", "close", "adjClose", "volume"] as const;

/** Number of bars in a frame. */
export function frameLength(frame: BarFrame): number {
  return frame.ts.length;
}

/** An empty frame with `n` zeroed rows, to be filled column by column. */
export function allocFrame(ticker: string, interval: Interval, n: number): BarFrame {
  return {
    ticker,
    interval,
    ts: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    adjClose: new Float64Array(n),
    volume: new Float64Array(n),
  };
}

/** Copies columns read in the order ts, open, high, low, close, adj_close, volume into `frame`. */
export function setFrameColumns(frame: BarFrame, columns: ArrayLike<number>[]): BarFrame {
  const order = ["ts", "open", "high", "low", "close", "adjClose", "volume"] as const;
  for (const [i, name] of order.entries()) frame[name].set(columns[i] as ArrayLike<number>);
  return frame;
}

/** Builds a frame from rows (copying). */
export function frameFromBars(ticker: string, interval: Interval, bars: readonly Bar[]): BarFrame {
  const frame = allocFrame(ticker, interval, bars.length);
  bars.forEach((b, i) => {
    for (const c of BAR_COLUMNS) frame[c][i] = b[c];
  });
  return frame;
}

/** Row `i` of a frame as an object. */
export function barAt(frame: BarFrame, i: number): Bar {
  return {
    ts: frame.ts[i],
    open: frame.open[i],
    high: frame.high[i],
    low: frame.low[i],
    close: frame.close[i],
    adjClose: frame.adjClose[i],
    volume: frame.volume[i],
  };
}

/** All rows of a frame as objects, for display and small frames. */
export function frameRows(frame: BarFrame): Bar[] {
  const rows: Bar[] = new Array(frameLength(frame));
  for (let i = 0; i < rows.length; i++) rows[i] = barAt(frame, i);
  return rows;
}

/** Rows `[from, to)` of a frame, sharing memory with it. */
export function sliceFrame(frame: BarFrame, from: number, to: number): BarFrame {
  return {
    ticker: frame.ticker,
    interval: frame.interval,
    ts: frame.ts.subarray(from, to),
    open: frame.open.subarray(from, to),
    high: frame.high.subarray(from, to),
    low: frame.low.subarray(from, to),
    close: frame.close.subarray(from, to),
    adjClose: frame.adjClose.subarray(from, to),
    volume: frame.volume.subarray(from, to),
  };
}
