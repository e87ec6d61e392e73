/**
 * The Data Explorer end to end in a real JupyterLab and Chromium against a real sidecar: ingest a
 * sample ticker through the Ingest form, then check the candlestick, the table and the CSV download
 * against what the sidecar itself answers for the same range.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Lab, sidecarHeaders, sidecarJson, startLab } from "./lab-harness.js";

interface Bars {
  ts: number[];
  close: number[];
  volume: number[];
}

interface PlottedTrace {
  type: string;
  x: string[];
  close?: number[];
  y?: number[];
}

let lab: Lab;
const TICKER = "ACME.SAMPLE";

/** The traces Plotly holds on the Data Explorer's graph div. */
function plotted(): Promise<PlottedTrace[]> {
  return lab.page.evaluate(() => {
    const graph = document.querySelector(".oq-DataExplorerPanel .oq-PlotlyChart-graph") as (HTMLElement & { data?: unknown[] }) | null;
    return JSON.parse(JSON.stringify(graph?.data ?? [])) as PlottedTrace[];
  });
}

/** Waits until the chart shows `count` candles. */
async function waitForCandles(count: number): Promise<PlottedTrace[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const traces = await plotted();
    if (traces[0]?.x.length === count) return traces;
    if (Date.now() > deadline) throw new Error(`the chart shows ${traces[0]?.x.length} candles, expected ${count}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  lab = await startLab({ sampleData: false });
});

afterAll(async () => {
  await lab?.close();
});

describe("Data Explorer in a real JupyterLab", () => {
  it("starts empty and refuses a malformed ticker before sending anything", async () => {
    const { page } = lab;
    await lab.openLab();
    await lab.openFromPalette("Data Explorer");
    await page.locator(".oq-DataExplorer-empty").waitFor();

    await page.locator("#oq-ingest-tickers").fill("ACME.SAMPLE, BAD!");
    await page.locator(".oq-IngestForm-submit").click();
    await expect(page.locator("[data-field-error='tickers']").textContent()).resolves.toContain("1 to 20 letters");
    expect(await sidecarJson<unknown[]>(lab.sidecarUrl, "/jobs")).toEqual([]);
  });

  it("ingests a sample ticker through the form, follows the job and draws the candlestick the API reports", async () => {
    const { page } = lab;
    await page.locator("#oq-ingest-tickers").fill(TICKER);
    await page.locator("#oq-ingest-provider").selectOption("sample");
    await page.locator(".oq-IngestForm-submit").click();
    await page.locator(".oq-IngestForm .oq-JobProgress[data-status='succeeded']").waitFor({ timeout: 120_000 });
    await expect(page.locator("[data-field-error]").count()).resolves.toBe(0);

    // the ticker list was refreshed and the new ticker chosen, with what the sidecar stores
    const [info] = await sidecarJson<Array<{ ticker: string; rows: number; provider: string }>>(lab.sidecarUrl, "/data/tickers");
    expect(info.ticker).toBe(TICKER);
    await expect(page.locator(".oq-TickerPicker-select").inputValue()).resolves.toBe(TICKER);
    await expect(page.locator(".oq-TickerPicker-info").getAttribute("data-rows")).resolves.toBe(String(info.rows));

    const start = await page.locator("#oq-range-start").inputValue();
    const end = await page.locator("#oq-range-end").inputValue();
    const bars = await sidecarJson<Bars>(lab.sidecarUrl, `/data/${TICKER}?start=${start}&end=${end}`);
    expect(bars.ts.length).toBeGreaterThan(200);
    const [candles, volume] = await waitForCandles(bars.ts.length);
    expect(candles.type).toBe("candlestick");
    expect(candles.close).toEqual(bars.close);
    expect(candles.x[0]).toBe(new Date(bars.ts[0]).toISOString().slice(0, 10));
    expect(volume.type).toBe("bar");
    expect(volume.y).toEqual(bars.volume);
    await lab.screenshot("data-explorer");
    expect(lab.pageErrors).toEqual([]);
  });

  it("redraws for a new range, pages the table and downloads the same bars as CSV", async () => {
    const { page } = lab;
    await page.locator("#oq-range-start").fill("2024-01-01");
    await page.locator("#oq-range-end").fill("2024-06-30");
    await page.locator(".oq-DataRangeInputs-apply").click();
    const bars = await sidecarJson<Bars>(lab.sidecarUrl, `/data/${TICKER}?start=2024-01-01&end=2024-06-30`);
    const [candles] = await waitForCandles(bars.ts.length);
    expect(candles.close).toEqual(bars.close);

    await page.locator("[data-view='table']").click();
    const rows = page.locator(".oq-DataTable tbody tr");
    await rows.first().waitFor();
    // one page of 100 rows, not the whole range
    await expect(rows.count()).resolves.toBe(Math.min(100, bars.ts.length));
    await expect(page.locator(".oq-DataTable-position").textContent()).resolves.toContain(`of ${bars.ts.length}`);
    await expect(rows.first().getAttribute("data-ts")).resolves.toBe(String(bars.ts[0]));
    await page.getByRole("button", { name: "Next" }).click();
    await expect(rows.first().getAttribute("data-ts")).resolves.toBe(String(bars.ts[100]));

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".oq-DataExplorer-csv").click()]);
    const csv = readFileSync((await download.path()) ?? "", "utf8");
    const direct = await (await fetch(`${lab.sidecarUrl}/data/${TICKER}?start=2024-01-01&end=2024-06-30&format=csv`, { headers: sidecarHeaders(lab.sidecarUrl) })).text();
    expect(csv).toBe(direct);
    expect(csv.trim().split("\n")).toHaveLength(bars.ts.length + 1);

    await page.locator("[data-view='chart']").click();
    await waitForCandles(bars.ts.length);
    expect(lab.pageErrors).toEqual([]);
  });

  it("re-themes the chart from JupyterLab's CSS variables when the theme changes to dark", async () => {
    const { page } = lab;
    const colours = () =>
      page.evaluate(() => {
        const graph = document.querySelector(".oq-DataExplorerPanel .oq-PlotlyChart-graph") as (HTMLElement & { layout?: Record<string, unknown> }) | null;
        return {
          paper: graph?.layout?.paper_bgcolor,
          theme: getComputedStyle(document.body).getPropertyValue("--jp-layout-color0").trim(),
          dark: document.body.dataset.jpThemeLight === "false",
        };
      });
    const light = await colours();
    expect(light.dark).toBe(false);
    expect(light.paper).toBe(light.theme);

    // JupyterLab's own theme command, from the palette
    await page.keyboard.press("Control+Shift+C");
    await page.locator(".lm-CommandPalette-input").fill("JupyterLab Dark");
    await page.locator(".lm-CommandPalette-item", { hasText: "JupyterLab Dark" }).first().click();

    const deadline = Date.now() + 30_000;
    let dark = await colours();
    while (!(dark.dark && dark.paper === dark.theme && dark.paper !== light.paper)) {
      if (Date.now() > deadline) throw new Error(`the chart kept ${dark.paper} under the dark theme's ${dark.theme}`);
      await new Promise((r) => setTimeout(r, 250));
      dark = await colours();
    }
    expect(lab.pageErrors).toEqual([]);
  });
});
