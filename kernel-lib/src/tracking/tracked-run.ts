/**
 * TrackedRun: the one interface a training caller logs through, whether the run goes live to MLflow
 * or to the outbox. A run that starts live and loses MLflow mid-way moves to the outbox at the failing
 * call (that call included) and stays there; what MLflow already acknowledged is not sent again until
 * replay, which re-sends idempotently. Calls are applied one at a time, in the order they were made.
 */
import { stat } from "node:fs/promises";
import { Conflict, InvalidInput, Unavailable } from "../errors.js";
import type { ArtifactSource } from "./artifacts.js";
import { toWireBatch } from "./batch-input.js";
import { MAX_TAG_VALUE_LENGTH } from "./limits.js";
import { OutboxWriter, type OutboxRunStart } from "./outbox.js";
import { ERROR_TAG } from "./outbox-format.js";
import { outboxSink, type RunSink } from "./run-sink.js";
import type { EndStatus, LogBatch } from "./types.js";
import { checkArtifactPath } from "./uris.js";

/** A param value; numbers and booleans are logged as their string form. */
export type ParamValue = string | number | boolean;

/** An artifact's content: text, bytes, or `{ file }` to upload a file from disk. */
export type ArtifactInput = string | Uint8Array | { file: string };

/** How a run ended and where it is. */
export interface RunOutcome {
  /** The run's local id (also its `openquant.outbox_id` tag). */
  localId: string;
  /** The status it ended with. */
  status: EndStatus;
  /** `mlflow` when it is in MLflow now, `outbox` when it waits for `replayOutbox()`. */
  destination: "mlflow" | "outbox";
  /** MLflow's run id, when the run reached MLflow. */
  runId?: string;
  /** The run's outbox folder, when parked. */
  outboxDir?: string;
}

/** A run being logged. */
export interface TrackedRun {
  /** Local id, assigned before MLflow is contacted. */
  readonly localId: string;
  /** Experiment name. */
  readonly experiment: string;
  /** MLflow's run id, when the run reached MLflow. */
  readonly runId: string | undefined;
  /** Where calls go now. */
  readonly destination: "mlflow" | "outbox";
  /** Why the run went to the outbox, when it did. */
  readonly fallbackReason: string | undefined;
  /** Logs params; a param already logged with another value is refused (MLflow params never change). */
  logParams(params: Record<string, ParamValue>): Promise<void>;
  /** Logs metric values at `step` (default 0). NaN and ±Infinity are allowed. */
  logMetrics(metrics: Record<string, number>, step?: number): Promise<void>;
  /** Sets tags (a later value replaces an earlier one). */
  setTags(tags: Record<string, string>): Promise<void>;
  /** Stores an artifact at `path` under the run's artifact root. */
  logArtifact(path: string, content: ArtifactInput): Promise<void>;
  /** Ends the run (default FINISHED). Calling it again returns the same outcome. */
  end(status?: EndStatus): Promise<RunOutcome>;
  /** Records `error` in the `openquant.error` tag and ends the run FAILED. */
  fail(error: unknown): Promise<RunOutcome>;
}

/** What a ResilientRun needs to know to open its outbox folder later. */
export interface RunContext {
  outboxDir: string;
  start: OutboxRunStart;
  /** Called once when the run moves to the outbox. */
  onFallback?: (info: { localId: string; reason: string }) => void;
}

function toSource(content: ArtifactInput): ArtifactSource {
  if (typeof content === "string" || content instanceof Uint8Array) return { data: content };
  if (content && typeof content === "object" && typeof content.file === "string") return { file: content.file };
  throw new InvalidInput("An artifact is a string, a Uint8Array/Buffer, or { file: '<path>' }.", [{ path: "content", message: "string | Uint8Array | { file }" }]);
}

/** The TrackedRun implementation: live while MLflow answers, outbox from the first Unavailable on. */
export class ResilientRun implements TrackedRun {
  readonly localId: string;
  readonly experiment: string;
  private sink: RunSink;
  private mlflowRunId: string | undefined;
  private reason: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly params = new Map<string, string>();
  private outcome: Promise<RunOutcome> | undefined;
  private outboxPath: string | undefined;

  constructor(
    private readonly context: RunContext,
    sink: RunSink,
    fallbackReason?: string,
  ) {
    this.localId = context.start.localId;
    this.experiment = context.start.experiment;
    this.mlflowRunId = context.start.mlflowRunId;
    this.sink = sink;
    this.reason = fallbackReason;
  }

  /** Wraps an outbox writer that already holds the run (the run never reached MLflow). */
  static parked(context: RunContext, writer: OutboxWriter, reason: string): ResilientRun {
    const run = new ResilientRun(context, outboxSink(writer), reason);
    run.outboxPath = writer.dir;
    return run;
  }

  get runId(): string | undefined {
    return this.mlflowRunId;
  }

  get destination(): "mlflow" | "outbox" {
    return this.sink.kind;
  }

  get fallbackReason(): string | undefined {
    return this.reason;
  }

