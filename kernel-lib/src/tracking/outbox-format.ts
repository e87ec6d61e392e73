/**
 * The on-disk format of a run parked in the outbox, `<outbox>/<local-run-id>/`:
 *   run.json           the header: experiment, run name, start time, initial tags, the MLflow run id if it got one
 *   ops/00000001.json  one file per logging call, in order (params, tags, metrics with steps and timestamps,
 *                      artifacts, and finally `end` with the status)
 *   artifacts/<n>      the bytes of each logged artifact, named by sequence number
 *   failed.json        present when a replay failed for a reason a retry cannot fix
 * Every file is written atomically (temp file + rename); the run folder itself appears by rename.
 */
import { z } from "zod";

/** Format version of run.json; bump on incompatible changes. */
export const OUTBOX_FORMAT = 1;

/** Tag carried by every run we create, holding its local id, so a replay can find a run it already created. */
export const OUTBOX_TAG = "openquant.outbox_id";

/** Tag holding the error of a failed run. */
export const ERROR_TAG = "openquant.error";

const record = z.record(z.string(), z.string());
// NaN and ±Infinity cannot be JSON numbers; they are stored as MLflow writes them.
const metricValue = z.union([z.number(), z.literal("NaN"), z.literal("Infinity"), z.literal("-Infinity")]);

/** run.json */
export const outboxHeaderSchema = z.object({
  format: z.literal(OUTBOX_FORMAT),
  localId: z.string().min(1),
  experiment: z.string().min(1),
  experimentId: z.string().optional(),
  mlflowRunId: z.string().optional(),
  runName: z.string().optional(),
  startTime: z.number().int(),
  tags: record,
  trackingUri: z.string(),
  /** The writing process, so a replay leaves a run alone while its writer is still alive. */
  writer: z.object({ pid: z.number().int(), host: z.string() }),
});

/** One logging call. */
export const outboxOpSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("params"), params: record }),
  z.object({ kind: z.literal("tags"), tags: record }),
  z.object({
    kind: z.literal("metrics"),
    metrics: z.array(z.object({ key: z.string(), value: metricValue, step: z.number().int(), timestamp: z.number().int() })),
  }),
  z.object({ kind: z.literal("artifact"), path: z.string(), file: z.string() }),
  z.object({ kind: z.literal("end"), status: z.enum(["FINISHED", "FAILED", "KILLED"]), endTime: z.number().int() }),
]);

/** run.json's content. */
export type OutboxHeader = z.infer<typeof outboxHeaderSchema>;
/** One ops/*.json file's content. */
export type OutboxOp = z.infer<typeof outboxOpSchema>;

/** File and folder names inside a run's outbox folder. */
export const OUTBOX_FILES = {
  header: "run.json",
  ops: "ops",
  artifacts: "artifacts",
  failed: "failed.json",
  lock: "replay.lock",
} as const;

/** The zero-padded name of op number `seq`, so names sort in logging order. */
export function opFileName(seq: number): string {
  return `${String(seq).padStart(8, "0")}.json`;
}
