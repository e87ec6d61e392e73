/**
 * Splits one logical log-batch into `runs/log-batch` requests that each respect MLflow's limits:
 * at most 1000 metrics, 100 params, 100 tags, 1000 entities in total, and a body under 1 MB.
 * Order is kept within each kind, which is what MLflow guarantees to honour.
 */
import {
  MAX_ENTITIES_PER_BATCH,
  MAX_METRICS_PER_BATCH,
  MAX_PARAMS_PER_BATCH,
  MAX_TAGS_PER_BATCH,
  TARGET_BATCH_REQUEST_BYTES,
} from "./limits.js";
import type { WireMetricValue } from "./metric-value.js";

/** A metric as `runs/log-batch` takes it. */
export interface WireMetric {
  key: string;
  value: WireMetricValue;
  timestamp: number;
  step: number;
}

/** A param or tag as `runs/log-batch` takes it. */
export interface WireKeyValue {
  key: string;
  value: string;
}

/** The entities of one `runs/log-batch` request. */
export interface WireBatch {
  metrics: WireMetric[];
  params: WireKeyValue[];
  tags: WireKeyValue[];
}

/** The limits to split by; MLflow's by default, smaller ones in tests. */
export interface BatchLimits {
  metrics: number;
  params: number;
  tags: number;
  total: number;
  bytes: number;
}

/** MLflow 3.17's limits, with headroom on the body size for the run id and JSON framing. */
export const MLFLOW_BATCH_LIMITS: BatchLimits = {
  metrics: MAX_METRICS_PER_BATCH,
  params: MAX_PARAMS_PER_BATCH,
  tags: MAX_TAGS_PER_BATCH,
  total: MAX_ENTITIES_PER_BATCH,
  bytes: TARGET_BATCH_REQUEST_BYTES,
};

function jsonBytes(item: unknown): number {
  return Buffer.byteLength(JSON.stringify(item), "utf8") + 1;
}

/** Splits `batch` into the fewest greedy requests that each stay within `limits`. */
export function splitBatch(batch: WireBatch, limits: BatchLimits = MLFLOW_BATCH_LIMITS): WireBatch[] {
  const queues = { params: [...batch.params], tags: [...batch.tags], metrics: [...batch.metrics] };
  const requests: WireBatch[] = [];
  while (queues.params.length + queues.tags.length + queues.metrics.length > 0) {
    const request: WireBatch = { metrics: [], params: [], tags: [] };
    let count = 0;
    let bytes = 0;
    // Params and tags first: they have the tighter per-kind caps, metrics fill what is left.
    for (const kind of ["params", "tags", "metrics"] as const) {
      const queue = queues[kind];
      const target = request[kind] as unknown[];
      while (queue.length > 0 && target.length < limits[kind] && count < limits.total) {
        const size = jsonBytes(queue[0]);
        if (count > 0 && bytes + size > limits.bytes) break;
        target.push(queue.shift());
        count += 1;
        bytes += size;
      }
    }
    requests.push(request);
  }
  return requests;
}
