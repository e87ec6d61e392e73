/**
 * The Model Playground end to end: a real sidecar with sample data and the suite's real MLflow, a
 * real JupyterLab with the extension, and Chromium. What the panel plots is checked against the
 * sidecar's own answers (the job's result, GET /models/runs, POST /models/predict) and against
 * forward returns computed here from the stored bars.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Lab, sidecarJson, startLab } from "./lab-harness.js";

interface TrainResult {
  runId: string;
  metrics: Record<string, number>;
  folds: Array<{ testStart: string; testEnd: string }>;
  backtests: Array<{ ticker: string; equity: Array<[string, number, number]> }>;
  notes?: string[];
}
interface PlotTrace {
  name: string;
  x: string[];
  y: Array<number | null>;
}

let lab: Lab;
const TICKER = "ACME.SAMPLE";
// Features no linear combination ties together (the default set's MACD columns are collinear: a test below)
const FEATURES = "returns(period=1), rsi, volatility(period=20)";

/** The traces of the Plotly chart inside `selector` (the graph div keeps Plotly's data). */
async function traces(selector: string): Promise<PlotTrace[]> {
  const graph = lab.page.locator(`${selector} .oq-PlotlyChart-graph`).first();
  await graph.locator(".main-svg").first().waitFor();
  return graph.evaluate((el) =>
    ((el as unknown as { data: Array<{ name: string; x: unknown[]; y: unknown[] }> }).data ?? []).map((t) => ({
      name: t.name,
      x: Array.from(t.x, String),
      y: Array.from(t.y, (v) => (v === null ? null : Number(v))),
    })),
  );
}

/** Fills the form with a linear model on TICKER, the given horizon and FEATURES (or a named set), and trains; resolves with the job's result. */
async function train(horizon: number, featureSet?: string): Promise<TrainResult> {
  const { page } = lab;
  await page.locator("#oq-train-modelType").selectOption("linear");
  await page.locator("#oq-train-tickers").fill(TICKER);
  if (featureSet) {
    await page.locator("#oq-train-featureMode").selectOption("named");
    await page.locator("#oq-train-featureSetName").fill(featureSet);
  } else {
    await page.locator("#oq-train-featureMode").selectOption("chosen");
    await page.locator("#oq-train-features").fill(FEATURES);
  }
  await page.locator("#oq-train-horizon").fill(String(horizon));
  const selector = ".oq-ModelPlayground-train .oq-JobProgress";
  const before = await page.evaluate((sel) => document.querySelector(sel)?.getAttribute("data-job-id") ?? null, selector);
  await page.locator(".oq-TrainForm-train").click();
  const progress = page.locator(selector);
  // until the new job has finished, whichever way
  await page.waitForFunction(
    ([sel, previous]) => {
      const el = document.querySelector(sel as string);
      const id = el?.getAttribute("data-job-id");
      return Boolean(id && id !== previous && ["succeeded", "failed", "cancelled", "interrupted"].includes(el?.getAttribute("data-status") ?? ""));
    },
    [selector, before],
    { timeout: 120_000 },
  );
  const jobId = (await progress.getAttribute("data-job-id")) ?? "";
  const job = await sidecarJson<{ status: string; result: TrainResult; error: unknown }>(lab.sidecarUrl, `/jobs/${jobId}`);
  expect([job.status, job.error]).toEqual(["succeeded", null]);
  await expect(progress.getAttribute("data-status")).resolves.toBe("succeeded");
  await page.locator(`.oq-TrainResult[data-run-id='${job.result.runId}']`).waitFor();
  return job.result;
}

beforeAll(async () => {
  lab = await startLab({ sampleData: true, viewport: { width: 1400, height: 1000 } });
  await lab.openLab();
  await lab.openFromPalette("Model Playground");
  await lab.page.locator(".oq-TrainForm").waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await lab?.close();
});

