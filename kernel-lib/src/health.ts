/**
 * Health of the platform's components, measured for real: each check talks to its component
 * (a query, a PING, an HTTP call) and is timed. A check that throws or times out reports `down`.
 */

/** up: working; degraded: working without an optional part (e.g. cache off); down: not working. */
export type ComponentStatus = "up" | "degraded" | "down";

/** One component's measured health. */
export interface ComponentHealth {
  name: string;
  status: ComponentStatus;
  /** Round-trip time of the check, null when it did not answer. */
  latencyMs: number | null;
  version: string | null;
  details?: Record<string, unknown>;
  /** Why the component is degraded or down. */
  error?: string;
}

/** The whole platform's health. */
export interface HealthReport {
  status: ComponentStatus;
  version: string;
  uptimeSeconds: number;
  time: string;
  components: ComponentHealth[];
}

/** What a check returns; the runner adds the name and measures latency. */
export interface CheckResult {
  status: ComponentStatus;
  version?: string | null;
  details?: Record<string, unknown>;
  error?: string;
}

/** A named health check of one component. */
export interface HealthCheck {
  name: string;
  /** Components whose failure makes the platform down rather than degraded. */
  critical?: boolean;
  check(): Promise<CheckResult>;
}

/** Runs every check concurrently, each bounded by `timeoutMs`. Never throws. */
export async function runHealthChecks(checks: readonly HealthCheck[], timeoutMs = 3_000): Promise<ComponentHealth[]> {
  return Promise.all(
    checks.map(async (c): Promise<ComponentHealth> => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        });
        const result = await Promise.race([c.check(), timeout]);
        const latencyMs = Math.round((performance.now() - started) * 100) / 100;
        return { name: c.name, latencyMs, version: result.version ?? null, ...result };
      } catch (error) {
        return { name: c.name, status: "down", latencyMs: null, version: null, error: (error as Error).message };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/** down if a critical component is down; degraded if anything is not up; else up. */
export function overallStatus(components: readonly ComponentHealth[], critical: ReadonlySet<string>): ComponentStatus {
  if (components.some((c) => c.status === "down" && critical.has(c.name))) return "down";
  return components.every((c) => c.status === "up") ? "up" : "degraded";
}
