import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidInput } from "../errors.js";
import { loadSettings } from "./load.js";

function projectWith(files: Record<string, string>): string {
  const home = mkdtempSync(join(tmpdir(), "oq-config-"));
  mkdirSync(join(home, "configs"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(home, "configs", name), text);
  return home;
}

function errorOf(fn: () => unknown): InvalidInput {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error("expected InvalidInput");
}

describe("loadSettings", () => {
  it("gives a default for everything when there are no files and no environment", () => {
    const home = projectWith({});
    const s = loadSettings({ home, env: {} });
    expect(s.duckdb_path).toBe(join(home, "data", "openquant.duckdb"));
    expect(s.server).toEqual({
      host: "127.0.0.1",
      port: 8000,
      auth: "token",
      allowed_hosts: [],
      cors_origins: expect.any(Array),
      rate_limit: { window_ms: 60_000, limit: 600 },
    });
    expect(s.jobs).toEqual({ concurrency: 2, shutdown_grace_ms: 20_000 });
    expect(s.mlflow.tracking_uri).toBe("http://127.0.0.1:5000");
    expect(s.features.cache).toEqual({ backend: "memory", ttl_seconds: 86_400, max_bytes: 256 * 1024 * 1024 });
    expect(s.dataSources.default_provider).toBe("sample");
    expect(s.redis_url).toBeUndefined();
  });

  it("reads the repository's own configs without error", () => {
    const s = loadSettings({ home: join(import.meta.dirname, "../../.."), env: {} });
    expect(s.models.experiment).toBe("openquant");
  });

  it("lets environment variables override files, including the ecosystem's own names", () => {
    const home = projectWith({ "features.yaml": "cache:\n  ttl_seconds: 60\n" });
    const s = loadSettings({
      home,
      env: {
        OPENQUANT_PORT: "9001",
        REDIS_URL: "redis://127.0.0.1:6390",
        MLFLOW_TRACKING_URI: "http://mlflow.internal:5000",
        OPENQUANT_CORS_ORIGINS: "http://a:1, http://b:2",
        OPENQUANT_DATA_DIR: "/var/oq",
        OPENQUANT_JOB_CONCURRENCY: "4",
      },
    });
    expect(s.jobs.concurrency).toBe(4);
    expect(s.server.port).toBe(9001);
    expect(s.redis_url).toBe("redis://127.0.0.1:6390");
    expect(s.mlflow.tracking_uri).toBe("http://mlflow.internal:5000");
    expect(s.server.cors_origins).toEqual(["http://a:1", "http://b:2"]);
    expect(s.duckdb_path).toBe("/var/oq/openquant.duckdb");
    expect(s.features.cache.ttl_seconds).toBe(60);
  });

  it("names the file, the key and what is allowed when a file holds a bad value", () => {
    const home = projectWith({ "features.yaml": "cache:\n  backend: memcached\n" });
    const e = errorOf(() => loadSettings({ home, env: {} }));
    expect(e.message).toContain(join(home, "configs", "features.yaml"));
    expect(e.message).toContain("cache.backend");
    expect(e.message).toMatch(/memory.*redis/);
  });

  it("refuses an unknown key, so that typos do not pass silently", () => {
    const home = projectWith({ "data_sources.yaml": "ingestion:\n  concurency: 3\n" });
    const e = errorOf(() => loadSettings({ home, env: {} }));
    expect(e.message).toContain("data_sources.yaml");
    expect(e.message).toContain("concurency");
  });

  it("reports YAML syntax errors with the line", () => {
    const home = projectWith({ "model_config.yaml": "experiment: a\n  bad: [\n" });
    const e = errorOf(() => loadSettings({ home, env: {} }));
    expect(e.message).toMatch(/model_config\.yaml is not valid YAML \(line \d+\)/);
  });

  it("names the environment variable when its value is bad", () => {
    const home = projectWith({});
    const e = errorOf(() => loadSettings({ home, env: { OPENQUANT_PORT: "eighty" } }));
    expect(e.message).toContain("OPENQUANT_PORT (setting 'server.port')");
    const e2 = errorOf(() => loadSettings({ home, env: { REDIS_URL: "localhost:6379" } }));
    expect(e2.message).toContain("REDIS_URL");
    expect(e2.message).toContain("redis://");
  });
});
