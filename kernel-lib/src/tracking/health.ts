import type { HealthCheck } from "../health.js";
import { MlflowClient } from "./client.js";

/** Health of the MLflow tracking server, measured by the client (GET /health, /version and one API call). */
export function mlflowHealthCheck(trackingUri: string): HealthCheck {
  const client = new MlflowClient({ trackingUri, retries: 0, timeoutMs: 2_500 });
  return {
    name: "mlflow",
    async check() {
      const h = await client.health();
      if (h.ok) return { status: "up", version: h.version, details: { trackingUri } };
      return {
        status: "down",
        version: h.version,
        details: { trackingUri },
        error: `MLflow at ${trackingUri} is unusable (${h.error}); training keeps runs in the local outbox until it is back`,
      };
    },
  };
}