describe("Model Playground in a real JupyterLab", () => {
  let first: TrainResult;

  it("prefills the hyperparameters from the model type's schema", async () => {
    const types = await sidecarJson<Array<{ name: string; defaults: Record<string, unknown> }>>(lab.sidecarUrl, "/models/types");
    const linear = types.find((t) => t.name === "linear");
    await lab.page.locator("#oq-train-modelType").selectOption("linear");
    for (const [name, value] of Object.entries(linear?.defaults ?? {})) {
      await expect(lab.page.locator(`#oq-train-param-${name}`).inputValue()).resolves.toBe(String(value));
    }
    // checked before sending: no request, a message next to the field
    await lab.page.locator("#oq-train-tickers").fill("");
    await lab.page.locator(".oq-TrainForm-train").click();
    await expect(lab.page.locator("[data-field-error='tickers']").textContent()).resolves.toMatch(/at least one ticker/);
  });

  it("trains a linear model with live progress and shows its metrics and equity curve", async () => {
    first = await train(5);
    const { page } = lab;
    // metrics: the table shows the job result's numbers
    for (const name of ["rmse", "mae", "r2", "directional_accuracy"]) {
      const cell = page.locator(`.oq-TrainResult-metrics tr[data-metric='${name}'] td[data-value]`);
      await expect(cell.getAttribute("data-value").then(Number)).resolves.toBe(first.metrics[name]);
    }
    // equity: the plotted curves are the backtest's, point by point
    const bt = first.backtests[0];
    expect(bt.ticker).toBe(TICKER);
    const [strategy, buyAndHold] = await traces(`.oq-TrainResult-backtest[data-ticker='${TICKER}'] .oq-EquityChart`);
    expect(strategy.name).toBe("strategy");
    expect(strategy.x).toEqual(bt.equity.map((r) => r[0]));
    expect(strategy.y).toEqual(bt.equity.map((r) => r[1]));
    expect(buyAndHold.y).toEqual(bt.equity.map((r) => r[2]));
    expect(strategy.y.length).toBeGreaterThan(100);

    await page.locator(".oq-TrainResult").scrollIntoViewIfNeeded();
    await lab.screenshot("model-playground");
  });

  it("plots predictions against forward returns computed from the stored bars", async () => {
    const predictions = await traces(".oq-TrainResult .oq-PredictionsChart");
    const actual = predictions.find((t) => t.name === "actual");
    const predicted = predictions.find((t) => t.name === "predicted");
    const start = first.folds[0].testStart.slice(0, 10);
    const end = first.folds[first.folds.length - 1].testEnd.slice(0, 10);
    const answer = await sidecarJson<{ dates: string[]; predictions: Array<number | null> }>(lab.sidecarUrl, "/models/predict", {
      model: first.runId,
      ticker: TICKER,
      start,
      end,
    });
    expect(predicted?.y).toEqual(answer.predictions);
    expect(predicted?.x).toEqual(answer.dates.map((d) => d.slice(0, 10)));
    // the realised 5-bar forward return, from the bars themselves
    const bars = await sidecarJson<{ ts: number[]; close: number[] }>(lab.sidecarUrl, `/data/${TICKER}?start=${start}`);
    const index = new Map(bars.ts.map((t, i) => [new Date(t).toISOString().slice(0, 10), i]));
    const expected = (actual?.x ?? []).map((d) => {
      const i = index.get(d) ?? -1;
      return i >= 0 && i + 5 < bars.close.length ? bars.close[i + 5] / bars.close[i] - 1 : null;
    });
    expect(actual?.y.length).toBe(answer.dates.length);
    actual?.y.forEach((v, i) => {
      if (expected[i] === null) expect(v).toBeNull();
      else expect(v).toBeCloseTo(expected[i] as number, 12);
    });
  });

  it("lists the run in the runs table with its MLflow link, and compares two runs side by side", async () => {
    const { page } = lab;
    const row = page.locator(`.oq-RunsTable tr[data-run-id='${first.runId}']`);
    await row.waitFor();
    await expect(row.locator("a.oq-RunLink").getAttribute("href")).resolves.toBe(`${inject("mlflowUrl")}/#/runs/${first.runId}`);
    await expect(row.locator("td[data-metric='rmse']").textContent()).resolves.toBe(first.metrics.rmse.toPrecision(4));

    const second = await train(10);
    await page.locator(`.oq-RunsTable tr[data-run-id='${second.runId}']`).waitFor();
    await page.locator(`.oq-RunsTable tr[data-run-id='${first.runId}'] input[type=checkbox]`).check();
    await page.locator(`.oq-RunsTable tr[data-run-id='${second.runId}'] input[type=checkbox]`).check();
    const table = page.locator(".oq-RunsCompareTable");
    await expect(table.locator("thead th[data-run-id]").evaluateAll((ths) => ths.map((th) => th.getAttribute("data-run-id")))).resolves.toEqual([
      first.runId,
      second.runId,
    ]);
    // params that differ: the horizon, 5 against 10 (as MLflow stored them)
    await expect(table.locator("tr[data-param='horizon'] td").allTextContents()).resolves.toEqual(["5", "10"]);
    // the lower rmse is the best one, as the sidecar's runs say
    const runs = await sidecarJson<Array<{ runId: string; metrics: Record<string, number> }>>(lab.sidecarUrl, "/models/runs");
    const rmse = [first.runId, second.runId].map((id) => runs.find((r) => r.runId === id)?.metrics.rmse as number);
    const bestColumn = rmse[0] < rmse[1] ? 0 : 1;
    const cells = table.locator("tr[data-metric='rmse'] td");
    await expect(cells.nth(bestColumn).getAttribute("data-best")).resolves.toBe("true");
    await expect(cells.nth(1 - bestColumn).getAttribute("data-best")).resolves.toBeNull();

    await page.locator(".oq-ModelPlayground-runs").scrollIntoViewIfNeeded();
    await lab.screenshot("model-playground-runs");
  });

  it("links to a page of the MLflow UI that shows the run", async () => {
    const href = (await lab.page.locator(`.oq-RunsTable tr[data-run-id='${first.runId}'] a.oq-RunLink`).getAttribute("href")) ?? "";
    const browser = lab.page.context().browser();
    if (!browser) throw new Error("no browser behind the page");
    const mlflow = await browser.newPage();
    try {
      await mlflow.goto(href);
      // MLflow's UI resolves /#/runs/<id> to the run's page, titled with the run's name
      await mlflow.getByText("linear-h5-ACME.SAMPLE").first().waitFor({ timeout: 120_000 });
      expect(mlflow.url()).toContain(first.runId);
    } finally {
      await mlflow.close();
    }
  });

  it("registers a run's model under a name and alias, and predicts with it", async () => {
    const { page } = lab;
    const name = `e2e-linear-${Date.now().toString(36)}`;
    await page.locator("#oq-register-run").selectOption(first.runId);
    await page.locator("#oq-register-name").fill(name);
    await page.locator("#oq-register-alias").fill("champion");
    await page.locator(".oq-RegisterForm button[type=submit]").click();
    await expect(page.locator(".oq-RegisterForm-done").textContent()).resolves.toMatch(new RegExp(`Registered ${name} version 1 as @champion`));
    const registered = await sidecarJson<Array<{ name: string; aliases?: Record<string, string> }>>(lab.sidecarUrl, "/models/registered");
    expect(registered.find((m) => m.name === name)?.aliases).toEqual({ champion: "1" });

    await page.locator("#oq-predict-model").fill(`${name}@champion`);
    await page.locator("#oq-predict-ticker").fill("NOVA.SAMPLE");
    await page.locator("#oq-predict-start").fill("2025-06-02");
    await page.locator(".oq-PredictForm button[type=submit]").click();
    const answer = await sidecarJson<{ dates: string[]; predictions: Array<number | null> }>(lab.sidecarUrl, "/models/predict", {
      model: `models:/${name}@champion`,
      ticker: "NOVA.SAMPLE",
      start: "2025-06-02",
    });
    const predicted = (await traces(".oq-PredictForm .oq-PredictionsChart")).find((t) => t.name === "predicted");
    expect(predicted?.y).toEqual(answer.predictions);
    expect(answer.predictions.length).toBeGreaterThan(50);
    expect(lab.pageErrors).toEqual([]);
  });

  it("trains linear on the default feature set and says which collinear features it left out", async () => {
    const result = await train(5, "default");
    expect(result.notes?.[0]).toMatch(/left out \d+ feature.*macd\w*hist/);
    const shown = lab.page.locator(`.oq-TrainResult[data-run-id='${result.runId}'] .oq-TrainResult-note`);
    await expect(shown.textContent()).resolves.toBe(result.notes?.[0]);
  });
});
