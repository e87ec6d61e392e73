/**
 * The one zod schema of OpenQuant's settings: the three YAML files under configs/ plus the
 * process settings that OPENQUANT_* environment variables override. Every key has a default.
 */
import { z } from "zod";
import { universesConfigSchema } from "../data/universes/schema.js";

const port = z.number().int().min(1).max(65535);
const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** A scheduled job as written in YAML; the scheduler validates `params` per kind. */
export const scheduleConfigSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, '_' or '-', at most 64"),
    kind: z.enum(["ingest", "features", "train", "notebook"]),
    cron: z.string().min(1),
    timezone: z.string().default("UTC"),
    enabled: z.boolean().default(true),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** configs/data_sources.yaml */
export const dataSourcesSchema = z
  .object({
    default_provider: z.enum(["sample", "csv", "yahoo"]).default("sample"),
    default_interval: z.string().default("1d"),
    providers: z
      .object({
        sample: z
          .object({
            seed: z.number().int().default(42),
            start: z.string().default("2008-01-02"),
            tickers: z.array(z.string()).default([]),
          })
          .strict()
          .prefault({}),
        yahoo: z
          .object({
            retries: z.number().int().min(0).max(10).default(3),
            backoff_ms: z.number().int().min(0).default(500),
            timeout_ms: z.number().int().min(100).default(15000),
          })
          .strict()
          .prefault({}),
        csv: z.object({ directory: z.string().default("data/imports") }).strict().prefault({}),
      })
      .strict()
      .prefault({}),
    ingestion: z
      .object({
        concurrency: z.number().int().min(1).max(64).default(4),
        overlap_bars: z.number().int().min(0).max(1000).default(5),
        batch_rows: z.number().int().min(1).default(100_000),
      })
      .strict()
      .prefault({}),
    /** Bar revisions: superseded values are kept this many days, longer when a snapshot or run pin needs them. */
    retention: z
      .object({ revision_days: z.number().int().min(0).max(100_000).default(365) })
      .strict()
      .prefault({}),
    schedules: z.array(scheduleConfigSchema).default([]),
  })
  .strict();

/** A feature set entry: a registered feature name and its parameters. */
export const featureRefSchema = z
  .object({ name: z.string().min(1), params: z.record(z.string(), z.unknown()).default({}) })
  .strict();

/** configs/features.yaml */
export const featuresConfigSchema = z
  .object({
    cache: z
      .object({
        backend: z.enum(["memory", "redis"]).default("memory"),
        ttl_seconds: z.number().int().min(1).default(86_400),
        max_bytes: z.number().int().min(1024).default(256 * 1024 * 1024),
      })
      .strict()
      .prefault({}),
    sets: z.record(z.string(), z.array(featureRefSchema)).default({}),
  })
  .strict();

