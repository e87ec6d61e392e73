import type { HealthCheck } from "../health.js";

/** Health of the MLflow tracking server: GET /health, and its version from GET /version. */
export function mlflowHealthCheck(trackingUri: string): HealthCheck {
  const base = trackingUri.replace(/\/+$/, "");
  return {
    name: "mlflow",
    async check() {
      const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2_500) }).catch((error: Error) => {
        const cause = (error.cause as { code?: string } | undefined)?.code ?? error.message;
        throw new Error(`MLflow at ${base} is unreachable (${cause}); runs are kept in the local outbox until it is back`);
      });
      if (!health.ok) return { status: "down", error: `MLflow at ${base} answered ${health.status}` };
      const version = await fetch(`${base}/version`, { signal: AbortSignal.timeout(2_500) }).then((r) => r.text());
      return { status: "up", version: version.trim(), details: { trackingUri: base } };
    },
  };
}
