/**
 * `openQuant()`: the one entry point of kernel-lib, in a notebook, the sidecar or the CLI.
 * It loads settings and wires the components (store, cache, tracking, scheduler) behind one object.
 */
import { loadSettings, type LoadOptions } from "./config/load.js";
import type { Settings } from "./config/schema.js";
import { Database } from "./data/store/database.js";
import { createFeatureCache } from "./features/cache/index.js";
import type { FeatureCache } from "./features/cache/types.js";
import { type HealthCheck, type HealthReport, overallStatus, runHealthChecks } from "./health.js";
import { mlflowHealthCheck } from "./tracking/health.js";
import { createLogger, type Logger } from "./util/logger.js";
import { VERSION } from "./version.js";

/** Options of openQuant(); everything defaults from configs/ and the environment. */
export interface OpenQuantOptions extends LoadOptions {
  /** Use these settings instead of loading them. */
  settings?: Settings;
  /** Use this logger instead of creating one. */
  logger?: Logger;
  /** Name written on every log line (e.g. "sidecar", "notebook"). */
  component?: string;
}

/** The OpenQuant platform as seen from one process. */
export class OpenQuant {
  private readonly startedAt = Date.now();
  private readonly extraChecks: HealthCheck[] = [];

  constructor(
    /** Validated settings. */
    readonly settings: Settings,
    /** The process's logger. */
    readonly logger: Logger,
    /** The DuckDB store's database. */
    readonly database: Database,
    /** The feature cache (memory or Redis). */
    readonly cache: FeatureCache,
  ) {}

  /** Adds a component to the health report (the sidecar adds its scheduler and job runner). */
  addHealthCheck(check: HealthCheck): void {
    this.extraChecks.push(check);
  }

  /** Measures every component and reports the platform's health. Never throws. */
  async health(): Promise<HealthReport> {
    const checks: HealthCheck[] = [
      {
        name: "duckdb",
        critical: true,
        check: async () => ({
          status: "up",
          version: await this.database.version(),
          details: { path: this.database.path },
        }),
      },
      { name: "cache", check: () => this.cache.health() },
      mlflowHealthCheck(this.settings.mlflow.tracking_uri),
      ...this.extraChecks,
    ];
    const components = await runHealthChecks(checks);
    const critical = new Set(checks.filter((c) => c.critical).map((c) => c.name));
    return {
      status: overallStatus(components, critical),
      version: VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 100) / 10,
      time: new Date().toISOString(),
      components,
    };
  }

  /** Releases the database file and connections. */
  async close(): Promise<void> {
    await this.cache.close();
    this.database.close();
  }
}

/**
 * Opens OpenQuant: loads settings (configs/*.yaml + OPENQUANT_* env), opens the DuckDB store,
 * connects the feature cache. `const oq = await openQuant()` in a notebook cell.
 */
export async function openQuant(options: OpenQuantOptions = {}): Promise<OpenQuant> {
  const settings = options.settings ?? loadSettings(options);
  const logger =
    options.logger ??
    createLogger({ level: settings.log_level, logDir: settings.log_dir, base: { component: options.component ?? "kernel-lib" } });
  const database = await Database.open(settings.duckdb_path);
  const cache = createFeatureCache({ redisUrl: settings.redis_url, maxBytes: settings.features.cache.max_bytes, logger });
  return new OpenQuant(settings, logger, database, cache);
}
