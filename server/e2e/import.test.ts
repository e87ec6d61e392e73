/**
 * Importing real files end to end: the S&P 500 history shipped in the PyPI package `arch` (checked
 * against pandas reading the same file), REST's import job, a client-mode process importing through
 * the sidecar, and the `openquant import` CLI on a real DuckDB file.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { InvalidInput, type ImportResult, loadSettings, type OpenQuant, openQuant } from "@openquant/kernel-lib";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp } from "../src/app.js";
import { runCli, testPlatform } from "./helpers.js";

const exec = promisify(execFile);

interface Golden {
  path: string;
  rows: number;
  firstDate: string;
  lastDate: string;
  firstClose: number;
  lastClose: number;
  volume: number;
}

/** The arch S&P 500 file as pandas reads it (requirements-test.txt installs arch into .venv). */
async function pandasGolden(): Promise<Golden> {
  const python = join(inject("home"), ".venv", "bin", "python");
  const script = `
import arch, json, os
import pandas as pd
path = os.path.join(os.path.dirname(arch.__file__), "data", "sp500", "sp500.csv.gz")
df = pd.read_csv(path)
dates = pd.to_datetime(df["Date"], format="%m/%d/%Y")
print(json.dumps({"path": path, "rows": len(df), "firstDate": dates.min().strftime("%Y-%m-%d"), "lastDate": dates.max().strftime("%Y-%m-%d"),
  "firstClose": float(df["Close"].iloc[0]), "lastClose": float(df["Close"].iloc[-1]), "volume": float(df["Volume"].sum())}))`;
  try {
    return JSON.parse((await exec(python, ["-c", script])).stdout) as Golden;
  } catch (error) {
    throw new Error(`arch is not in .venv (run scripts/setup.sh --test, which installs requirements-test.txt): ${(error as Error).message}`);
  }
}

async function finished(app: Express, jobId: string): Promise<{ status: string; result: ImportResult; error?: { code: string; message: string } }> {
  for (let i = 0; i < 600; i++) {
    const job = (await request(app).get(`/jobs/${jobId}`).expect(200)).body;
    if (["succeeded", "failed", "cancelled", "interrupted"].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

const LONG = "date,ticker,open,high,low,close,adj close,volume\n2024-01-02,AAA,10,12,9,11,11,5\n2024-01-02,BBB,20,22,19,21,21,6\n2024-01-03,AAA,11,13,10,12,12,7\n";

describe("import of real files", () => {
  let oq: OpenQuant;
  let app: Express;
  let server: Server;
  let url: string;
  let golden: Golden;
  let dir: string;
  beforeAll(async () => {
    oq = await testPlatform();
    app = createApp({ oq, logger: oq.logger });
    server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    golden = await pandasGolden();
    dir = mkdtempSync(join(tmpdir(), "oq-import-e2e-"));
  });
  afterAll(async () => {
    server?.close();
    await oq?.close();
  });

  it("imports arch's sp500.csv.gz with one call, as pandas reads it, and again changes nothing", async () => {
    const r = await oq.importFiles(golden.path, { ticker: "^GSPC" });
    expect(r.tickers).toHaveLength(1);
    expect(r.tickers[0]).toMatchObject({ ticker: "^GSPC", received: golden.rows, inserted: golden.rows, rejected: 0, skipped: 0 });
    const bars = await oq.bars("^GSPC");
    expect(bars.ts.length).toBe(golden.rows);
    expect(new Date(bars.ts[0]).toISOString().slice(0, 10)).toBe(golden.firstDate);
    expect(new Date(bars.ts[bars.ts.length - 1]).toISOString().slice(0, 10)).toBe(golden.lastDate);
    expect(bars.close[0]).toBe(golden.firstClose);
    expect(bars.close[bars.ts.length - 1]).toBe(golden.lastClose);
    expect(bars.volume.reduce((a, b) => a + b, 0)).toBe(golden.volume);
    const version = (await oq.tickers()).find((t) => t.ticker === "^GSPC")?.dataVersion;
    const again = await oq.importFiles(golden.path, { ticker: "^GSPC" });
    expect(again.totals).toMatchObject({ inserted: 0, updated: 0, unchanged: golden.rows });
    expect((await oq.tickers()).find((t) => t.ticker === "^GSPC")?.dataVersion).toBe(version);
  });

  it("runs POST /data/import as a job whose result lists each ticker's range", async () => {
    const path = join(dir, "long.csv");
    writeFileSync(path, LONG);
    const res = await request(app).post("/data/import").send({ input: path, universe: "mine" }).expect(202);
    expect(res.headers.location).toBe(`/jobs/${res.body.jobId}`);
    const job = await finished(app, res.body.jobId);
    expect(job.status).toBe("succeeded");
    expect(job.result.tickers.map((t) => [t.ticker, t.firstBar?.slice(0, 10), t.lastBar?.slice(0, 10), t.inserted])).toEqual([
      ["AAA", "2024-01-02", "2024-01-03", 2],
      ["BBB", "2024-01-02", "2024-01-02", 1],
    ]);
    expect(job.result.universe?.members.map((m) => m.ticker)).toEqual(["AAA", "BBB"]);
    const bad = await request(app).post("/data/import").send({ input: join(dir, "nowhere.csv") }).expect(202);
    const failed = await finished(app, bad.body.jobId);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/nowhere\.csv: no such file or folder/) });
  });

  it("imports from a client-mode process through the sidecar, with the same typed errors", async () => {
    const settings = loadSettings({ home: inject("home"), env: { OPENQUANT_API_URL: url, OPENQUANT_LOG_LEVEL: "error", MLFLOW_TRACKING_URI: inject("mlflowUrl"), OPENQUANT_DATA_DIR: oq.settings.data_dir } });
    const client = await openQuant({ settings, mode: "client", component: "test" });
    try {
      expect(client.mode).toBe("client");
      mkdirSync(join(dir, "client"));
      writeFileSync(join(dir, "client", "CCC.csv"), "Date,Open,High,Low,Close,Adj Close,Volume\n13/1/2024,10,12,9,11,11,5\n14/1/2024,10,12,9,11,11,5\n");
      const r = await client.importFiles(join(dir, "client"));
      expect(r.tickers[0]).toMatchObject({ ticker: "CCC", inserted: 2, firstBar: "2024-01-13T00:00:00.000Z" });
      expect(Array.from((await oq.bars("CCC")).close)).toEqual([11, 11]);
      writeFileSync(join(dir, "client", "amb.csv"), "Date,Open,High,Low,Close,Volume\n1/2/2024,10,12,9,11,5\n");
      const error = await client.importFiles(join(dir, "client", "amb.csv")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as Error).message).toMatch(/amb\.csv: its dates .* could be month\/day or day\/month/);
    } finally {
      await client.close();
    }
  });

  it("publishes POST /data/import in the OpenAPI document", async () => {
    const doc = (await request(app).get("/openapi.json").expect(200)).body;
    expect(doc.paths["/data/import"].post).toBeDefined();
  });
});

