/**
 * The Feature Explorer end to end in a real JupyterLab and Chromium against a real sidecar with
 * sample data: parameter forms generated from the registry's schemas, a refusal before sending,
 * and RSI(14) plotted exactly as POST /features/compute answers it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Lab, SAMPLE_TICKERS, sidecarJson, startLab } from "./lab-harness.js";

interface Trace {
  type: string;
  name: string;
  yaxis?: string;
  x: unknown[];
  y: (number | null)[];
  z?: (number | null)[][];
}

interface Frame {
  dates: string[];
  columns: Record<string, (number | null)[]>;
}

let lab: Lab;

/** The traces Plotly holds on the graph div under `selector`. */
function plotted(selector: string): Promise<Trace[]> {
  return lab.page.evaluate((sel) => {
    const graph = document.querySelector(`${sel} .oq-PlotlyChart-graph`) as (HTMLElement & { data?: unknown[] }) | null;
    return JSON.parse(JSON.stringify(graph?.data ?? [])) as Trace[];
  }, selector);
}

async function waitForTraces(selector: string, has: (traces: Trace[]) => boolean): Promise<Trace[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const traces = await plotted(selector);
    if (has(traces)) return traces;
    if (Date.now() > deadline) throw new Error(`no expected traces under ${selector}: ${traces.map((t) => t.name).join(", ")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Pearson's r over the rows where both are numbers, written out plainly as the independent check. */
function pearson(a: (number | null)[], b: (number | null)[], rows: number[]): number {
  const xs = rows.map((i) => a[i] as number);
  const ys = rows.map((i) => b[i] as number);
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

beforeAll(async () => {
  // tall enough that the screenshot holds the forms, the chart with its subplots and the heatmap's top
  lab = await startLab({ sampleData: true, viewport: { width: 1280, height: 1700 } });
});

afterAll(async () => {
  await lab?.close();
});

describe("Feature Explorer in a real JupyterLab", () => {
  it("generates each chosen feature's form from its schema and refuses a bad value before sending", async () => {
    const { page } = lab;
    await lab.openLab();
    await lab.openFromPalette("Feature Explorer");
    const period = page.locator("#oq-feature-rsi-period");
    await period.waitFor();
    // From GET /features: rsi's period is an integer, default 14, between 2 and 100000.
    const registry = await sidecarJson<Array<{ name: string; defaults: Record<string, number> }>>(lab.sidecarUrl, "/features");
    expect(registry.find((f) => f.name === "rsi")?.defaults).toEqual({ period: 14 });
    await expect(period.inputValue()).resolves.toBe("14");
    await expect(period.getAttribute("min")).resolves.toBe("2");
    await expect(period.getAttribute("max")).resolves.toBe("100000");
    await expect(page.locator("#oq-feature-bbands-devUp").inputValue()).resolves.toBe("2");

    await period.fill("1");
    await page.locator(".oq-FeatureExplorer-compute").click();
    await expect(page.locator("[data-feature-params='rsi'] [data-field-error='period']").textContent()).resolves.toBe("must be at least 2");
    await expect(page.locator(".oq-FeatureChart").count()).resolves.toBe(0);
    await period.fill("14");
    expect(lab.pageErrors).toEqual([]);
  });

  it("plots RSI(14) as POST /features/compute computes it, in a subplot under the price with its overlays", async () => {
    const { page } = lab;
    await expect(page.locator("#oq-feature-ticker").inputValue()).resolves.toBe(SAMPLE_TICKERS[0]);
    await page.locator(".oq-FeatureExplorer-compute").click();
    const traces = await waitForTraces(".oq-FeatureChart", (t) => t.some((x) => x.name === "rsi_14"));

    const start = await page.locator("#oq-feature-range-start").inputValue();
    const end = await page.locator("#oq-feature-range-end").inputValue();
    const expected = await sidecarJson<Frame>(lab.sidecarUrl, "/features/compute", {
      ticker: SAMPLE_TICKERS[0],
      featureSet: [{ name: "rsi", params: { period: 14 } }],
      start,
      end,
    });
    const rsi = traces.find((t) => t.name === "rsi_14");
    expect(rsi?.y).toEqual(expected.columns.rsi_14);
    expect(rsi?.x).toEqual(expected.dates.map((d) => d.slice(0, 10)));
    expect(rsi?.y.length).toBeGreaterThan(200);
    // price-scale outputs over the close, oscillators on their own axes
    const axis = Object.fromEntries(traces.map((t) => [t.name, t.yaxis]));
    expect(axis.close).toBe("y");
    expect(axis.sma_20).toBe("y");
    expect(axis.bb_upper_20_2_2).toBe("y");
    expect(axis.rsi_14).not.toBe("y");
    expect(axis.macd_12_26_9).not.toBe("y");
    expect(axis.macd_12_26_9).not.toBe(axis.rsi_14);
  });

  it("shows the correlation of the chosen outputs, Pearson over the rows where all are defined", async () => {
    const [heatmap] = await waitForTraces(".oq-CorrelationHeatmap", (t) => t[0]?.type === "heatmap");
    const names = heatmap.x as string[];
    expect(names).toContain("rsi_14");
    expect(names).toContain("macd_12_26_9");
    const start = await lab.page.locator("#oq-feature-range-start").inputValue();
    const end = await lab.page.locator("#oq-feature-range-end").inputValue();
    const frame = await sidecarJson<Frame>(lab.sidecarUrl, "/features/compute", {
      ticker: SAMPLE_TICKERS[0],
      featureSet: [{ name: "sma" }, { name: "bbands" }, { name: "rsi" }, { name: "macd" }],
      start,
      end,
    });
    const rows = frame.dates.map((_, i) => i).filter((i) => names.every((n) => typeof frame.columns[n]?.[i] === "number"));
    const i = names.indexOf("rsi_14");
    const j = names.indexOf("macd_12_26_9");
    expect(heatmap.z?.[i][j]).toBeCloseTo(pearson(frame.columns.rsi_14, frame.columns.macd_12_26_9, rows), 10);
    expect(heatmap.z?.[i][i]).toBe(1);
    await lab.page.locator(".oq-FeatureChart").scrollIntoViewIfNeeded();
    await lab.screenshot("feature-explorer");
    expect(lab.pageErrors).toEqual([]);
  });
});
