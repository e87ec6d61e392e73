/**
 * As-of reads: the bars of one ticker exactly as recorded by a time. A bar's current value counts
 * when it was recorded by then; a superseded value counts when it was recorded by then and replaced
 * only after. At most one value of each bar satisfies that, so the union needs no window function.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { allocFrame, type BarFrame, type Interval, setFrameColumns } from "../frame.js";

const MIN_MS = -62135596800000;
const MAX_MS = 253402300799000;
const COLUMNS = "ts, open, high, low, close, adj_close, volume";

/** Bars of `ticker` in [start, end] as known at `asOfMs` (epoch ms), oldest first. */
export async function readBarsAsOf(
  conn: DuckDBConnection,
  ticker: string,
  interval: Interval,
  start: number | undefined,
  end: number | undefined,
  asOfMs: number,
): Promise<BarFrame> {
  const inRange = "ticker = $1 AND interval = $2 AND ts >= make_timestamp($3::BIGINT * 1000) AND ts <= make_timestamp($4::BIGINT * 1000)";
  const asOf = "make_timestamp($5::BIGINT * 1000)";
  const reader = await conn.runAndReadAll(
    `SELECT epoch_ms(ts)::DOUBLE, open, high, low, close, adj_close, volume FROM (
       SELECT ${COLUMNS} FROM ohlcv WHERE ${inRange} AND recorded_at <= ${asOf}
       UNION ALL
       SELECT ${COLUMNS} FROM ohlcv_revisions WHERE ${inRange} AND recorded_at <= ${asOf} AND superseded_at > ${asOf}
     ) ORDER BY ts`,
    [ticker, interval, start ?? MIN_MS, end ?? MAX_MS, asOfMs],
  );
  const frame = allocFrame(ticker, interval, reader.currentRowCount);
  if (reader.currentRowCount === 0) return frame;
  const columns = reader.getColumns() as number[][];
  return setFrameColumns(frame, columns);
}
