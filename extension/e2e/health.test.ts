/**
 * The Health panel end to end: a real sidecar (with the suite's real MLflow), a real JupyterLab
 * whose jupyter-server-proxy fronts it, and Debian's Chromium driving the UI. Needs the extension
 * built and installed into the venv (scripts/build-extension.sh; the test entry script runs it).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, type ServiceHandle, startJupyter, startSidecar } from "../../server/src/services/index.js";

const home = inject("home");
const venvDir = inject("venvDir");
const mlflowUrl = inject("mlflowUrl");

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

interface HealthReport {
  status: string;
  components: Array<{ name: string; status: string; version: string | null }>;
}

let dir: string;
let sidecarPort: number;
let sidecarEnv: NodeJS.ProcessEnv;
let sidecar: ServiceHandle | undefined;
let jupyter: ServiceHandle | undefined;
let browser: Browser | undefined;
let page: Page;
const token = randomBytes(16).toString("hex");
const pageErrors: string[] = [];

function startTheSidecar(): Promise<ServiceHandle> {
  return startSidecar({ home, port: sidecarPort, logFile: join(dir, "sidecar.log"), env: sidecarEnv });
}

/** The table's rows as { component name: status badge }. */
async function shownStatuses(): Promise<Record<string, string>> {
  const rows = page.locator(".oq-HealthPanel tr[data-component]");
  const shown: Record<string, string> = {};
  for (const row of await rows.all()) {
    const name = (await row.getAttribute("data-component")) ?? "";
    shown[name] = (await row.locator("[data-status]").getAttribute("data-status")) ?? "";
  }
  return shown;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "openquant-extension-e2e-"));
  const rootDir = join(dir, "notebooks");
  mkdirSync(rootDir);
  sidecarPort = await freePort();
  sidecarEnv = {
    OPENQUANT_DATA_DIR: join(dir, "data"),
    OPENQUANT_LOG_DIR: join(dir, "logs"),
    MLFLOW_TRACKING_URI: mlflowUrl,
  };
  sidecar = await startTheSidecar();
  jupyter = await startJupyter({
    venvDir,
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
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.setDefaultTimeout(30_000);
});

afterAll(async () => {
  // Each step on its own, so one failure does not leave the others running.
  await browser?.close().catch(() => undefined);
  await jupyter?.stop().catch(() => undefined);
  await sidecar?.stop().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("System Health panel in a real JupyterLab", () => {
  it("opens from the command palette and shows the sidecar's measured component statuses", async () => {
    await page.goto(`${jupyter?.url}/lab?token=${token}`);
    // The launcher card proves the prebuilt extension was loaded and its plugins activated.
    await page.locator(".jp-LauncherCard", { hasText: "System Health" }).waitFor({ timeout: 120_000 });
    await expect(page.locator(".lm-MenuBar-itemLabel", { hasText: "OpenQuant" }).count()).resolves.toBe(1);

    await page.keyboard.press("Control+Shift+C");
    const search = page.locator(".lm-CommandPalette-input");
    await search.waitFor();
    await search.fill("OpenQuant: System Health");
    await page.locator(".lm-CommandPalette-item", { hasText: "OpenQuant: System Health" }).first().click();

    await page.locator(".oq-HealthPanel tr[data-component='mlflow']").waitFor();
    // The independent source: the sidecar itself, asked directly rather than through JupyterLab.
    const report = (await (await fetch(`${sidecar?.url}/health`)).json()) as HealthReport;
    const expected = Object.fromEntries(report.components.map((c) => [c.name, c.status]));
    const shown = await shownStatuses();
    expect(shown).toEqual(expected);
    expect(shown.duckdb).toBe("up");
    expect(shown.mlflow).toBe("up");
    const mlflowVersion = report.components.find((c) => c.name === "mlflow")?.version;
    expect(mlflowVersion).toBeTruthy();
    await expect(page.locator("tr[data-component='mlflow']").textContent()).resolves.toContain(mlflowVersion);
    await expect(page.locator(".oq-Summary [data-status]").getAttribute("data-status")).resolves.toBe(report.status);

    // Screenshots go to test-results/ (git-ignored); good ones are copied to docs/img/ by hand.
    const shots = process.env.OPENQUANT_SCREENSHOT_DIR ?? join(home, "test-results", "screenshots");
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, "health.png") });
    expect(pageErrors).toEqual([]);
  });

  it("shows the unreachable banner when the sidecar stops, and recovers on Retry", async () => {
    await sidecar?.stop();
    sidecar = undefined;
    await page.locator(".oq-Panel-refresh").click();
    const banner = page.locator(".oq-ErrorBanner");
    await banner.waitFor();
    await expect(banner.locator(".oq-ErrorBanner-title").textContent()).resolves.toBe("OpenQuant sidecar unreachable");
    await expect(page.locator(".oq-HealthPanel tr[data-component]").count()).resolves.toBe(0);

    sidecar = await startTheSidecar();
    await banner.getByRole("button", { name: "Retry" }).click();
    await page.locator(".oq-HealthPanel tr[data-component='duckdb']").waitFor();
    await expect(banner.count()).resolves.toBe(0);
    expect((await shownStatuses()).duckdb).toBe("up");
    expect(pageErrors).toEqual([]);
  });
});
