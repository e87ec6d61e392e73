/**
 * One real stack for the extension's e2e tests: a sidecar (with the suite's real MLflow, and sample
 * data ingested when asked), a JupyterLab whose jupyter-server-proxy fronts it with the extension
 * installed, and Debian's Chromium driving the page through playwright-core. Needs the extension
 * built and installed into the venv (scripts/build-extension.sh).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { inject } from "vitest";
import { freePort, type ServiceHandle, startJupyter, startSidecar } from "../../server/src/services/index.js";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Sample tickers ingested by `sampleData: true`. */
export const SAMPLE_TICKERS = ["ACME.SAMPLE", "NOVA.SAMPLE"] as const;

/** Options of startLab. */
export interface LabOptions {
  /** Ingest SAMPLE_TICKERS (sample provider) before the page opens. */
  sampleData?: boolean;
  /** Extra environment for the sidecar and JupyterLab. */
  env?: NodeJS.ProcessEnv;
  /** Browser viewport (default 1280 × 800). */
  viewport?: { width: number; height: number };
}

/** A running lab: the page, where things listen, and how to stop them. */
export interface Lab {
  page: Page;
  /** The sidecar straight, e.g. http://127.0.0.1:41234 (undefined while stopped). */
  readonly sidecarUrl: string;
  /** JupyterLab's base URL (without the token). */
  labUrl: string;
  /** Jupyter's auth token. */
  token: string;
  /** Uncaught errors of the page so far. */
  pageErrors: string[];
  /** Opens JupyterLab and waits until the extension's launcher cards are shown. */
  openLab(): Promise<void>;
  /** Opens a panel through the command palette ("OpenQuant: <label>"). */
  openFromPalette(label: string): Promise<void>;
  stopSidecar(): Promise<void>;
  startSidecar(): Promise<void>;
  /** Saves test-results/screenshots/<name>.png (or $OPENQUANT_SCREENSHOT_DIR) and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Stops the browser, JupyterLab and the sidecar, and removes the temporary folder. */
  close(): Promise<void>;
}

// The bearer token of each sidecar the harness started (made on its first start), by URL.
const tokens = new Map<string, string | undefined>();

/** Headers for a request straight to the sidecar at `sidecarUrl`: its bearer token, plus `extra`. */
export function sidecarHeaders(sidecarUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  const token = tokens.get(sidecarUrl);
  return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
}

/** GET/POST JSON straight to the sidecar; throws on a non-2xx answer. */
export async function sidecarJson<T>(sidecarUrl: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sidecarUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: sidecarHeaders(sidecarUrl, body === undefined ? {} : { "Content-Type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Polls GET /jobs/{id} until the job has finished; throws unless it succeeded. */
export async function waitForJob(sidecarUrl: string, jobId: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await sidecarJson<{ status: string; error: { message: string } | null }>(sidecarUrl, `/jobs/${jobId}`);
    if (job.status === "succeeded") return;
    if (!["queued", "running"].includes(job.status)) throw new Error(`job ${jobId} ${job.status}: ${job.error?.message}`);
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Starts the whole stack; call `close()` in afterAll. */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const home = inject("home");
  const dir = mkdtempSync(join(tmpdir(), "openquant-extension-e2e-"));
  const rootDir = join(dir, "notebooks");
  mkdirSync(rootDir);
  const sidecarPort = await freePort();
  const sidecarEnv: NodeJS.ProcessEnv = {
    OPENQUANT_DATA_DIR: join(dir, "data"),
    OPENQUANT_LOG_DIR: join(dir, "logs"),
    MLFLOW_TRACKING_URI: inject("mlflowUrl"),
    ...options.env,
  };
  const token = randomBytes(16).toString("hex");
  let sidecar: ServiceHandle | undefined;
  let jupyter: ServiceHandle | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  const startTheSidecar = async () => {
    const started = await startSidecar({ home, port: sidecarPort, logFile: join(dir, "sidecar.log"), env: sidecarEnv });
    tokens.set(started.url, started.token);
    sidecar = started;
  };
  const close = async () => {
    // Each step on its own, so one failure does not leave the others running.
    await browser?.close().catch(() => undefined);
    await jupyter?.stop().catch(() => undefined);
    await sidecar?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await startTheSidecar();
    const sidecarUrl = sidecar?.url ?? "";
    if (options.sampleData) {
      const accepted = await sidecarJson<{ jobId: string }>(sidecarUrl, "/data/ingest", { tickers: [...SAMPLE_TICKERS], provider: "sample" });
      await waitForJob(sidecarUrl, accepted.jobId);
    }
    jupyter = await startJupyter({
      venvDir: inject("venvDir"),
      home,
      port: await freePort(),
      rootDir,
      token,
      logFile: join(dir, "jupyter.log"),
      env: {
        ...sidecarEnv,
        OPENQUANT_PORT: String(sidecarPort),
        // A fresh user: no saved workspace (open panels) or settings from earlier runs.
        JUPYTERLAB_SETTINGS_DIR: join(dir, "lab-user-settings"),
        JUPYTERLAB_WORKSPACES_DIR: join(dir, "lab-workspaces"),
      },
    });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 }, acceptDownloads: true });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(30_000);
    const labUrl = jupyter.url;

    return {
      page,
      get sidecarUrl() {
        return sidecar?.url ?? "";
      },
      labUrl,
      token,
      pageErrors,
      async openLab() {
        await page.goto(`${labUrl}/lab?token=${token}`);
        // The launcher card proves the prebuilt extension was loaded and its plugins activated.
        await page.locator(".jp-LauncherCard", { hasText: "System Health" }).waitFor({ timeout: 120_000 });
      },
      async openFromPalette(label: string) {
        await page.keyboard.press("Control+Shift+C");
        const search = page.locator(".lm-CommandPalette-input");
        await search.waitFor();
        await search.fill(`OpenQuant: ${label}`);
        await page.locator(".lm-CommandPalette-item", { hasText: `OpenQuant: ${label}` }).first().click();
      },
      async stopSidecar() {
        await sidecar?.stop();
        sidecar = undefined;
      },
      startSidecar: startTheSidecar,
      async screenshot(name: string) {
        // Screenshots go to test-results/ (git-ignored); good ones are copied to docs/img/ by hand.
        const shots = process.env.OPENQUANT_SCREENSHOT_DIR ?? join(home, "test-results", "screenshots");
        mkdirSync(shots, { recursive: true });
        const path = join(shots, `${name}.png`);
        await page.screenshot({ path });
        return path;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
