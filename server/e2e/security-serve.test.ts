/**
 * `openquant serve` as a real process: the token it makes on first start (mode 0600, kept across
 * restarts, OPENQUANT_TOKEN winning over it), the refusal to run without auth beyond loopback,
 * the CLI finding the token by itself, and no secret in any log file.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { freePort, startSidecar } from "../src/services/index.js";

const exec = promisify(execFile);

function workspace(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), "oq-security-serve-"));
  return {
    dir,
    env: { OPENQUANT_DATA_DIR: join(dir, "data"), OPENQUANT_LOG_DIR: join(dir, "logs"), OPENQUANT_LOG_LEVEL: "debug", MLFLOW_TRACKING_URI: inject("mlflowUrl") },
  };
}

/** Every file under the log folder, concatenated. */
function allLogs(dir: string): string {
  const logs = join(dir, "logs");
  return readdirSync(logs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), "utf8"))
    .join("\n");
}

describe("openquant serve, secure by default", () => {
  it("makes a private token on first start, keeps it across restarts, and lets OPENQUANT_TOKEN win", async () => {
    const { dir, env } = workspace();
    const port = await freePort();
    const first = await startSidecar({ home: inject("home"), port, logFile: join(dir, "sidecar-1.log"), env });
    const tokenFile = join(dir, "data", "sidecar.token");
    let token: string;
    try {
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      token = readFileSync(tokenFile, "utf8").trim();
      expect(first.token).toBe(token);
      expect((await fetch(`${first.url}/jobs`)).status).toBe(401);
      expect((await fetch(`${first.url}/jobs`, { headers: first.headers() })).status).toBe(200);
      // the CLI, with the same data folder, finds the token by itself
      const cli = await exec(process.execPath, [join(inject("home"), "server", "bin", "openquant.js"), "tickers"], {
        env: { ...process.env, ...env, OPENQUANT_API_URL: first.url },
        cwd: inject("home"),
      });
      expect(cli.stderr).not.toMatch(/token|401/i);
      // wrong tokens and a token in a query string, to be kept out of the logs below
      await fetch(`${first.url}/jobs?token=${token}`, { headers: { Authorization: "Bearer wrong-token-aaaaaaaaaaaa" } });
      await fetch(`${first.url}/data/ingest`, { method: "POST", headers: { "content-type": "application/json", Authorization: `Bearer ${token}x` }, body: "{}" });
    } finally {
      await first.stop();
    }

    const again = await startSidecar({ home: inject("home"), port, logFile: join(dir, "sidecar-2.log"), env });
    try {
      expect(readFileSync(tokenFile, "utf8").trim()).toBe(token);
      expect((await fetch(`${again.url}/jobs`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await again.stop();
    }

    const fromEnv = "changed-in-the-environment-0123456789";
    const overridden = await startSidecar({ home: inject("home"), port, logFile: join(dir, "sidecar-3.log"), env: { ...env, OPENQUANT_TOKEN: fromEnv } });
    try {
      expect(overridden.token).toBe(fromEnv);
      expect((await fetch(`${overridden.url}/jobs`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
      expect((await fetch(`${overridden.url}/jobs`, { headers: { Authorization: `Bearer ${fromEnv}` } })).status).toBe(200);
      // the file is left as it was, for when the variable is gone again
      expect(readFileSync(tokenFile, "utf8").trim()).toBe(token);
    } finally {
      await overridden.stop();
    }

    const logs = allLogs(dir) + ["sidecar-1.log", "sidecar-2.log", "sidecar-3.log"].map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
    expect(logs).toContain("bearer token created in");
    expect(logs).toContain("GET /jobs?token=%5BREDACTED%5D");
    for (const secret of [token, fromEnv, "wrong-token-aaaaaaaaaaaa"]) expect(logs).not.toContain(secret);
  }, 120_000);

  it("refuses OPENQUANT_AUTH=none on a non-loopback address at start-up, with a clear message", async () => {
    const { env } = workspace();
    const failed = await exec(process.execPath, [join(inject("home"), "server", "bin", "openquant.js"), "serve", "--host", "0.0.0.0", "--port", String(await freePort())], {
      env: { ...process.env, ...env, OPENQUANT_AUTH: "none" },
      cwd: inject("home"),
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0 with OPENQUANT_AUTH=none.*127\.0\.0\.1/);
    expect(failed?.stderr).not.toMatch(/\n\s+at /);
  });

  it("runs without a token when auth is explicitly off on loopback", async () => {
    const { dir, env } = workspace();
    const open = await startSidecar({ home: inject("home"), port: await freePort(), logFile: join(dir, "sidecar.log"), env: { ...env, OPENQUANT_AUTH: "none" } });
    try {
      expect(open.token).toBeUndefined();
      expect((await fetch(`${open.url}/jobs`)).status).toBe(200);
      expect(readdirSync(join(dir, "data"))).not.toContain("sidecar.token");
    } finally {
      await open.stop();
    }
  });
});
