/**
 * The outbox: where a run goes when MLflow cannot be reached, so training never fails or loses a run
 * because tracking is down. `OutboxWriter` parks one run on disk (format in outbox-format.ts);
 * `replayOutbox` (replay.ts) sends it to MLflow later, exactly once.
 */
import { hostname } from "node:os";
import { join } from "node:path";
import { mkdir, rename, rm } from "node:fs/promises";
import { Conflict } from "../errors.js";
import type { ArtifactSource } from "./artifacts.js";
import { TEMP_MARKER, copyFileAtomic, writeFileAtomic } from "./atomic.js";
import { toWireValue } from "./metric-value.js";
import { OUTBOX_FILES, OUTBOX_FORMAT, type OutboxHeader, type OutboxOp, opFileName } from "./outbox-format.js";
import type { EndStatus, LogBatch } from "./types.js";

/** What a run's outbox folder starts with. */
export type OutboxRunStart = Omit<OutboxHeader, "format" | "writer">;

/** Writes one run into `<outboxDir>/<localId>/`, one atomic file per logging call. */
export class OutboxWriter {
  /** The run's outbox folder. */
  readonly dir: string;
  private seq = 0;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** Creates the run's folder with its header; the folder appears complete or not at all. */
  static async create(outboxDir: string, start: OutboxRunStart): Promise<OutboxWriter> {
    const dir = join(outboxDir, start.localId);
    const staging = join(outboxDir, `${TEMP_MARKER}${start.localId}`);
    await mkdir(join(staging, OUTBOX_FILES.ops), { recursive: true });
    await mkdir(join(staging, OUTBOX_FILES.artifacts), { recursive: true });
    const header: OutboxHeader = { format: OUTBOX_FORMAT, ...start, writer: { pid: process.pid, host: hostname() } };
    await writeFileAtomic(join(staging, OUTBOX_FILES.header), JSON.stringify(header, null, 2));
    try {
      await rename(staging, dir);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw new Conflict(`Outbox folder ${dir} already exists; local run ids must be unique.`, [], { cause: error });
    }
    return new OutboxWriter(dir);
  }

  private async writeOp(op: OutboxOp): Promise<void> {
    this.seq += 1;
    await writeFileAtomic(join(this.dir, OUTBOX_FILES.ops, opFileName(this.seq)), JSON.stringify(op));
  }

  /** Parks params, tags and metrics (with their steps and timestamps). */
  async log(batch: LogBatch): Promise<void> {
    if (batch.params && Object.keys(batch.params).length > 0) await this.writeOp({ kind: "params", params: batch.params });
    if (batch.tags && Object.keys(batch.tags).length > 0) await this.writeOp({ kind: "tags", tags: batch.tags });
    if (batch.metrics && batch.metrics.length > 0) {
      const metrics = batch.metrics.map((m) => ({ key: m.key, value: toWireValue(m.value), step: m.step, timestamp: m.timestamp }));
      await this.writeOp({ kind: "metrics", metrics });
    }
  }

  /** Parks an artifact: its bytes (or a copy of its file) first, then the op that names it. */
  async artifact(path: string, source: ArtifactSource): Promise<void> {
    const file = `${OUTBOX_FILES.artifacts}/${String(this.seq + 1).padStart(8, "0")}`;
    const target = join(this.dir, file);
    if ("file" in source) await copyFileAtomic(source.file, target);
    else await writeFileAtomic(target, typeof source.data === "string" ? Buffer.from(source.data, "utf8") : source.data);
    await this.writeOp({ kind: "artifact", path, file });
  }

  /** Records the final status; from here on the run is ready to replay. */
  async end(status: EndStatus, endTime: number): Promise<void> {
    await this.writeOp({ kind: "end", status, endTime });
  }
}
