/**
 * The Health panel end to end: a real sidecar (with the suite's real MLflow), a real JupyterLab
 * whose jupyter-server-proxy fronts it, and Debian's Chromium driving the UI (lab-harness.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Lab, sidecarHeaders, sidecarJson, startLab } from "./lab-harness.js";

interface HealthReport {
  status: string;
  components: Array<{ name: string; status: string; version: string | null }>;
}

let lab: Lab;

/** The table's rows as { component name: status badge }. */
async function shownStatuses(): Promise<Record<string, string>> {
  const rows = lab.page.locator(".oq-HealthPanel tr[data-component]");
  const shown: Record<string, string> = {};
  for (const row of await rows.all()) {
    const name = (await row.getAttribute("data-component")) ?? "";
    shown[name] = (await row.locator("[data-status]").getAttribute("data-status")) ?? "";
  }
  return shown;
}

beforeAll(async () => {
  lab = await startLab({ sampleData: true });
});

afterAll(async () => {
  await lab?.close();
});

describe("System Health panel in a real JupyterLab", () => {
  it("opens from the command palette and shows the sidecar's measured component statuses", async () => {
    const { page } = lab;
    await lab.openLab();
    await expect(page.locator(".lm-MenuBar-itemLabel", { hasText: "OpenQuant" }).count()).resolves.toBe(1);
    await lab.openFromPalette("System Health");

    await page.locator(".oq-HealthPanel tr[data-component='mlflow']").waitFor();
    // The independent source: the sidecar itself, asked directly rather than through JupyterLab.
    const report = (await (await fetch(`${lab.sidecarUrl}/health`, { headers: sidecarHeaders(lab.sidecarUrl) })).json()) as HealthReport;
    const expected = Object.fromEntries(report.components.map((c) => [c.name, c.status]));
    const shown = await shownStatuses();
    expect(shown).toEqual(expected);
    expect(shown.duckdb).toBe("up");
    expect(shown.mlflow).toBe("up");
    const mlflowVersion = report.components.find((c) => c.name === "mlflow")?.version;
    expect(mlflowVersion).toBeTruthy();
    await expect(page.locator("tr[data-component='mlflow']").textContent()).resolves.toContain(mlflowVersion);
    await expect(page.locator(".oq-Summary [data-status]").getAttribute("data-status")).resolves.toBe(report.status);
    await lab.screenshot("health");
    expect(lab.pageErrors).toEqual([]);
  });

  it("lists the jobs the sidecar reports, and picks up a new one by itself", async () => {
    const { page } = lab;
    const before = await sidecarJson<Array<{ id: string; status: string; kind: string }>>(lab.sidecarUrl, "/jobs");
    // the sample-data ingestion the harness ran
    expect(before.map((j) => [j.kind, j.status])).toEqual([["ingest", "succeeded"]]);
    const row = page.locator(`.oq-JobsList tr[data-job-id='${before[0].id}']`);
    await row.waitFor();
    await expect(row.getAttribute("data-status")).resolves.toBe("succeeded");
    await expect(row.textContent()).resolves.toContain("ACME.SAMPLE, NOVA.SAMPLE");

    // A job started elsewhere shows up without touching the panel (it polls).
    const accepted = await sidecarJson<{ jobId: string }>(lab.sidecarUrl, "/data/ingest", { tickers: ["MKT.SAMPLE"], provider: "sample" });
    const added = page.locator(`.oq-HealthPanel [data-job-id='${accepted.jobId}']`).first();
    await added.waitFor({ timeout: 60_000 });
    await page.locator(`.oq-JobsList tr[data-job-id='${accepted.jobId}'][data-status='succeeded']`).waitFor({ timeout: 60_000 });
    await lab.screenshot("health");
    expect(lab.pageErrors).toEqual([]);
  });

  it("shows the unreachable banner when the sidecar stops, and recovers on Retry", async () => {
    const { page } = lab;
    await lab.stopSidecar();
    await page.locator(".oq-Panel-refresh").click();
    const banner = page.locator(".oq-ErrorBanner");
    await banner.waitFor();
    await expect(banner.locator(".oq-ErrorBanner-title").first().textContent()).resolves.toBe("OpenQuant sidecar unreachable");
    await expect(page.locator(".oq-HealthPanel tr[data-component]").count()).resolves.toBe(0);

    await lab.startSidecar();
    await banner.first().getByRole("button", { name: "Retry" }).click();
    await page.locator(".oq-HealthPanel tr[data-component='duckdb']").waitFor();
    await expect(banner.count()).resolves.toBe(0);
    expect((await shownStatuses()).duckdb).toBe("up");
    expect(lab.pageErrors).toEqual([]);
  });
});
