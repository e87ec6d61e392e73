/**
 * The DuckDB-backed store: bars bulk-loaded with DuckDB's appender into a staging table, then
 * upserted into `ohlcv` in one transaction per ticker batch, so a crash leaves the previous state.
 * `ohlcv` holds the current bars (each with its `recorded_at`); a revised bar's previous value
 * moves to `ohlcv_revisions` with the time it was superseded, so as-of reads see the past exactly
 * while current reads stay one keyed range scan.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { InvalidInput, NotFound } from "../../errors.js";
import type { IngestResult } from "../ingest.js";
import { allocFrame, type BarFrame, INTERVALS, type Interval, setFrameColumns } from "../frame.js";
import { validateTicker } from "../providers/ticker.js";
import type { Database } from "./database.js";
import { closeMatches } from "../../util/suggest.js";
import type { BarQuery, DefineUniverseOptions, MarketStore, TickerInfo, UpsertResult } from "./types.js";
import { validateBars } from "./validate-bars.js";
import { isoOrNull } from "../../util/dates.js";
import { parseAsOf } from "./as-of.js";
import { type DataPinRecord, dataPinRecordSchema, insertPin, linkPin, selectPin } from "./pins.js";
import { RecordClock } from "./record-clock.js";
import { applyRetention, type RetentionOptions, type RetentionReport, retentionOptionsSchema } from "./retention.js";
import { readBarsAsOf } from "./revisions.js";
import { insertSnapshot, removeSnapshot, type SnapshotInfo, selectSnapshots, snapshotWatermark } from "./snapshots.js";
import { snapshotNameSchema } from "./as-of.js";
import { tickerSchema } from "../providers/ticker.js";
import { z } from "zod";
import { validate } from "../../util/validate.js";
import { parseDate } from "../../util/dates.js";
import { selectTickerAttributes, upsertTickerAttributes } from "../universes/attributes.js";
import { materialize } from "../universes/materialize.js";
import { type TickerAttributes, tickerAttributesSchema, type Universe, type UniverseDefinitionInput, type UniverseInfo, type UniverseVersionQuery, universeDefinitionSchema, universeNameSchema, universeVersionQuerySchema } from "../universes/schema.js";
import { insertUniverseVersion, markUniverseDeleted, selectMembers, selectUniverse, selectUniverses } from "../universes/store.js";

/** Revisions are kept this many days when no retention period is given (configs/data_sources.yaml sets it). */
export const DEFAULT_REVISION_DAYS = 365;

const snapshotRequestSchema = z.strictObject({
  name: snapshotNameSchema,
  tickers: z.array(tickerSchema).max(10_000).optional(),
  description: z.string().max(500).optional(),
});

const VALUE_COLUMNS = ["open", "high", "low", "close", "adj_close", "volume"] as const;
const differs = VALUE_COLUMNS.map((c) => `o.${c} IS DISTINCT FROM s.${c}`).join(" OR ");

/** Serializes work on the one connection: DuckDB transactions on a connection must not interleave. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}


/** Checks an interval name; unsupported ones are an InvalidInput listing the supported. */
export function validateInterval(interval: string): Interval {
  if ((INTERVALS as readonly string[]).includes(interval)) return interval as Interval;
  throw new InvalidInput(`Unsupported interval '${interval}': use one of ${INTERVALS.join(", ")}.`, [
    { path: "interval", message: `one of ${INTERVALS.join(", ")}` },
  ]);
}

/** Checks a time range: both ends finite when given, start ≤ end. */
export function validateRange(start: number | undefined, end: number | undefined): void {
  for (const [name, v] of [
    ["start", start],
    ["end", end],
  ] as const) {
    if (v !== undefined && !Number.isFinite(v)) throw new InvalidInput(`Invalid ${name} date.`, [{ path: name, message: "a date" }]);
  }
  if (start !== undefined && end !== undefined && start > end) {
    throw new InvalidInput(
      `The start ${new Date(start).toISOString().slice(0, 10)} is after the end ${new Date(end).toISOString().slice(0, 10)}.`,
      [{ path: "start", message: "must not be after end" }],
    );
  }
}