/** configs/model_config.yaml; each model type validates its own hyperparameters. */
export const modelConfigSchema = z
  .object({
    experiment: z.string().min(1).default("openquant"),
    defaults: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    training: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** Process settings, overridable by environment variables (see env.ts). */
export const runtimeSchema = z
  .object({
    home: z.string(),
    config_dir: z.string(),
    data_dir: z.string(),
    duckdb_path: z.string(),
    log_dir: z.string(),
    outputs_dir: z.string(),
    notebooks_dir: z.string(),
    venv_dir: z.string(),
    log_level: logLevel.default("info"),
    api_url: z.url().optional(),
    redis_url: z.string().regex(/^rediss?:\/\//, "a redis:// or rediss:// URL").optional(),
    queue: z.enum(["inprocess", "redis"]).default("inprocess"),
    mlflow: z
      .object({
        tracking_uri: z.url().default("http://127.0.0.1:5000"),
        experiment: z.string().optional(),
        /** Port of the MLflow server that `openquant up` starts when no external one is configured. */
        port: port.default(5000),
      })
      .strict()
      .prefault({}),
    server: z
      .object({
        host: z.string().default("127.0.0.1"),
        port: port.default(8000),
        /** "token" (the default): every route but /health needs the bearer token; "none" only on loopback, explicitly. */
        auth: z.enum(["token", "none"]).default("token"),
        /** The bearer token: OPENQUANT_TOKEN, else the one `serve` keeps in `<data_dir>/sidecar.token`. */
        token: z
          .string()
          .min(16, "at least 16 characters")
          .regex(/^[A-Za-z0-9._~+/=-]+$/, "letters, digits and . _ ~ + / = - only (an RFC 6750 bearer token)")
          .optional(),
        /** Host names the sidecar answers besides its own (localhost, 127.0.0.1, [::1], its address); "*" any, ".example.com" a domain and its subdomains. */
        allowed_hosts: z.array(z.string().regex(/^(\*|\.?[A-Za-z0-9_.:[\]-]+)$/, "a host name, an IP address, '.domain' or '*'")).default([]),
        cors_origins: z.array(z.string()).default(["http://127.0.0.1:8888", "http://localhost:8888"]),
        /** Mutating requests (POST/PUT/DELETE) allowed per client per window. */
        rate_limit: z
          .object({ window_ms: z.number().int().min(1000).default(60_000), limit: z.number().int().min(1).default(600) })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    jupyter: z.object({ port: port.default(8888) }).strict().prefault({}),
    jobs: z
      .object({
        /** Jobs running at once in the sidecar. */
        concurrency: z.number().int().min(1).max(64).default(2),
        /** On SIGTERM, how long running jobs may finish before they are interrupted. */
        shutdown_grace_ms: z.number().int().min(0).default(20_000),
      })
      .strict()
      .prefault({}),
    /** The BullMQ work queue (OPENQUANT_QUEUE=redis) and the `openquant worker` processes that take its jobs. */
    workers: z
      .object({
        /** Queue name in Redis; sidecars and workers that share it share the work. */
        queue_name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, '_' or '-', at most 64").default("openquant"),
        /** Jobs one worker process runs at once. */
        concurrency: z.number().int().min(1).max(64).default(1),
        /** Tickers per queued ingestion job: a big ingestion is split into batches that workers share. */
        ingest_batch: z.number().int().min(1).max(2000).default(5),
        /** Tries of a job that fails transiently (sidecar, MLflow or network unavailable), with exponential backoff. */
        attempts: z.number().int().min(1).max(20).default(3),
        /** Wait before the second try; doubled for each further one. */
        backoff_ms: z.number().int().min(0).default(1_000),
        /** A worker's lock on a job, renewed at half this; a killed worker's job goes to another within about lock + stalled. */
        lock_ms: z.number().int().min(1_000).default(30_000),
        /** How often workers look for jobs whose worker died. */
        stalled_ms: z.number().int().min(500).default(15_000),
        /** On SIGTERM, how long running jobs may finish before the worker leaves them to others. */
        shutdown_grace_ms: z.number().int().min(0).default(20_000),
      })
      .strict()
      .prefault({}),
    notebooks: z
      .object({
        /** A notebook run that takes longer is stopped (its kernel killed) and recorded as "timeout". */
        timeout_seconds: z.number().int().min(1).max(86_400).default(600),
        /** Notebooks executing at once in one process; more wait for a slot. */
        concurrency: z.number().int().min(1).max(16).default(1),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** configs/server.yaml: the sidecar's settings that belong with the deployment (environment variables override them). */
export const serverConfigSchema = z
  .object({
    /** Host names the sidecar answers besides its own (OPENQUANT_ALLOWED_HOSTS overrides). */
    allowedHosts: z.array(z.string()).default([]),
    /** "token" (default) or "none" (OPENQUANT_AUTH overrides). */
    auth: z.enum(["token", "none"]).optional(),
  })
  .strict();

/** A schedule as configs/data_sources.yaml declares it. */
export type ScheduleConfig = z.output<typeof scheduleConfigSchema>;
/** configs/data_sources.yaml: providers, ingestion and schedules. */
export type DataSourcesConfig = z.output<typeof dataSourcesSchema>;
/** One feature of a set: its name and parameters. */
export type FeatureRefConfig = z.output<typeof featureRefSchema>;
/** configs/features.yaml: the cache and the named feature sets. */
export type FeaturesConfig = z.output<typeof featuresConfigSchema>;
/** configs/server.yaml: allowed host names and the auth mode. */
export type ServerConfig = z.output<typeof serverConfigSchema>;
/** configs/model_config.yaml: experiment, hyperparameter defaults and the training spec. */
export type ModelConfig = z.output<typeof modelConfigSchema>;
/** configs/universes.yaml: universes by name (list, csv or rule), defined when the sidecar starts. */
export type UniversesConfig = z.output<typeof universesConfigSchema>;
/** Process settings: paths, services, ports and limits, overridable by OPENQUANT_* variables. */
export type RuntimeSettings = z.output<typeof runtimeSchema>;

/** All of OpenQuant's settings, validated. */
export interface Settings extends RuntimeSettings {
  /** configs/data_sources.yaml */
  dataSources: DataSourcesConfig;
  /** configs/features.yaml */
  features: FeaturesConfig;
  /** configs/model_config.yaml */
  models: ModelConfig;
  /** configs/universes.yaml */
  universes: UniversesConfig;
}

/** The YAML files and the schema each is validated with. */
export const configFiles = {
  dataSources: { file: "data_sources.yaml", schema: dataSourcesSchema },
  features: { file: "features.yaml", schema: featuresConfigSchema },
  models: { file: "model_config.yaml", schema: modelConfigSchema },
  server: { file: "server.yaml", schema: serverConfigSchema },
  universes: { file: "universes.yaml", schema: universesConfigSchema },
} as const;
