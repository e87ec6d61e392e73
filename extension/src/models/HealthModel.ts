/** Polls the sidecar's /health and holds the latest answer, or why there is none. */
import { requestAPI } from "../api.js";
import { type Health, HealthSchema } from "../schemas/health.js";
import { PollingModel, type PollState } from "./PollingModel.js";

/** What the panel shows: nothing yet, the latest health, or the error of the latest check. */
export type HealthState = PollState<{ kind: "ready"; health: Health; checkedAt: Date }>;

/** Options of a HealthModel. */
export interface HealthModelOptions {
  /** Time between two polls while polling. */
  intervalMs: number;
  /** Fetches the health; the sidecar's GET /health by default. */
  fetchHealth?: () => Promise<Health>;
}

/** Fetches GET /health from the sidecar, validated; a "down" platform (HTTP 503) is an answer too. */
export function fetchHealth(): Promise<Health> {
  return requestAPI("health", { method: "GET" }, { schema: HealthSchema, acceptStatus: [503] });
}

/** The Health panel's model: one check on demand (`refresh`) or repeated ones (`start`). */
export class HealthModel extends PollingModel<{ kind: "ready"; health: Health; checkedAt: Date }> {
  private readonly _fetch: () => Promise<Health>;

  constructor(options: HealthModelOptions) {
    super(options.intervalMs);
    this._fetch = options.fetchHealth ?? fetchHealth;
  }

  protected async read(): Promise<{ kind: "ready"; health: Health; checkedAt: Date }> {
    return { kind: "ready", health: await this._fetch(), checkedAt: new Date() };
  }
}
