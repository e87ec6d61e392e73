/**
 * The Schedules panel end to end: a real sidecar with sample data, a real JupyterLab with the
 * extension, and Chromium. Every change made in the panel is checked in the sidecar's own
 * GET /schedules; then the sidecar stops and the panel shows the unreachable banner.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Lab, sidecarHeaders, sidecarJson, startLab } from "./lab-harness.js";

interface StoredSchedule {
  id: string;
  kind: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  params: Record<string, unknown>;
  nextRun?: string | null;
}

let lab: Lab;
const ID = "e2e-nightly";

function stored(): Promise<StoredSchedule[]> {
  return sidecarJson<StoredSchedule[]>(lab.sidecarUrl, "/schedules");
}

beforeAll(async () => {
  lab = await startLab({ sampleData: true, viewport: { width: 1400, height: 900 } });
  await lab.openLab();
  await lab.openFromPalette("Schedules");
  await lab.page.locator(".oq-SchedulesPanel .oq-SchedulesPanel-new:not([disabled])").waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await lab?.close();
});

describe("Schedules panel in a real JupyterLab", () => {
  it("tells whether notebook schedules are possible, as GET /notebooks says", async () => {
    const answer = await fetch(`${lab.sidecarUrl}/notebooks`, { headers: sidecarHeaders(lab.sidecarUrl) });
    const note = lab.page.locator(".oq-SchedulesPanel-notebooks");
    if (answer.status === 404) await expect(note.textContent()).resolves.toMatch(/runs no notebooks/);
    else await expect(note.count()).resolves.toBe(0);
  });

  it("creates a schedule: the cron's shape is checked here, its meaning by the sidecar, next to the field", async () => {
    const { page } = lab;
    await page.locator(".oq-SchedulesPanel-new").click();
    await page.locator("#oq-schedule-id").fill(ID);
    await page.locator("#oq-schedule-kind").selectOption("ingest");
    await page.locator("#oq-schedule-tickers").fill("ACME.SAMPLE");
    await page.locator("#oq-schedule-provider").selectOption("sample");

    await page.locator("#oq-schedule-cron").fill("0 22 * *");
    await page.locator(".oq-ScheduleEditor button[type=submit]").click();
    await expect(page.locator("[data-field-error='cron']").textContent()).resolves.toMatch(/^4 fields/);

    await page.locator("#oq-schedule-cron").fill("0 22 * * 61");
    await page.locator(".oq-ScheduleEditor button[type=submit]").click();
    await expect(page.locator("[data-field-error='cron']").textContent()).resolves.toMatch(/dayOfWeek: 61/);
    await expect(stored()).resolves.toEqual([]);

    await page.locator("#oq-schedule-cron").fill("0 22 * * 1-5");
    await page.locator("#oq-schedule-timezone").fill("America/New_York");
    await page.locator(".oq-ScheduleEditor button[type=submit]").click();
    const row = page.locator(`.oq-ScheduleTable tr[data-schedule-id='${ID}']`);
    await row.waitFor();
    await expect(page.locator(".oq-ScheduleEditor").count()).resolves.toBe(0);

    const [schedule] = await stored();
    expect(schedule).toMatchObject({ id: ID, kind: "ingest", cron: "0 22 * * 1-5", timezone: "America/New_York", enabled: true });
    expect(schedule.params).toEqual({ tickers: ["ACME.SAMPLE"], provider: "sample" });
    await expect(row.getAttribute("data-enabled")).resolves.toBe("true");
    await expect(row.locator("td").nth(2).textContent()).resolves.toBe("0 22 * * 1-5");
    expect(schedule.nextRun).toBeTruthy();
    await expect(row.locator("td[data-next-run]").getAttribute("data-next-run")).resolves.toBe(schedule.nextRun);
  });

  it("pauses and resumes it", async () => {
    const row = lab.page.locator(`.oq-ScheduleTable tr[data-schedule-id='${ID}']`);
    await row.getByRole("button", { name: "Pause" }).click();
    await lab.page.locator(`.oq-ScheduleTable tr[data-schedule-id='${ID}'][data-enabled='false']`).waitFor();
    await expect(stored().then((s) => s[0].enabled)).resolves.toBe(false);
    await row.getByRole("button", { name: "Resume" }).click();
    await lab.page.locator(`.oq-ScheduleTable tr[data-schedule-id='${ID}'][data-enabled='true']`).waitFor();
    await expect(stored().then((s) => s[0].enabled)).resolves.toBe(true);
    await row.getByRole("button", { name: "Pause" }).click();
    await lab.page.locator(`.oq-ScheduleTable tr[data-schedule-id='${ID}'][data-enabled='false']`).waitFor();
  });

  it("runs it now, follows the run, and shows it in the history", async () => {
    const { page } = lab;
    const row = page.locator(`.oq-ScheduleTable tr[data-schedule-id='${ID}']`);
    await row.getByRole("button", { name: "Run now" }).click();
    const progress = page.locator(".oq-SchedulesPanel .oq-JobProgress");
    await page.locator(".oq-SchedulesPanel .oq-JobProgress[data-status='succeeded']").waitFor({ timeout: 120_000 });
    const runs = await sidecarJson<Array<{ id: string; status: string; trigger: string }>>(lab.sidecarUrl, `/schedules/${ID}/runs`);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "ok", trigger: "manual" });
    await expect(progress.getAttribute("data-job-id")).resolves.toBe(runs[0].id);
    await page.locator(`.oq-ScheduleTable tr[data-schedule-id='${ID}'] td[data-last-status='ok']`).waitFor();

    await row.getByRole("button", { name: "History" }).click();
    const history = page.locator(`.oq-ScheduleHistory[data-schedule-id='${ID}']`);
    await history.locator(`tr[data-run-id='${runs[0].id}'][data-status='ok']`).waitFor();
    await lab.screenshot("schedules");
  });

  it("edits it, with the API's error next to the field", async () => {
    const { page } = lab;
    await page.locator(`.oq-ScheduleTable tr[data-schedule-id='${ID}']`).getByRole("button", { name: "Edit" }).click();
    await page.locator(".oq-ScheduleEditor[data-mode='edit']").waitFor();
    await page.locator("#oq-schedule-timezone").fill("Mars/Olympus_Mons");
    await page.locator(".oq-ScheduleEditor button[type=submit]").click();
    await expect(page.locator("[data-field-error='timezone']").textContent()).resolves.toBe("an IANA time zone");
    await page.locator("#oq-schedule-timezone").fill("UTC");
    await page.locator("#oq-schedule-cron").fill("30 6 * * *");
    await page.locator(".oq-ScheduleEditor button[type=submit]").click();
    await page.locator(".oq-ScheduleEditor").waitFor({ state: "detached" });
    await expect(stored().then((s) => [s[0].cron, s[0].timezone, s[0].enabled])).resolves.toEqual(["30 6 * * *", "UTC", false]);
  });

  it("deletes it after asking", async () => {
    const { page } = lab;
    const row = page.locator(`.oq-ScheduleTable tr[data-schedule-id='${ID}']`);
    await row.getByRole("button", { name: "Delete" }).click();
    const dialog = page.locator(".jp-Dialog");
    await expect(dialog.locator(".jp-Dialog-header").textContent()).resolves.toContain("Delete schedule");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(stored().then((s) => s.map((x) => x.id))).resolves.toEqual([ID]);

    await row.getByRole("button", { name: "Delete" }).click();
    await page.locator(".jp-Dialog").getByRole("button", { name: "Delete" }).click();
    await row.waitFor({ state: "detached" });
    await expect(stored()).resolves.toEqual([]);
    expect(lab.pageErrors).toEqual([]);
  });

  it("schedules a notebook, runs it now and opens its executed output", async () => {
    const { page } = lab;
    const notebooks = await fetch(`${lab.sidecarUrl}/notebooks`, { headers: sidecarHeaders(lab.sidecarUrl) });
    expect(notebooks.status).toBe(200);
    await page.locator(".oq-SchedulesPanel-new").click();
    await page.locator("#oq-schedule-id").fill("e2e-report");
    await page.locator("#oq-schedule-kind").selectOption("notebook");
    await page.locator("#oq-schedule-cron").fill("0 6 * * 1-5");
    await page.locator("#oq-schedule-notebook").selectOption("05-daily-report.ipynb");
    // the notebook's parameters, prefilled with its defaults
    await expect(page.locator("[id='oq-schedule-parameters.ticker']").inputValue()).resolves.toBe("ACME.SAMPLE");
    await page.locator("[id='oq-schedule-parameters.lookbackDays']").fill("60");
    await page.locator(".oq-ScheduleEditor button[type=submit]").click();
    const row = page.locator(".oq-ScheduleTable tr[data-schedule-id='e2e-report']");
    await row.waitFor();
    const [schedule] = (await stored()).filter((x) => x.id === "e2e-report");
    expect(schedule.params).toMatchObject({ notebook: "05-daily-report.ipynb", parameters: { ticker: "ACME.SAMPLE", lookbackDays: 60 } });

    await row.getByRole("button", { name: "Run now" }).click();
    await page.waitForFunction(
      () => {
        const el = document.querySelector(".oq-SchedulesPanel .oq-JobProgress");
        return el?.querySelector(".oq-JobProgress-label")?.textContent === "Run e2e-report now" && el.getAttribute("data-status") !== "running";
      },
      undefined,
      { timeout: 600_000 },
    );
    const { runs } = await sidecarJson<{ runs: Array<{ id: string; status: string; scheduleId: string | null }> }>(
      lab.sidecarUrl,
      "/notebooks/runs?scheduleId=e2e-report",
    );
    expect(runs.map((r) => [r.status, r.scheduleId])).toEqual([["succeeded", "e2e-report"]]);

    await row.getByRole("button", { name: "History" }).click();
    const executed = page.locator(`.oq-ScheduleHistory-notebooks tr[data-notebook-run-id='${runs[0].id}']`);
    await executed.getByRole("button", { name: "Open output" }).click();
    const frame = page.frameLocator(".oq-NotebookOutputWidget iframe");
    await frame.locator("h1", { hasText: "Daily report" }).first().waitFor({ timeout: 60_000 });
    const html = await (await fetch(`${lab.sidecarUrl}/notebooks/runs/${runs[0].id}/output?format=html`, { headers: sidecarHeaders(lab.sidecarUrl) })).text();
    expect(html).toContain("parameters: ticker=ACME.SAMPLE lookbackDays=60");
    await expect(frame.locator("body").textContent()).resolves.toContain("parameters: ticker=ACME.SAMPLE lookbackDays=60");
    await lab.screenshot("schedules-notebook-output");
  });

  it("shows the unreachable banner when the sidecar stops", async () => {
    await lab.stopSidecar();
    await lab.page.locator(".oq-SchedulesPanel .oq-Panel-refresh").click();
    const banner = lab.page.locator(".oq-SchedulesPanel .oq-ErrorBanner");
    await banner.waitFor();
    await expect(banner.locator(".oq-ErrorBanner-title").textContent()).resolves.toBe("OpenQuant sidecar unreachable");
    await expect(lab.page.locator(".oq-ScheduleTable").count()).resolves.toBe(0);
  });
});
