/**
 * `openquant up` as the README's first command runs it: real MLflow, sidecar and JupyterLab on
 * free loopback ports with temporary data, the offline sample data loaded, Ctrl-C stops all.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort, portIsFree } from "../src/services/ports.js";
import { rawGet } from "./helpers.js";

const exec = promisify(execFile);

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`no '${pattern}' within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`up exited with ${code}:\n${out}`));
    });
  });
}

describe("openquant up", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  it("starts MLflow, the sidecar and JupyterLab with sample data, and Ctrl-C stops them all", async () => {
    const home = inject("home");
    const dir = mkdtempSync(join(tmpdir(), "oq-up-"));
    const [sidecarPort, jupyterPort, mlflowPort] = [await freePort(), await freePort(), await freePort()];
    const token = "up-test-token-0123456789";
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      OPENQUANT_DATA_DIR: join(dir, "data"),
      OPENQUANT_LOG_DIR: join(dir, "logs"),
      OPENQUANT_PORT: String(sidecarPort),
      OPENQUANT_JUPYTER_PORT: String(jupyterPort),
      OPENQUANT_MLFLOW_PORT: String(mlflowPort),
      OPENQUANT_JUPYTER_TOKEN: token,
      JUPYTER_CONFIG_DIR: join(dir, "jupyter-user"),
      JUPYTERLAB_WORKSPACES_DIR: join(dir, "workspaces"),
      NO_COLOR: "1",
    };
    delete env.MLFLOW_TRACKING_URI;
    child = spawn(process.execPath, [join(home, "server", "bin", "openquant.js"), "up"], { env, cwd: home });
    // the summary is the last thing printed; wait for its last line, not its first
    const out = await waitForLine(child, /Press Ctrl-C to stop everything/, 200_000);
    expect(out).toContain("OpenQuant is up.");
    expect(out).toContain(`http://127.0.0.1:${jupyterPort}/lab?token=${token}`);
    expect(out).toMatch(/loading sample data \(10 tickers, offline\)/);

    // secure by default: a token was made on first start, kept private, and only its place is printed
    const tokenFile = join(dir, "data", "sidecar.token");
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const sidecarToken = readFileSync(tokenFile, "utf8").trim();
    expect(out).toContain(`bearer token in ${tokenFile}`);
    expect(out).not.toContain(sidecarToken);
    const auth = { Authorization: `Bearer ${sidecarToken}` };
    const sidecar = `http://127.0.0.1:${sidecarPort}`;
    expect((await fetch(`${sidecar}/data/tickers`)).status).toBe(401);
    expect((await fetch(`${sidecar}/data/ingest`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(401);
    // a page that rebinds its domain to 127.0.0.1 is refused, even with the token
    const rebound = await rawGet(`${sidecar}/data/tickers`, { Host: `evil.example:${sidecarPort}`, ...auth });
    expect(rebound.status).toBe(403);
    expect(rebound.body.error?.message).toMatch(/evil\.example.*OPENQUANT_ALLOWED_HOSTS/);

    const health = (await (await fetch(`${sidecar}/health`, { headers: auth })).json()) as {
      components: Array<{ name: string; status: string }>;
    };
    expect(Object.fromEntries(health.components.map((c) => [c.name, c.status]))).toMatchObject({ duckdb: "up", mlflow: "up", scheduler: "up" });
    const tickers = (await (await fetch(`${sidecar}/data/tickers`, { headers: auth })).json()) as Array<{ ticker: string; rows: number }>;
    expect(tickers).toHaveLength(10);
    expect(tickers.every((t) => t.ticker.endsWith(".SAMPLE") && t.rows > 4000)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${mlflowPort}/health`)).status).toBe(200);
    const specs = (await (await fetch(`http://127.0.0.1:${jupyterPort}/api/kernelspecs`, { headers: { Authorization: `token ${token}` } })).json()) as {
      kernelspecs: Record<string, unknown>;
    };
    expect(Object.keys(specs.kernelspecs)).toContain("tslab");
    // the sidecar through JupyterLab's own origin and auth (jupyter-server-proxy)
    const proxied = await fetch(`http://127.0.0.1:${jupyterPort}/openquant/health`, { headers: { Authorization: `token ${token}` } });
    expect(proxied.status).toBe(200);
    // the proxy adds the sidecar's token server-side: Jupyter's login is all a panel needs
    const viaProxy = await fetch(`http://127.0.0.1:${jupyterPort}/openquant/data/tickers`, { headers: { Authorization: `token ${token}` } });
    expect(viaProxy.status).toBe(200);
    expect(((await viaProxy.json()) as unknown[]).length).toBe(10);

    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child?.once("exit", resolve));
    expect(code).toBe(0);
    for (const port of [sidecarPort, jupyterPort, mlflowPort]) expect(await portIsFree(port), `port ${port} released`).toBe(true);
    // the token is in no log file
    for (const file of readdirSync(join(dir, "logs"))) expect(readFileSync(join(dir, "logs", file), "utf8"), file).not.toContain(sidecarToken);
  });

  it("says which port is taken and how to change it, without a stack trace", async () => {
    const home = inject("home");
    const dir = mkdtempSync(join(tmpdir(), "oq-up-busy-"));
    const blocker = createServer();
    const busy = await freePort();
    await new Promise<void>((r) => blocker.listen(busy, "127.0.0.1", () => r()));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        OPENQUANT_DATA_DIR: join(dir, "data"),
        OPENQUANT_LOG_DIR: join(dir, "logs"),
        OPENQUANT_PORT: String(busy),
        OPENQUANT_MLFLOW_PORT: String(await freePort()),
        NO_COLOR: "1",
      };
      delete env.MLFLOW_TRACKING_URI;
      const r = await exec(process.execPath, [join(home, "server", "bin", "openquant.js"), "up"], { env }).then(
        () => ({ code: 0, stderr: "" }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`Port ${busy} on 127.0.0.1 is already in use, so the OpenQuant sidecar cannot start there`);
      expect(r.stderr).toContain("OPENQUANT_PORT");
      expect(r.stderr).not.toMatch(/^\s+at /m);
    } finally {
      blocker.close();
    }
  });
});