describe("openquant import (CLI)", () => {
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "oq-cli-import-"));
    env = { ...process.env, OPENQUANT_DATA_DIR: join(dir, "data"), OPENQUANT_LOG_DIR: join(dir, "logs"), NO_COLOR: "1" };
  });
  const cli = (...args: string[]) => runCli(env, ...args);

  it("imports a glob, re-imports without change, and refuses a bad file naming it", async () => {
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in", "long.csv"), LONG);
    const first = await cli("import", join(dir, "in", "*.csv"), "--universe", "mine");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/AAA\s+2024-01-02\s+2024-01-03\s+2\s+2\s+0\s+0/);
    expect(first.stdout).toMatch(/3 bars inserted, 0 updated, 0 unchanged/);
    expect(first.stdout).toMatch(/universe mine: 2 ticker\(s\) recorded as members/);
    const members = await cli("universe", "show", "mine", "--format", "csv");
    expect(members.stdout).toMatch(/AAA,2024-01-02,2024-01-03/);
    const again = await cli("import", join(dir, "in", "long.csv"));
    expect(again.stdout).toMatch(/0 bars inserted, 0 updated, 3 unchanged/);
    writeFileSync(join(dir, "in", "mixed.csv"), "date,open,high,low,close,volume\n2024-01-02,10,12,9,11,5\n20240103,10,12,9,11,5\n");
    const bad = await cli("import", join(dir, "in", "mixed.csv"));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/mixed\.csv: mixed date formats — line 3 has '20240103' \(YYYYMMDD\)/);
    const ambiguous = join(dir, "in", "amb.csv");
    writeFileSync(ambiguous, "Date,Open,High,Low,Close,Volume\n1/2/2024,10,12,9,11,5\n");
    expect((await cli("import", ambiguous)).stderr).toMatch(/--date-format M\/D\/YYYY or --date-format D\/M\/YYYY/);
    const fixed = await cli("import", ambiguous, "--date-format", "D/M/YYYY", "--ticker", "AMB");
    expect(fixed.stdout).toMatch(/AMB\s+2024-02-01\s+2024-02-01/);
  });
});
