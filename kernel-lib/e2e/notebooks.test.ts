/**
 * The example notebooks, executed headless through the real tslab kernel (nbclient from the
 * venv), each with its own data folder and the suite's real MLflow. Their outputs are checked
 * against independent sources: the DuckDB file read with plain SQL, MLflow over REST, and values
 * recomputed here. A failing notebook names its failing cell (index, first line, error).
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, startJupyter } from "../../server/src/services/index.js";

const run = promisify(execFile);
const PLOTLY = "application/vnd.plotly.v1+json";
const NOTEBOOK_TIMEOUT_S = 400;

/** nbclient with an on_cell_error hook: writes the executed notebook and prints what failed where. */
const DRIVER = `
import json, sys, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
src, out, cwd, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
nb = nbformat.read(src, as_version=4)
failure = {}
def on_error(cell, cell_index, execute_reply):
    text = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream" and o.get("name") == "stderr")
    text += "".join(f"{o.get('ename')}: {o.get('evalue')}" for o in cell.outputs if o.get("output_type") == "error")
    content = execute_reply.get("content", {})
    failure.update(index=cell_index, firstLine=cell.source.split("\\n")[0], error=(text or f"{content.get('ename', '')}: {content.get('evalue', '')}").strip())
client = NotebookClient(nb, timeout=timeout, kernel_name="tslab", resources={"metadata": {"path": cwd}}, on_cell_error=on_error)
try:
    client.execute()
except CellExecutionError:
    pass
finally:
    nbformat.write(nb, out)
print(json.dumps({"failure": failure or None}))
`;

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
  metadata?: { tags?: string[] };
}
interface Notebook {
  cells: Cell[];
}
interface Figure {
  data: Array<{ type: string; name?: string; x?: unknown[]; y?: Array<number | null>; yaxis?: string }>;
  layout: Record<string, unknown>;
}

/** An executed notebook and where its data lives. */
interface Executed {
  notebook: Notebook;
  dataDir: string;
  experiment: string;
}

const joined = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));

function stdout(nb: Notebook): string {
  return nb.cells
    .flatMap((c) => c.outputs ?? [])
    .filter((o) => o.output_type === "stream" && o.name === "stdout")
    .map((o) => joined(o.text))
    .join("");
}

/** The JSON printed after `PREFIX ` on a line of the notebook's stdout. */
function printed<T>(nb: Notebook, prefix: string): T {
  const line = stdout(nb)
    .split("\n")
    .find((l) => l.startsWith(`${prefix} `));
  if (!line) throw new Error(`the notebook printed no '${prefix} …' line; stdout was:\n${stdout(nb)}`);
  return JSON.parse(line.slice(prefix.length + 1)) as T;
}

function displays(nb: Notebook): Array<Record<string, unknown>> {
  return nb.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "display_data").map((o) => o.data ?? {}));
}

function figures(nb: Notebook): Figure[] {
  return displays(nb)
    .filter((d) => PLOTLY in d)
    .map((d) => d[PLOTLY] as Figure);
}

