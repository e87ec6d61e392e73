/**
 * The Tracker: the simple run API on top of MlflowClient and the outbox. `startRun` returns a
 * TrackedRun that logs live to MLflow, or to the outbox when MLflow cannot be reached;
 * `replayOutbox` later sends parked runs to MLflow.
 */
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { Unavailable } from "../errors.js";
import { validate } from "../util/validate.js";
import { toWireBatch } from "./batch-input.js";
import { MlflowClient } from "./client.js";
import type { MlflowClientOptions } from "./client-options.js";
import { OutboxWriter, type OutboxRunStart } from "./outbox.js";
import { OUTBOX_TAG } from "./outbox-format.js";
import { listOutbox, type OutboxSummary } from "./outbox-read.js";
import { type ReplayResult, replayOutbox } from "./replay.js";
import { liveSink } from "./run-sink.js";
import { ResilientRun, type TrackedRun } from "./tracked-run.js";

/** How to build a Tracker: a client (or its options) and the outbox folder (`<data_dir>/outbox`). */
export type TrackerOptions = ({ client: MlflowClient } | MlflowClientOptions) & {
  /** Where runs are parked while MLflow is unreachable. */
  outboxDir: string;
  /** Told when a run moves to the outbox (e.g. to warn in a notebook). */
  onFallback?: (info: { localId: string; reason: string }) => void;
};

/** What `startRun` takes. */
export interface StartRunOptions {
  /** Experiment name; created on first use. */
  experiment: string;
  /** Display name of the run. */
  runName?: string;
  /** Tags set when the run starts. */
  tags?: Record<string, string>;
}

const startRunSchema = z
  .object({
    experiment: z.string().trim().min(1, "an experiment name").max(500),
    runName: z.string().max(250).optional(),
    tags: z.record(z.string(), z.string()).default({}),
  })
  .strict();

function currentUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

/** Starts runs and replays the outbox against one MLflow server. */
export class Tracker {
  /** The MLflow client runs are logged with. */
  readonly client: MlflowClient;
  /** The outbox folder. */
  readonly outboxDir: string;
  private readonly onFallback: TrackerOptions["onFallback"];

  constructor(options: TrackerOptions) {
    const { outboxDir, onFallback, ...rest } = options;
    this.client = "client" in rest ? rest.client : new MlflowClient(rest as MlflowClientOptions);
    this.outboxDir = outboxDir;
    this.onFallback = onFallback;
  }

  /** Starts a run: live in MLflow when it answers, in the outbox otherwise. Never fails because MLflow is down. */
  async startRun(options: StartRunOptions): Promise<TrackedRun> {
    const input = validate(startRunSchema, options, "run options");
    toWireBatch({ tags: input.tags });
    const localId = randomUUID().replace(/-/g, "");
    const user = currentUser();
    const tags = { ...(user ? { "mlflow.user": user } : {}), "mlflow.source.type": "LOCAL", ...input.tags, [OUTBOX_TAG]: localId };
    const start: OutboxRunStart = {
      localId,
      experiment: input.experiment,
      ...(input.runName !== undefined ? { runName: input.runName } : {}),
      startTime: Date.now(),
      tags,
      trackingUri: this.client.trackingUri,
    };
    const context = { outboxDir: this.outboxDir, start, ...(this.onFallback ? { onFallback: this.onFallback } : {}) };
    try {
      const experiment = await this.client.getOrCreateExperiment(input.experiment);
      start.experimentId = experiment.experimentId;
      const run = await this.client.createRun({
        experimentId: experiment.experimentId,
        ...(input.runName !== undefined ? { runName: input.runName } : {}),
        startTime: start.startTime,
        tags,
      });
      start.mlflowRunId = run.info.runId;
      return new ResilientRun(context, liveSink(this.client, run.info.runId));
    } catch (error) {
      if (!(error instanceof Unavailable)) throw error;
      const writer = await OutboxWriter.create(this.outboxDir, start);
      this.onFallback?.({ localId, reason: error.message });
      return ResilientRun.parked(context, writer, error.message);
    }
  }

  /** Replays every parked run to MLflow, exactly once each. */
  replayOutbox(): Promise<ReplayResult> {
    return replayOutbox(this.client, this.outboxDir);
  }

  /** The runs parked in the outbox and their state. */
  listOutbox(): Promise<OutboxSummary[]> {
    return listOutbox(this.outboxDir);
  }
}

/** Builds a Tracker. */
export function createTracker(options: TrackerOptions): Tracker {
  return new Tracker(options);
}

/** A Tracker for OpenQuant's settings: MLflow at `mlflow.tracking_uri`, outbox in `<data_dir>/outbox`. */
export function trackerFromSettings(
  settings: { data_dir: string; mlflow: { tracking_uri: string } },
  options: Omit<MlflowClientOptions, "trackingUri"> & { onFallback?: TrackerOptions["onFallback"] } = {},
): Tracker {
  return new Tracker({ ...options, trackingUri: settings.mlflow.tracking_uri, outboxDir: join(settings.data_dir, "outbox") });
}