/** MarketStore over a DuckDB file this process owns. */
export class DuckStore implements MarketStore {
  private readonly lock = new Mutex();
  private readonly clock = new RecordClock();

  constructor(
    private readonly db: Database,
    private readonly options: { revisionRetentionDays?: number } = {},
  ) {}

  private get conn() {
    return this.db.connection;
  }

  /** Runs `task` inside one transaction, serialized with other store work. */
  transaction<T>(task: () => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      await this.conn.run("BEGIN TRANSACTION");
      try {
        const result = await task();
        await this.conn.run("COMMIT");
        return result;
      } catch (error) {
        await this.conn.run("ROLLBACK").catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * Runs bulk SQL work (an import of files) in one transaction on the writer connection, serialized
   * with other writes; `recordedAt` (epoch µs) is the recorded_at its bars take.
   */
  bulkWrite<T>(task: (conn: DuckDBConnection, recordedAt: number) => Promise<T>): Promise<T> {
    return this.transaction(() => task(this.conn, this.clock.next()));
  }

  /** Runs read-only work serialized with writes on the shared connection. */
  read<T>(task: () => Promise<T>): Promise<T> {
    return this.lock.run(task);
  }

  async writeBars(frame: BarFrame, provider: string): Promise<UpsertResult> {
    const ticker = validateTicker(frame.ticker);
    const interval = validateInterval(frame.interval);
    const { valid, rejected } = validateBars(frame);
    const received = frame.ts.length;
    const n = valid.ts.length;
    return this.transaction(async () => {
      // Staging holds only numbers (epoch ms as DOUBLE): the appender then writes 7 doubles per bar.
      await this.conn.run(
        `CREATE TEMP TABLE IF NOT EXISTS staging_raw (ts_ms DOUBLE, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE,
                                                      adj_close DOUBLE, volume DOUBLE)`,
      );
      await this.conn.run("DELETE FROM staging_raw");
      let inserted = 0;
      let updated = 0;
      if (n > 0) {
        await this.appendStaging(valid);
        const staged = `(SELECT $1::VARCHAR AS ticker, $2::VARCHAR AS interval, make_timestamp((ts_ms * 1000)::BIGINT) AS ts,
                                open, high, low, close, adj_close, volume FROM staging_raw)`;
        // Compare only with the stored bars of this ticker inside the batch's time range.
        const range = [ticker, interval, valid.ts[0] * 1000, valid.ts[n - 1] * 1000];
        const existing = `(SELECT * FROM ohlcv WHERE ticker = $1 AND interval = $2
                             AND ts BETWEEN make_timestamp($3::BIGINT) AND make_timestamp($4::BIGINT))`;
        const counts = (
          await this.conn.runAndReadAll(
            `SELECT count(*) FILTER (WHERE o.ts IS NULL) AS inserted,
                    count(*) FILTER (WHERE o.ts IS NOT NULL AND (${differs})) AS updated
             FROM ${staged} s LEFT JOIN ${existing} o USING (ticker, interval, ts)`,
            range,
          )
        ).getRowObjects()[0];
        inserted = Number(counts.inserted);
        updated = Number(counts.updated);
        const stamp = this.clock.next();
        if (inserted === n) {
          await this.conn.run(`INSERT INTO ohlcv SELECT *, make_timestamp($3::BIGINT) FROM ${staged}`, [ticker, interval, stamp]);
        } else if (inserted + updated > 0) {
          if (updated > 0) {
            // the previous value of each revised bar stays, valid until now
            await this.conn.run(
              `INSERT INTO ohlcv_revisions SELECT o.*, make_timestamp($5::BIGINT) FROM ${staged} s JOIN ${existing} o USING (ticker, interval, ts)
               WHERE ${differs}`,
              [...range, stamp],
            );
          }
          await this.conn.run(
            `INSERT INTO ohlcv SELECT s.*, make_timestamp($5::BIGINT) FROM ${staged} s LEFT JOIN ${existing} o USING (ticker, interval, ts)
             WHERE o.ts IS NULL OR ${differs}
             ON CONFLICT DO UPDATE SET ${[...VALUE_COLUMNS, "recorded_at"].map((c) => `${c} = excluded.${c}`).join(", ")}`,
            [...range, stamp],
          );
        }
        await this.conn.run("DELETE FROM staging_raw");
      }
      const changed = inserted + updated > 0 ? 1 : 0;
      const first = n ? valid.ts[0] * 1000 : null;
      const last = n ? valid.ts[n - 1] * 1000 : null;
      const version = (
        await this.conn.runAndReadAll(
          `INSERT INTO tickers (ticker, interval, provider, first_ts, last_ts, last_ingested_at, row_count, data_version)
           VALUES ($1, $2, $3, make_timestamp($4::BIGINT), make_timestamp($5::BIGINT), now()::TIMESTAMP, $6, $7)
           ON CONFLICT DO UPDATE SET provider = excluded.provider,
             first_ts = least(tickers.first_ts, excluded.first_ts), last_ts = greatest(tickers.last_ts, excluded.last_ts),
             last_ingested_at = excluded.last_ingested_at, row_count = tickers.row_count + excluded.row_count,
             data_version = tickers.data_version + excluded.data_version
           RETURNING data_version`,
          [ticker, interval, provider, first, last, inserted, changed],
        )
      ).getRowObjects()[0];
      return {
        ticker,
        interval,
        received,
        inserted,
        updated,
        unchanged: n - inserted - updated,
        rejected,
        dataVersion: Number(version.data_version),
      };
    });
  }

  /** Bulk-loads a frame's numbers into the staging table with DuckDB's appender (no row-by-row INSERT). */
  private async appendStaging(frame: BarFrame): Promise<void> {
    const appender = await this.conn.createAppender("staging_raw", "main", "temp");
    try {
      const { ts, open, high, low, close, adjClose, volume } = frame;
      for (let i = 0; i < ts.length; i++) {
        appender.appendDouble(ts[i]);
        appender.appendDouble(open[i]);
        appender.appendDouble(high[i]);
        appender.appendDouble(low[i]);
        appender.appendDouble(close[i]);
        appender.appendDouble(adjClose[i]);
        appender.appendDouble(volume[i]);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  async readBars(query: BarQuery): Promise<BarFrame> {
    const ticker = validateTicker(query.ticker);
    const interval = validateInterval(query.interval ?? "1d");
    validateRange(query.start, query.end);
    if (query.asOf !== undefined) return this.readAsOf(ticker, interval, query.start, query.end, query.asOf);
    // the hot read of the sidecar: on a reader connection, in parallel with other reads and with writes
    const reader = await this.db.read((conn) =>
      conn.runAndReadAll(
        `SELECT epoch_ms(ts)::DOUBLE, open, high, low, close, adj_close, volume FROM ohlcv
         WHERE ticker = $1 AND interval = $2 AND ts >= make_timestamp($3::BIGINT * 1000) AND ts <= make_timestamp($4::BIGINT * 1000)
         ORDER BY ts`,
        [ticker, interval, query.start ?? -62135596800000, query.end ?? 253402300799000],
      ),
    );
    const frame = allocFrame(ticker, interval, reader.currentRowCount);
    if (reader.currentRowCount === 0) {
      // no bars in the range: an unknown ticker, or a range before/after its history (no chunk, no columns)
      await this.read(async () => {
        if (!(await this.tickerInfoUnlocked(ticker, interval))) throw await this.unknownTicker(ticker, interval);
      });
      return frame;
    }
    const columns = reader.getColumns() as number[][];
    return setFrameColumns(frame, columns);
  }

  /** Bars as recorded by `asOf` (a time or a snapshot's watermark for this ticker). */
  private async readAsOf(ticker: string, interval: Interval, start: number | undefined, end: number | undefined, asOfInput: BarQuery["asOf"]): Promise<BarFrame> {
    const asOf = parseAsOf(asOfInput as NonNullable<BarQuery["asOf"]>);
    const asOfMs = asOf.kind === "time" ? asOf.ms : await this.read(() => snapshotWatermark(this.conn, asOf.name, ticker, interval));
    const frame = await this.db.read((conn) => readBarsAsOf(conn, ticker, interval, start, end, asOfMs));
    if (frame.ts.length === 0) {
      await this.read(async () => {
        if (!(await this.tickerInfoUnlocked(ticker, interval))) throw await this.unknownTicker(ticker, interval);
      });
      const first = await this.db.read((conn) => firstRecorded(conn, ticker, interval));
      if (first === undefined || first > asOfMs) {
        throw new InvalidInput(
          `No ${interval} bars of ${ticker} had been recorded by ${new Date(asOfMs).toISOString()}` +
            `${first === undefined ? "" : `: the first were recorded at ${new Date(first).toISOString()}`}. Use a later asOf, or none for the current bars.`,
          [{ path: "asOf", message: "before any data" }],
        );
      }
    }
    return frame;
  }

  /** Freezes the current bars of `tickers` (default all stored) under `name`: one watermark per ticker, no copy of bars. */
  async createSnapshot(name: string, tickers?: string[], description?: string): Promise<SnapshotInfo> {
    const input = validate(snapshotRequestSchema, { name, tickers, description }, "snapshot");
    return this.transaction(async () => {
      await insertSnapshot(this.conn, input.name, input.tickers, this.clock.nextWholeMillisecond(), input.description);
      return (await selectSnapshots(this.conn, input.name))[0];
    });
  }

  listSnapshots(): Promise<SnapshotInfo[]> {
    return this.read(() => selectSnapshots(this.conn));
  }

  async deleteSnapshot(name: string): Promise<void> {
    const valid = validate(snapshotNameSchema, name, "snapshot name");
    return this.transaction(() => removeSnapshot(this.conn, valid));
  }

  async recordPin(pin: DataPinRecord): Promise<void> {
    const valid = validate(dataPinRecordSchema, pin, "data pin");
    return this.transaction(() => insertPin(this.conn, valid));
  }

  getPin(runId: string): Promise<DataPinRecord | undefined> {
    return this.read(() => selectPin(this.conn, String(runId)));
  }

  linkPin(runId: string, mlflowRunId: string): Promise<void> {
    return this.transaction(() => linkPin(this.conn, runId, mlflowRunId));
  }

  async applyRetention(options: RetentionOptions = {}): Promise<RetentionReport> {
    const o = validate(retentionOptionsSchema, options, "retention options");
    const days = o.olderThanDays ?? this.options.revisionRetentionDays ?? DEFAULT_REVISION_DAYS;
    return this.transaction(() => applyRetention(this.conn, days, o.force, Date.now()));
  }

  async defineUniverse(name: string, definition: UniverseDefinitionInput, options: DefineUniverseOptions = {}): Promise<UniverseInfo> {
    const n = validate(universeNameSchema, name, "universe name");
    const def = validate(universeDefinitionSchema, definition, `universe '${n}'`);
    // a rule reads bars first, outside the write lock (reader connections), then one transaction writes
    const spells = await materialize(def, {
      dailyTickers: async () => [...new Set((await this.listTickers()).filter((t) => t.interval === "1d" && t.rows > 0).map((t) => t.ticker))],
      bars: (ticker, endMs) => this.readBars({ ticker, interval: "1d", end: endMs }),
    });
    const version = await this.transaction(() => insertUniverseVersion(this.conn, n, def, spells, options.source ?? "api", Date.now()));
    const { memberships: _m, ...info } = await this.read(() => selectUniverse(this.conn, n, { version }));
    return info;
  }

  listUniverses(): Promise<UniverseInfo[]> {
    return this.read(() => selectUniverses(this.conn));
  }

  getUniverse(name: string, query: UniverseVersionQuery = {}): Promise<Universe> {
    const n = validate(universeNameSchema, name, "universe name");
    const q = validate(universeVersionQuerySchema, query, "universe version");
    return this.read(() => selectUniverse(this.conn, n, q));
  }

  universeMembers(name: string, date: string | number | Date, query: UniverseVersionQuery = {}): Promise<string[]> {
    const n = validate(universeNameSchema, name, "universe name");
    const q = validate(universeVersionQuerySchema, query, "universe version");
    const ms = parseDate(date);
    if (!Number.isFinite(ms)) throw new InvalidInput(`'${String(date)}' is not a date: use YYYY-MM-DD or an ISO datetime.`, [{ path: "date", message: "a date" }]);
    return this.read(() => selectMembers(this.conn, n, ms, q));
  }

  async deleteUniverse(name: string): Promise<void> {
    const n = validate(universeNameSchema, name, "universe name");
    await this.transaction(() => markUniverseDeleted(this.conn, n, Date.now()));
  }

  async setTickerAttributes(rows: TickerAttributes[]): Promise<{ written: number }> {
    const valid = validate(z.array(tickerAttributesSchema).max(100_000), rows, "ticker attributes");
    const written = await this.transaction(() => upsertTickerAttributes(this.conn, valid, Date.now()));
    return { written };
  }

  tickerAttributes(tickers?: string[]): Promise<TickerAttributes[]> {
    const valid = tickers === undefined ? undefined : validate(z.array(tickerSchema).max(100_000), tickers, "tickers");
    return this.read(() => selectTickerAttributes(this.conn, valid));
  }

  /** Records a finished ingestion run; the same run id again is a no-op (a client may retry). */
  async recordIngestionRun(result: IngestResult, trigger: string): Promise<void> {
    await this.lock.run(() =>
      this.conn.run(
        `INSERT INTO ingestion_runs (id, started_at, finished_at, provider, interval, tickers, status, summary, trigger)
         VALUES ($1, $2::TIMESTAMP, $3::TIMESTAMP, $4, $5, $6::JSON::VARCHAR[], $7, $8::JSON, $9)
         ON CONFLICT (id) DO NOTHING`,
        [
          result.runId,
          result.startedAt.replace("Z", ""),
          result.finishedAt.replace("Z", ""),
          result.provider,
          result.interval,
          JSON.stringify(result.tickers.map((t) => t.ticker)),
          result.status,
          JSON.stringify({ totals: result.totals, tickers: result.tickers }),
          trigger,
        ],
      ),
    );
  }

  /** The most recent ingestion runs, newest first. */
  ingestionRuns(limit = 50): Promise<Array<{ id: string; startedAt: string; status: string; provider: string; trigger: string; summary: unknown }>> {
    return this.read(async () => {
      const rows = (
        await this.conn.runAndReadAll(
          "SELECT id, epoch_ms(started_at) AS s, status, provider, trigger, summary::VARCHAR AS summary FROM ingestion_runs ORDER BY started_at DESC LIMIT $1",
          [limit],
        )
      ).getRowObjects();
      return rows.map((r) => ({
        id: String(r.id),
        startedAt: isoOrNull(r.s) as string,
        status: String(r.status),
        provider: String(r.provider),
        trigger: String(r.trigger),
        summary: JSON.parse(String(r.summary)),
      }));
    });
  }

  private async unknownTicker(ticker: string, interval: string): Promise<NotFound> {
    const known = (await this.conn.runAndReadAll("SELECT DISTINCT ticker FROM tickers ORDER BY ticker")).getRowObjects();
    const names = known.map((r) => String(r.ticker));
    const close = closeMatches(ticker, names);
    const hint = close.length
      ? ` Did you mean ${close.join(", ")}?`
      : names.length
        ? ` Stored tickers: ${names.slice(0, 20).join(", ")}${names.length > 20 ? ", …" : ""}.`
        : " Nothing is stored yet: ingest it first (openquant ingest, or oq.ingest in a notebook).";
    return new NotFound(`No ${interval} bars stored for ${ticker}.${hint}`, [{ path: "ticker", message: "not stored" }]);
  }

  private async tickerInfoUnlocked(ticker: string, interval: string, conn = this.conn): Promise<TickerInfo | undefined> {
    const rows = (
      await conn.runAndReadAll(
        `SELECT ticker, interval, provider, epoch_ms(first_ts) AS f, epoch_ms(last_ts) AS l, epoch_ms(last_ingested_at) AS g,
                row_count, data_version FROM tickers WHERE ticker = $1 AND interval = $2`,
        [ticker, interval],
      )
    ).getRowObjects();
    return rows.length ? toInfo(rows[0]) : undefined;
  }

  tickerInfo(ticker: string, interval: Interval): Promise<TickerInfo | undefined> {
    validateTicker(ticker);
    validateInterval(interval);
    // asked on every cached read (the data version): a reader connection, not the writers' lock
    return this.db.read((conn) => this.tickerInfoUnlocked(ticker, interval, conn));
  }

  listTickers(): Promise<TickerInfo[]> {
    return this.read(async () => {
      const rows = (
        await this.conn.runAndReadAll(
          `SELECT ticker, interval, provider, epoch_ms(first_ts) AS f, epoch_ms(last_ts) AS l, epoch_ms(last_ingested_at) AS g,
                  row_count, data_version FROM tickers ORDER BY ticker, interval`,
        )
      ).getRowObjects();
      return rows.map(toInfo);
    });
  }

  barTimeFromEnd(ticker: string, interval: Interval, back: number): Promise<number | undefined> {
    validateTicker(ticker);
    return this.read(async () => {
      const rows = (
        await this.conn.runAndReadAll(
          "SELECT epoch_ms(ts)::DOUBLE AS t FROM ohlcv WHERE ticker = $1 AND interval = $2 ORDER BY ts DESC LIMIT 1 OFFSET $3",
          [ticker, validateInterval(interval), Math.max(0, Math.floor(back))],
        )
      ).getRowObjects();
      if (rows.length) return Number(rows[0].t);
      // fewer stored bars than `back`: start from the first one
      const first = (
        await this.conn.runAndReadAll("SELECT epoch_ms(min(ts))::DOUBLE AS t FROM ohlcv WHERE ticker = $1 AND interval = $2", [
          ticker,
          interval,
        ])
      ).getRowObjects()[0];
      return first.t === null ? undefined : Number(first.t);
    });
  }
}

/** When the first bar of a ticker still known was recorded (epoch ms), current or superseded. */
async function firstRecorded(conn: DuckDBConnection, ticker: string, interval: string): Promise<number | undefined> {
  const row = (
    await conn.runAndReadAll(
      `SELECT epoch_ms(least((SELECT min(recorded_at) FROM ohlcv WHERE ticker = $1 AND interval = $2),
                             (SELECT min(recorded_at) FROM ohlcv_revisions WHERE ticker = $1 AND interval = $2)))::DOUBLE AS f`,
      [ticker, interval],
    )
  ).getRowObjects()[0];
  return row.f === null ? undefined : Number(row.f);
}

function toInfo(row: Record<string, unknown>): TickerInfo {
  return {
    ticker: String(row.ticker),
    interval: String(row.interval) as Interval,
    provider: String(row.provider),
    firstBar: isoOrNull(row.f),
    lastBar: isoOrNull(row.l),
    lastIngestedAt: isoOrNull(row.g),
    rows: Number(row.row_count),
    dataVersion: Number(row.data_version),
  };
}
