/** The `openquant` CLI as a user runs it: real processes, a real DuckDB file, the sample provider. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { runCli } from "./helpers.js";

describe("openquant CLI", () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), "oq-cli-"));
    env = { ...process.env, OPENQUANT_DATA_DIR: join(dir, "data"), OPENQUANT_LOG_DIR: join(dir, "logs"), NO_COLOR: "1" };
  });
  const cli = (...args: string[]) => runCli(env, ...args);

  it("ingests, lists and prints bars", async () => {
    const ingest = await cli("ingest", "ACME.SAMPLE", "BANK.SAMPLE", "--start", "2025-06-02", "--end", "2025-06-30");
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/ACME\.SAMPLE\s+ok\s+20\s+20/);
    expect(ingest.stdout).toMatch(/ok: 40 bars inserted/);

    const tickers = await cli("tickers");
    expect(tickers.stdout).toMatch(/ACME\.SAMPLE\s+1d\s+sample\s+2025-06-02\s+2025-06-30\s+20/);

    const csv = await cli("data", "ACME.SAMPLE", "--start", "2025-06-02", "--end", "2025-06-04", "--format", "csv");
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toBe("date,open,high,low,close,adj_close,volume");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["2025-06-02", "2025-06-03", "2025-06-04"]);
  });

  it("computes features and lists the registry", async () => {
    const f = await cli("features", "ACME.SAMPLE", "--set", "rsi,sma:period=5", "--start", "2025-06-20", "--end", "2025-06-30", "--format", "csv");
    expect(f.code).toBe(0);
    const [header, ...rows] = f.stdout.trim().split("\n");
    expect(header).toBe("date,close,rsi_14,sma_5");
    expect(rows[0].startsWith("2025-06-20,")).toBe(true);
    // features use split- and dividend-adjusted prices: the mean adj_close of the five bars up to
    // 2025-06-20 (2025-06-19 is Juneteenth: no bar)
    const closes = (await cli("data", "ACME.SAMPLE", "--start", "2025-06-10", "--end", "2025-06-20", "--format", "csv")).stdout
      .trim()
      .split("\n")
      .slice(-5)
      .map((l) => Number(l.split(",")[5]));
    const sma5 = closes.reduce((a, b) => a + b, 0) / 5;
    expect(Number(rows[0].split(",")[3])).toBeCloseTo(sma5, 10);
    const list = await cli("features", "--list");
    expect(list.stdout).toMatch(/^bbands\s/m);
    expect(list.stdout.trim().split("\n").length).toBeGreaterThanOrEqual(32);
    const bad = await cli("features", "ACME.SAMPLE", "--set", "rsi:period=0");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Invalid params of feature 'rsi': period: must be at least 2 bars/);
  });

  it("trains from a config file, lists the run and predicts with it", async () => {
    await cli("ingest", "ACME.SAMPLE", "--start", "2018-01-01");
    const experiment = `cli-${Date.now()}`;
    const config = join(mkdtempSync(join(tmpdir(), "oq-cli-train-")), "train.yaml");
    writeFileSync(
      config,
      `training:\n  experiment: ${experiment}\n  tickers: [ACME.SAMPLE]\n  start: "2018-01-01"\n  featureSet: [{ name: rsi }, { name: natr }]\n  horizon: 5\n  model: { type: ridge }\n`,
    );
    env.MLFLOW_TRACKING_URI = inject("mlflowUrl");
    const trained = await cli("train", "--config", config);
    expect(trained.code, trained.stderr).toBe(0);
    const runId = /MLflow run ([0-9a-f]{32})/.exec(trained.stdout)?.[1] as string;
    expect(runId).toBeTruthy();
    const runs = await cli("runs", "--experiment", experiment);
    expect(runs.stdout).toContain(runId);
    expect(runs.stdout).toMatch(/FINISHED\s+ridge/);
    const predicted = await cli("predict", "ACME.SAMPLE", "--run", runId, "--start", "2025-12-01", "--format", "csv");
    const lines = predicted.stdout.trim().split("\n");
    expect(lines[0]).toBe("date,prediction");
    expect(lines.length).toBeGreaterThan(15);
    expect(Number.isFinite(Number(lines[1].split(",")[1]))).toBe(true);
    const missing = await cli("train", "--config", "/nope/train.yaml");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read the training config \/nope\/train.yaml/);
  });

  it("imports a CSV file and reports rejected rows", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "oq-cli-csv-")), "mine.csv");
    writeFileSync(file, "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,10,11,9,10.5,10.4,100\n2024-01-03,10,9.5,9,10.5,10.4,100\n");
    const r = await cli("ingest", "MINE", "--provider", "csv", "--file", file);
    expect(r.stdout).toMatch(/MINE\s+ok\s+2\s+1\s+0\s+1/);
    expect(r.stdout).toMatch(/row 1 \(2024-01-03T00:00:00.000Z\): high 9.5 is below max\(open, close\)/);
  });

  it("answers mistakes with a message and exit code 1, never a stack trace", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["ingest", "bad;ticker"], /Invalid ingestion request: tickers\.0/],
      [["ingest", "ACME.SAMPLE", "--provider", "bloomberg"], /provider/],
      [["ingest", "ACME.SAMPLE", "--start", "2024-02-30"], /'2024-02-30' is not a date/],
      [["data", "NOPE.SAMPLE"], /No 1d bars stored for NOPE\.SAMPLE/],
      [["data", "ACME.SAMPLE", "--start", "2025-02-01", "--end", "2025-01-01"], /is after the end/],
      [["data", "ACME.SAMPLE", "--format", "xml"], /Unknown format 'xml'/],
      [["data", "ACME.SAMPLE", "--interval", "7d"], /Unsupported interval '7d'/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stderr, args.join(" ")).not.toMatch(/^\s+at /m);
    }
  });
});