async function query<T>(dataDir: string, sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(join(dataDir, "openquant.duckdb"), { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjects() as T[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function mlflow<T>(path: string): Promise<T> {
  const response = await fetch(`${inject("mlflowUrl")}${path}`);
  if (!response.ok) throw new Error(`MLflow ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function runMetrics(runId: string): Promise<Record<string, number>> {
  const body = await mlflow<{ run: { data: { metrics?: Array<{ key: string; value: number }> } } }>(`/api/2.0/mlflow/runs/get?run_id=${runId}`);
  return Object.fromEntries((body.run.data.metrics ?? []).map((m) => [m.key, m.value]));
}

const home = inject("home");
const workDir = mkdtempSync(join(tmpdir(), "oq-notebooks-"));
const driver = join(workDir, "driver.py");

/** Executes a notebook file; resolves with the executed notebook, or rejects naming the failing cell. */
async function execute(file: string, name: string): Promise<Executed> {
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  const experiment = `notebooks-e2e-${name}-${process.pid}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OPENQUANT_DATA_DIR: join(dir, "data"),
    OPENQUANT_LOG_DIR: join(dir, "logs"),
    OPENQUANT_OUTPUTS_DIR: join(dir, "outputs"),
    OPENQUANT_MLFLOW_EXPERIMENT: experiment,
    MLFLOW_TRACKING_URI: inject("mlflowUrl"),
    OPENQUANT_LOG_LEVEL: "warn",
  };
  // embedded mode with the in-process cache, whatever the developer's shell has set
  for (const k of ["OPENQUANT_API_URL", "OPENQUANT_MLFLOW_URI", "OPENQUANT_REDIS_URL", "REDIS_URL", "OPENQUANT_DUCKDB_PATH"]) delete env[k];
  const out = join(dir, "executed.ipynb");
  const started = Date.now();
  const { stdout: report } = await run(
    join(inject("venvDir"), "bin", "python"),
    [driver, file, out, join(home, "notebooks"), String(NOTEBOOK_TIMEOUT_S)],
    { cwd: join(home, "notebooks"), env, timeout: (NOTEBOOK_TIMEOUT_S + 60) * 1000, maxBuffer: 64 * 1024 * 1024 },
  );
  const { failure } = JSON.parse(report.trim().split("\n").at(-1) as string) as { failure: { index: number; firstLine: string; error: string } | null };
  console.info(`${name}: executed in ${((Date.now() - started) / 1000).toFixed(1)} s (kernel start included)`);
  if (failure) throw new Error(`${name}: cell ${failure.index} (${failure.firstLine}) failed:\n${failure.error}`);
  return { notebook: JSON.parse(readFileSync(out, "utf8")) as Notebook, dataDir: join(dir, "data"), experiment };
}

const NOTEBOOKS = ["01-quickstart", "02-features", "03-train-and-track", "04-walk-forward-backtest", "05-daily-report"] as const;
const runs = new Map<string, Promise<Executed>>();


const executed = (name: (typeof NOTEBOOKS)[number]) => runs.get(name) as Promise<Executed>;
const TEST_TIMEOUT = 3 * (NOTEBOOK_TIMEOUT_S + 60) * 1000;

describe("example notebooks through the tslab kernel", () => {
  beforeAll(() => {
    writeFileSync(driver, DRIVER);
    // two at a time (the machine has two cores); each test awaits its own notebook
    let slot: Promise<unknown> = Promise.resolve();
    let other: Promise<unknown> = Promise.resolve();
    NOTEBOOKS.forEach((name, k) => {
      const after = k % 2 === 0 ? slot : other;
      const p = after.catch(() => undefined).then(() => execute(join(home, "notebooks", `${name}.ipynb`), name));
      p.catch(() => undefined); // awaited by its test; keep Node from reporting it unhandled meanwhile
      if (k % 2 === 0) slot = p;
      else other = p;
      runs.set(name, p);
    });
  });

  it(
    "01-quickstart: a progress bar updated in place, and a candlestick with one candle per stored bar",
    async () => {
      const { notebook, dataDir } = await executed("01-quickstart");
      const ingestCell = notebook.cells.find((c) => joined(c.source).includes("display.progress.ingest()")) as Cell;
      const bars = (ingestCell.outputs ?? []).filter((o) => o.output_type === "display_data" && joined(o.data?.["text/html"] as string).includes("openquant-progress"));
      // one output, redrawn: its last state is the finished one
      expect(bars).toHaveLength(1);
      expect(joined(bars[0].data?.["text/html"] as string)).toContain('data-status="done" data-percent="100"');
      expect(joined(bars[0].data?.["text/plain"] as string)).toContain("3 tickers");

      const stored = await query<{ n: bigint; first: string; last: string }>(
        dataDir,
        "SELECT count(*) AS n, strftime(min(ts), '%Y-%m-%d') AS first, strftime(max(ts), '%Y-%m-%d') AS last FROM ohlcv WHERE ticker = 'ACME.SAMPLE' AND interval = '1d' AND ts >= '2025-01-01'",
      );
      const candles = figures(notebook).flatMap((f) => f.data.filter((t) => t.type === "candlestick"));
      expect(candles).toHaveLength(1);
      expect(candles[0].x).toHaveLength(Number(stored[0].n));
      expect(candles[0].x?.[0]).toBe(stored[0].first);
      expect(candles[0].x?.at(-1)).toBe(stored[0].last);
      expect(printed<{ count: number }>(notebook, "BARS").count).toBe(Number(stored[0].n));
      // the first chart carries plotly.js itself (offline), and nothing loads from a URL
      const html = displays(notebook).find((d) => PLOTLY in d)?.["text/html"] as string;
      expect(joined(html)).toContain("window.Plotly = Plotly;");
      expect(joined(html)).not.toMatch(/<script[^>]+src=/);
    },
    TEST_TIMEOUT,
  );

  it(
    "02-features: the custom feature registered in the notebook equals the share of up closes computed here from the stored bars",
    async () => {
      const { notebook, dataDir } = await executed("02-features");
      const rows = printed<Array<{ ts: number; value: number }>>(notebook, "CUSTOM");
      expect(rows).toHaveLength(10);
      const closes = await query<{ ts: string; adj_close: number }>(
        dataDir,
        "SELECT strftime(ts, '%Y-%m-%dT%H:%M:%S.000Z') AS ts, adj_close FROM ohlcv WHERE ticker = 'ACME.SAMPLE' AND interval = '1d' ORDER BY ts",
      );
      const times = closes.map((r) => Date.parse(r.ts));
      for (const { ts, value } of rows) {
        const t = times.indexOf(ts);
        expect(t).toBeGreaterThan(10);
        let up = 0;
        for (let k = t - 9; k <= t; k++) if (closes[k].adj_close > closes[k - 1].adj_close) up++;
        expect(value).toBeCloseTo(up / 10, 12);
      }
      const custom = figures(notebook).find((f) => f.data.some((t) => t.name === "up_days_10")) as Figure;
      expect(custom.data.find((t) => t.name === "up_days_10")?.yaxis).toBe("y2");
    },
    TEST_TIMEOUT,
  );

  it(
    "03-train-and-track: four runs compared from MLflow, and the alias points at the run with the lowest RMSE in MLflow",
    async () => {
      const { notebook, experiment } = await executed("03-train-and-track");
      const listed = printed<Array<{ runId: string; modelType: string }>>(notebook, "RUNS");
      expect(listed.map((r) => r.modelType).sort()).toEqual(["lightgbm", "linear", "random_forest", "xgboost"]);
      const table = displays(notebook).find((d) => joined(d["text/html"] as string).includes("bt_mean_sharpe") && joined(d["text/html"] as string).includes("run_id"));
      expect(joined(table?.["text/html"] as string).match(/<tr><td/g)).toHaveLength(4);

      const search = await mlflow<{ experiment: { experiment_id: string } }>(`/api/2.0/mlflow/experiments/get-by-name?experiment_name=${encodeURIComponent(experiment)}`);
      expect(search.experiment.experiment_id).toBeTruthy();
      const rmse = new Map<string, number>();
      for (const r of listed) rmse.set(r.runId, (await runMetrics(r.runId)).rmse);
      const best = [...rmse.entries()].sort((a, b) => a[1] - b[1])[0][0];

      const registered = printed<{ name: string; version: string; alias: string; runId: string }>(notebook, "REGISTERED");
      expect(registered.runId).toBe(best);
      const alias = await mlflow<{ model_version: { run_id: string; version: string } }>(
        `/api/2.0/mlflow/registered-models/alias?name=${encodeURIComponent(registered.name)}&alias=champion`,
      );
      expect(alias.model_version.run_id).toBe(best);
      expect(alias.model_version.version).toBe(registered.version);
    },
    TEST_TIMEOUT,
  );

  it(
    "04-walk-forward-backtest: the equity curve ends at the total return MLflow recorded for the backtest",
    async () => {
      const { notebook } = await executed("04-walk-forward-backtest");
      const reported = printed<{ runId: string; ticker: string; bars: number }>(notebook, "BACKTEST");
      const metrics = await runMetrics(reported.runId);
      const equity = figures(notebook).find((f) => f.data.some((t) => t.name === "buy and hold")) as Figure;
      const strategy = equity.data.find((t) => t.name === "strategy")?.y as number[];
      const hold = equity.data.find((t) => t.name === "buy and hold")?.y as number[];
      expect(strategy).toHaveLength(reported.bars);
      expect((strategy.at(-1) as number) - 1).toBeCloseTo(metrics[`bt_${reported.ticker}_total_return`], 9);
      expect((hold.at(-1) as number) - 1).toBeCloseTo(metrics[`bt_${reported.ticker}_bh_total_return`], 9);
      expect(metrics.fold_rmse).toBeGreaterThan(0);
    },
    TEST_TIMEOUT,
  );

  it(
    "05-daily-report: prints its parameters and reports on the last stored bar",
    async () => {
      const { notebook, dataDir } = await executed("05-daily-report");
      const parameters = notebook.cells.find((c) => c.metadata?.tags?.includes("parameters")) as Cell;
      expect(joined(parameters.source)).toContain('const ticker = "ACME.SAMPLE";');
      expect(stdout(notebook)).toContain("parameters: ticker=ACME.SAMPLE lookbackDays=250 modelAlias=models:/daily-report@champion");
      const report = printed<{ ticker: string; lookbackDays: number; asOf: string; close: number }>(notebook, "REPORT");
      const [last] = await query<{ day: string; close: number }>(
        dataDir,
        "SELECT strftime(ts, '%Y-%m-%d') AS day, close FROM ohlcv WHERE ticker = 'ACME.SAMPLE' AND interval = '1d' ORDER BY ts DESC LIMIT 1",
      );
      expect(report).toMatchObject({ ticker: "ACME.SAMPLE", lookbackDays: 250, asOf: last.day, close: last.close });
      const candles = figures(notebook).flatMap((f) => f.data.filter((t) => t.type === "candlestick"));
      expect(candles[0].x).toHaveLength(250);
    },
    TEST_TIMEOUT,
  );

  it("reports the failing cell of a broken notebook: its index, first line and error", async () => {
    const broken = join(workDir, "broken.ipynb");
    const cell = (id: string, source: string) => ({ cell_type: "code", execution_count: null, id, metadata: {}, outputs: [], source });
    writeFileSync(
      broken,
      JSON.stringify({
        cells: [cell("ok", 'console.log("fine");'), cell("bad", 'const answer = 41;\nthrow new Error("expected 42, got " + answer);')],
        metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    await expect(execute(broken, "broken")).rejects.toThrow(/broken: cell 1 \(const answer = 41;\) failed:\n[\s\S]*expected 42, got 41/);
  }, 200_000);
});

describe("committed notebooks", () => {
  it("carry no outputs and no execution counts", () => {
    const files = execFileSync("git", ["ls-files", "notebooks/*.ipynb"], { cwd: home, encoding: "utf8" }).trim().split("\n").filter(Boolean);
    expect(files.length).toBeGreaterThanOrEqual(6);
    const dirty: string[] = [];
    for (const file of files) {
      const nb = JSON.parse(readFileSync(join(home, file), "utf8")) as Notebook;
      nb.cells.forEach((c, i) => {
        if (c.cell_type !== "code") return;
        if ((c.outputs ?? []).length > 0 || (c.execution_count ?? null) !== null) dirty.push(`${file} cell ${i}`);
      });
    }
    expect(dirty, "strip them with `jupyter nbconvert --clear-output --inplace <notebook>`").toEqual([]);
  });
});

describe("display helpers in a real JupyterLab (Chromium)", () => {
  it("draws Plotly charts offline and redraws one progress bar in place", async () => {
    // a folder of its own, with the project's node_modules so the kernel resolves @openquant/kernel-lib
    const root = join(workDir, "lab");
    mkdirSync(root, { recursive: true });
    symlinkSync(join(home, "node_modules"), join(root, "node_modules"));
    const code = (id: string, source: string) => ({ cell_type: "code", execution_count: null, id, metadata: {}, outputs: [], source });
    writeFileSync(
      join(root, "render.ipynb"),
      JSON.stringify({
        cells: [
          code(
            "progress",
            'import { display, frameFromBars } from "@openquant/kernel-lib";\nconst bar = display.progressBar("steps");\nfor (let i = 1; i <= 8; i++) {\n  await new Promise((r) => setTimeout(r, 200));\n  bar.update(i / 8, "step " + i);\n}\nbar.done("all steps");',
          ),
          code(
            "chart",
            'const frame = frameFromBars("DEMO", "1d", Array.from({ length: 30 }, (_, i) => ({ ts: Date.UTC(2024, 0, 1) + i * 86400000, open: 10 + i, high: 12 + i, low: 9 + i, close: 11 + i, adjClose: 11 + i, volume: 1000 + i })));\ndisplay.candlestick(frame);',
          ),
          code("again", 'display.candlestick(frame, { title: "second chart" });'),
        ],
        metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    const port = await freePort();
    const lab = await startJupyter({ venvDir: inject("venvDir"), home, port, rootDir: root, token: "", logFile: join(root, "jupyter.log") });
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      // the page may not fetch anything outside the lab: plotly.js must come inline
      const outside: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(`http://127.0.0.1:${port}`) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) outside.push(r.url());
      });
      await page.goto(`http://127.0.0.1:${port}/lab/tree/render.ipynb`);
      await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: 180_000 });
      // run only once the kernel is up: a Run All sent before it connects can be dropped
      await page.getByText("TypeScript | Idle").waitFor({ timeout: 180_000 });
      await page.locator(".jp-Notebook .jp-Cell").first().click();
      await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
      await page.getByText("Run All Cells", { exact: true }).click();
      try {
        // a string: evaluated in the page (this package compiles without the DOM library)
        await page.waitForFunction('Array.from(document.querySelectorAll(".openquant-plot")).filter((d) => d.querySelector(".main-svg")).length >= 2', undefined, {
          timeout: 240_000,
        });
      } catch (error) {
        await page.screenshot({ path: join(root, "failure.png") });
        throw new Error(`charts not drawn (screenshot ${join(root, "failure.png")}, page errors: ${errors.join("; ") || "none"}): ${(error as Error).message}`);
      }
      const bars = page.locator(".openquant-progress");
      expect(await bars.count()).toBe(1);
      expect(await bars.getAttribute("data-status")).toBe("done");
      expect(await bars.getAttribute("data-percent")).toBe("100");
      // both charts drawn by plotly.js: the second one used the library the first one carried
      const drawn = await page.locator(".openquant-plot").evaluateAll((divs) => divs.map((d) => d.querySelectorAll(".main-svg").length > 0));
      expect(drawn).toEqual([true, true]);
      expect(await page.locator(".openquant-plot .cartesianlayer .trace").count()).toBeGreaterThanOrEqual(4);
      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await browser.close();
      await lab.stop();
    }
  }, 400_000);
});