  async logParams(params: Record<string, ParamValue>): Promise<void> {
    this.refuseIfEnded();
    const strings: Record<string, string> = {};
    for (const [key, value] of Object.entries(params ?? {})) {
      if (!["string", "number", "boolean"].includes(typeof value)) {
        throw new InvalidInput(`Param '${key}' must be a string, number or boolean; flatten nested values with flattenParams().`, [
          { path: `params.${key}`, message: `got ${value === null ? "null" : typeof value}` },
        ]);
      }
      strings[key] = String(value);
    }
    toWireBatch({ params: strings });
    const fresh: Record<string, string> = {};
    for (const [key, value] of Object.entries(strings)) {
      const before = this.params.get(key);
      if (before === undefined) fresh[key] = value;
      else if (before !== value) {
        throw new InvalidInput(
          `Param '${key}' was already logged as '${before}' and MLflow params cannot change within a run; log '${value}' as a metric or tag instead.`,
          [{ path: `params.${key}`, message: "already logged with another value" }],
        );
      }
    }
    for (const [key, value] of Object.entries(fresh)) this.params.set(key, value);
    if (Object.keys(fresh).length === 0) return;
    return this.apply({ params: fresh });
  }

  async logMetrics(metrics: Record<string, number>, step = 0): Promise<void> {
    this.refuseIfEnded();
    const timestamp = Date.now();
    const batch: LogBatch = { metrics: Object.entries(metrics ?? {}).map(([key, value]) => ({ key, value, step, timestamp })) };
    toWireBatch(batch);
    if (batch.metrics?.length === 0) return;
    return this.apply(batch);
  }

  async setTags(tags: Record<string, string>): Promise<void> {
    this.refuseIfEnded();
    toWireBatch({ tags });
    if (Object.keys(tags).length === 0) return;
    return this.apply({ tags: { ...tags } });
  }

  async logArtifact(path: string, content: ArtifactInput): Promise<void> {
    this.refuseIfEnded();
    const clean = checkArtifactPath(path);
    const source = toSource(content);
    // Enqueued before any await, so calls made without awaiting keep their order.
    const checked = "file" in source ? stat(source.file).then((s) => s.isFile(), () => false) : Promise.resolve(true);
    return this.enqueue(async (sink) => {
      if (!(await checked)) {
        throw new InvalidInput(`Cannot log artifact '${clean}': '${"file" in source ? source.file : ""}' is not a readable file.`, [
          { path: "file", message: "a file path" },
        ]);
      }
      await sink.artifact(clean, source);
    });
  }

  async end(status: EndStatus = "FINISHED"): Promise<RunOutcome> {
    if (!["FINISHED", "FAILED", "KILLED"].includes(status)) {
      throw new InvalidInput(`A run ends FINISHED, FAILED or KILLED, not '${status}'.`, [{ path: "status", message: "FINISHED | FAILED | KILLED" }]);
    }
    this.outcome ??= this.enqueue((sink) => sink.end(status, Date.now())).then(() => ({
      localId: this.localId,
      status,
      destination: this.sink.kind,
      ...(this.mlflowRunId ? { runId: this.mlflowRunId } : {}),
      ...(this.sink.kind === "outbox" && this.outboxPath ? { outboxDir: this.outboxPath } : {}),
    }));
    return this.outcome;
  }

  async fail(error: unknown): Promise<RunOutcome> {
    if (this.outcome) return this.outcome;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await this.setTags({ [ERROR_TAG]: message.slice(0, MAX_TAG_VALUE_LENGTH) });
    return this.end("FAILED");
  }

  private refuseIfEnded(): void {
    if (this.outcome) throw new Conflict(`Run ${this.localId} has already ended; start a new run to log more.`);
  }

  private apply(batch: LogBatch): Promise<void> {
    return this.enqueue((sink) => sink.log(batch));
  }

  /** Runs `action` after every earlier call, moving to the outbox (and retrying there) if MLflow is unavailable. */
  private enqueue(action: (sink: RunSink) => Promise<void>): Promise<void> {
    const result = this.queue.then(async () => {
      if (this.sink.kind === "mlflow") {
        try {
          await action(this.sink);
          return;
        } catch (error) {
          if (!(error instanceof Unavailable)) throw error;
          await this.moveToOutbox(error.message);
        }
      }
      await action(this.sink);
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async moveToOutbox(reason: string): Promise<void> {
    const start: OutboxRunStart = { ...this.context.start, ...(this.mlflowRunId ? { mlflowRunId: this.mlflowRunId } : {}) };
    const writer = await OutboxWriter.create(this.context.outboxDir, start);
    // Params MLflow already holds are parked again too: replay re-sends them idempotently, and the record is whole.
    if (this.params.size > 0) await writer.log({ params: Object.fromEntries(this.params) });
    this.sink = outboxSink(writer);
    this.outboxPath = writer.dir;
    this.reason = reason;
    this.context.onFallback?.({ localId: this.localId, reason });
  }
}
