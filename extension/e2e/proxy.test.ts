/**
 * jupyter-config/ for real: JupyterLab's jupyter-server-proxy serves the sidecar under
 * /openquant/, behind Jupyter's auth, and starts the sidecar itself when none is running.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, portIsFree, type ServiceHandle, startJupyter } from "../../server/src/services/index.js";

const token = randomBytes(16).toString("hex");
let dir: string;
let sidecarPort: number;
let jupyter: ServiceHandle | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "openquant-proxy-e2e-"));
  mkdirSync(join(dir, "notebooks"));
  sidecarPort = await freePort();
  jupyter = await startJupyter({
    venvDir: inject("venvDir"),
    home: inject("home"),
    port: await freePort(),
    rootDir: join(dir, "notebooks"),
    token,
    logFile: join(dir, "jupyter.log"),
    env: {
      OPENQUANT_PORT: String(sidecarPort),
      OPENQUANT_DATA_DIR: join(dir, "data"),
      OPENQUANT_LOG_DIR: join(dir, "logs"),
      MLFLOW_TRACKING_URI: inject("mlflowUrl"),
      JUPYTERLAB_SETTINGS_DIR: join(dir, "lab-user-settings"),
      JUPYTERLAB_WORKSPACES_DIR: join(dir, "lab-workspaces"),
    },
  });
});

afterAll(async () => {
  await jupyter?.stop().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the openquant server proxy", () => {
  it("refuses requests without Jupyter's token", async () => {
    const res = await fetch(`${jupyter?.url}/openquant/health`, { redirect: "manual" });
    await res.arrayBuffer();
    expect([302, 403]).toContain(res.status);
    expect(await portIsFree(sidecarPort)).toBe(true);
  });

  it("starts the sidecar on the first request and proxies /openquant/health to it", async () => {
    expect(await portIsFree(sidecarPort)).toBe(true);
    const res = await fetch(`${jupyter?.url}/openquant/health`, { headers: { Authorization: `token ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { components: Array<{ name: string; status: string }> };
    expect(body.components.find((c) => c.name === "duckdb")?.status).toBe("up");
    expect(await portIsFree(sidecarPort)).toBe(false);
    // The same answer straight from the sidecar the proxy started.
    const direct = (await (await fetch(`http://127.0.0.1:${sidecarPort}/health`)).json()) as typeof body;
    expect(direct.components.map((c) => c.name)).toEqual(body.components.map((c) => c.name));
  });

  it("adds the sidecar's token server-side: Jupyter's login is all a panel needs, and the sidecar still refuses anyone without it", async () => {
    const tokenFile = join(dir, "data", "sidecar.token");
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const sidecarToken = readFileSync(tokenFile, "utf8").trim();
    const proxied = await fetch(`${jupyter?.url}/openquant/jobs`, { headers: { Authorization: `token ${token}` } });
    expect(proxied.status).toBe(200);
    expect(Array.isArray(await proxied.json())).toBe(true);
    const direct = `http://127.0.0.1:${sidecarPort}/jobs`;
    expect((await fetch(direct)).status).toBe(401);
    // Jupyter's own token is no credential for the sidecar
    expect((await fetch(direct, { headers: { Authorization: `token ${token}` } })).status).toBe(401);
    expect((await fetch(direct, { headers: { Authorization: `Bearer ${sidecarToken}` } })).status).toBe(200);
  });

  it("stops the sidecar it started together with JupyterLab", async () => {
    await jupyter?.stop();
    jupyter = undefined;
    const deadline = Date.now() + 15_000;
    while (!(await portIsFree(sidecarPort)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await portIsFree(sidecarPort)).toBe(true);
  });
});
