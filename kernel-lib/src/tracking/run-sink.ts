/** Where a tracked run's calls go: straight to MLflow, or into the outbox. Both take the same three calls. */
import type { ArtifactSource } from "./artifacts.js";
import type { MlflowClient } from "./client.js";
import type { OutboxWriter } from "./outbox.js";
import type { EndStatus, LogBatch } from "./types.js";

/** The destination of a run's calls. */
export interface RunSink {
  /** `mlflow` when live, `outbox` when parked locally. */
  readonly kind: "mlflow" | "outbox";
  log(batch: LogBatch): Promise<void>;
  artifact(path: string, source: ArtifactSource): Promise<void>;
  end(status: EndStatus, endTime: number): Promise<void>;
}

/** Sends a run's calls to run `runId` in MLflow. */
export function liveSink(client: MlflowClient, runId: string): RunSink {
  return {
    kind: "mlflow",
    log: async (batch) => {
      await client.logBatch(runId, batch);
    },
    artifact: (path, source) => client.logArtifact(runId, path, source),
    end: (status, endTime) => client.updateRun(runId, status, endTime),
  };
}

/** Writes a run's calls into its outbox folder. */
export function outboxSink(writer: OutboxWriter): RunSink {
  return {
    kind: "outbox",
    log: (batch) => writer.log(batch),
    artifact: (path, source) => writer.artifact(path, source),
    end: (status, endTime) => writer.end(status, endTime),
  };
}
