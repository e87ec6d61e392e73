/**
 * Data pins: the exact bars a training run read (per ticker: range, asOf, count and SHA-256), kept
 * in the store at train time — even when MLflow is down — so retention can spare what runs need
 * and `reproduce` can prove it reads the very same bars again.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { INTERVALS } from "../frame.js";
import { tickerSchema } from "../providers/ticker.js";
import { snapshotNameSchema } from "./as-of.js";

/** A time in epoch ms between the years 1 and 9999 (what DuckDB's timestamps and the store's ranges hold). */
const epochMs = z.number().int().min(-62135596800000).max(253402300799000);

/** One ticker's bars as a run read them. Times are epoch ms; null range ends mean "from the first" / "to the last" bar. */
export const pinnedRangeSchema = z.strictObject({
  ticker: tickerSchema,
  interval: z.enum(INTERVALS),
  start: epochMs.nullable(),
  end: epochMs.nullable(),
  /** The bars as recorded by this time (epoch ms). */
  asOf: epochMs,
  rows: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** What a run pinned: its id, the asOf (and snapshot) it read at, each ticker's range, plus free-form detail. */
export const dataPinRecordSchema = z.strictObject({
  /** The run's local id (its outbox id), known before MLflow answers. */
  runId: z.string().regex(/^[\w-]{1,100}$/, "a run id: letters, digits, '_' or '-'"),
  mlflowRunId: z.string().regex(/^[0-9a-f]{32}$/, "an MLflow run id (32 hex characters)").optional(),
  createdAt: epochMs,
  asOf: epochMs,
  snapshot: snapshotNameSchema.optional(),
  ranges: z
    .array(pinnedRangeSchema)
    .min(1)
    .max(500)
    .refine((ranges) => new Set(ranges.map((r) => `${r.ticker}|${r.interval}`)).size === ranges.length, "one range per ticker and interval"),
  /** Anything else the caller keeps with the pin (spec, feature set, versions). */
  detail: z.record(z.string(), z.unknown()).default({}),
});

/** One ticker's pinned range. */
export type PinnedRange = z.output<typeof pinnedRangeSchema>;
/** A run's data pin. */
export type DataPinRecord = z.input<typeof dataPinRecordSchema>;

const ts = (ms: number | null) => (ms === null ? null : ms * 1000);

/** Writes (or replaces) a pin and its ranges. */
export async function insertPin(conn: DuckDBConnection, pin: DataPinRecord): Promise<void> {
  await conn.run("DELETE FROM data_pin_ranges WHERE run_id = $1", [pin.runId]);
  await conn.run("DELETE FROM data_pins WHERE run_id = $1", [pin.runId]);
  await conn.run(
    "INSERT INTO data_pins VALUES ($1, $2, make_timestamp($3::BIGINT), make_timestamp($4::BIGINT), $5, $6::JSON)",
    [pin.runId, pin.mlflowRunId ?? null, pin.createdAt * 1000, pin.asOf * 1000, pin.snapshot ?? null, JSON.stringify(pin)],
  );
  for (const r of pin.ranges) {
    await conn.run(
      "INSERT INTO data_pin_ranges VALUES ($1, $2, $3, make_timestamp($4::BIGINT), make_timestamp($5::BIGINT), make_timestamp($6::BIGINT))",
      [pin.runId, r.ticker, r.interval, ts(r.start), ts(r.end), r.asOf * 1000],
    );
  }
}

/** The pin of a run, by its local id or its MLflow run id. */
export async function selectPin(conn: DuckDBConnection, runId: string): Promise<DataPinRecord | undefined> {
  const rows = (await conn.runAndReadAll("SELECT pin::VARCHAR AS p FROM data_pins WHERE run_id = $1 OR mlflow_run_id = $1 LIMIT 1", [runId])).getRowObjects();
  return rows.length ? (JSON.parse(String(rows[0].p)) as DataPinRecord) : undefined;
}

/** Records the MLflow run id of a pin once the run reached MLflow. */
export async function linkPin(conn: DuckDBConnection, runId: string, mlflowRunId: string): Promise<void> {
  await conn.run(
    "UPDATE data_pins SET mlflow_run_id = $2, pin = json_merge_patch(pin, json_object('mlflowRunId', $2::VARCHAR)) WHERE run_id = $1",
    [runId, mlflowRunId],
  );
}
