/**
 * Property-based fuzzing of the whole API from its own OpenAPI document: schemathesis (from the
 * venv) against a real `openquant serve` process with sample data and a trained model, checking
 * that no request gets a 5xx, every response conforms to its published schema, and every status
 * is one the document lists. Bounded: 20 examples per operation and phase, two workers.
 *
 * Nothing is excluded. Two things are steered by server/e2e/fuzz_hooks.py: ingestion never uses the
 * Yahoo provider (it would call the internet), and each request presents its own client address so
 * the per-client limit on mutating requests (tested in security.test.ts) does not answer for the
 * routes. Training and cross-validation stay in: they refuse an unstored ticker before any job
 * starts, and only the data and prediction operations are given real tickers and the trained run.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, type SidecarHandle, startSidecar } from "../src/services/index.js";

const TICKERS = ["ACME.SAMPLE", "BANK.SAMPLE"];

/** The parts of schemathesis' JSON run report the test reads. */
interface RunReport {
  complete: boolean;
  operations: { selected: number; tested: number; errored: number };
  test_cases: { generated: number; unique_failures: number; errored: number };
  failures: Array<{ code: string; title: string; count: number; operations: string[] }>;
  errors: unknown[];
}

// the sidecar's token, once it runs (it makes one in its data folder on first start)
let auth: Record<string, string> = {};

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Polls a job until it ends; returns it. */
async function finished(base: string, jobId: string): Promise<{ status: string; result: Record<string, unknown>; error: unknown }> {
  for (let i = 0; i < 600; i++) {
    const job = (await (await fetch(`${base}/jobs/${jobId}`, { headers: auth })).json()) as { status: string; result: Record<string, unknown>; error: unknown };
    if (["succeeded", "failed", "cancelled", "interrupted"].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** schemathesis.toml: real tickers and the trained run offered to the operations that read them, half the time. */
function config(runId: string): string {
  const half = (dictionary: string) => `{ dictionary = "${dictionary}", probability = 0.5 }`;
  return [
    "[dictionaries.tickers]",
    `values = ${JSON.stringify(TICKERS)}`,
    "[dictionaries.runs]",
    `values = ${JSON.stringify([runId, `runs:/${runId}/model`])}`,
    "",
    "[parameters]",
    `"path.ticker" = ${half("tickers")}`,
    `"body.ticker" = ${half("tickers")}`,
    "",
    "[[operations]]",
    'include-path = "/models/predict"',
    `parameters = { "body.model" = ${half("runs")} }`,
    "",
    "[[operations]]",
    'include-path = "/data/ingest"',
    `parameters = { "body.tickers[*]" = ${half("tickers")} }`,
    "",
  ].join("\n");
}

/** Runs schemathesis to completion; resolves with its output and exit code. */
function schemathesis(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(inject("venvDir"), "bin", "schemathesis"), args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

describe("fuzzing the API from its OpenAPI document (schemathesis)", () => {
  let sidecar: SidecarHandle | undefined;
  let runId: string;
  const dir = mkdtempSync(join(tmpdir(), "oq-fuzz-"));

  beforeAll(async () => {
    sidecar = await startSidecar({
      home: inject("home"),
      port: await freePort(),
      logFile: join(dir, "sidecar.log"),
      env: {
        OPENQUANT_DATA_DIR: join(dir, "data"),
        OPENQUANT_LOG_DIR: join(dir, "logs"),
        OPENQUANT_LOG_LEVEL: "warn",
        MLFLOW_TRACKING_URI: inject("mlflowUrl"),
      },
    });
    const base = sidecar.url;
    auth = sidecar.headers();
    const ingest = await postJson(`${base}/data/ingest`, { tickers: TICKERS, provider: "sample", start: "2020-01-01" });
    expect((await finished(base, ingest.jobId as string)).status).toBe("succeeded");
    const train = await postJson(`${base}/models/train`, {
      experiment: `fuzz-${Date.now()}`,
      tickers: TICKERS,
      featureSet: [{ name: "rsi" }, { name: "natr" }],
      model: { type: "linear" },
    });
    const trained = await finished(base, train.jobId as string);
    expect(trained.status, JSON.stringify(trained.error)).toBe("succeeded");
    runId = trained.result.runId as string;
  });
  afterAll(async () => sidecar?.stop());

  it("finds no server error, no response off its schema and no undocumented status on any operation", async () => {
    const url = (sidecar as SidecarHandle).url;
    const configFile = join(dir, "schemathesis.toml");
    writeFileSync(configFile, config(runId));
    const reports = join(dir, "report");
    const { code, output } = await schemathesis(
      [
        "--config-file",
        configFile,
        "run",
        `${url}/openapi.json`,
        "--header",
        `Authorization: Bearer ${(sidecar as SidecarHandle).token}`,
        "--checks",
        "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance",
        "--max-examples",
        "20",
        "--workers",
        "2",
        "--seed",
        "20260601",
        // hypothesis health checks judge the generator (e.g. tickers filtered by a lookahead pattern), not the API
        "--suppress-health-check",
        "all",
        "--request-timeout",
        "30",
        "--report",
        "json",
        "--report-dir",
        reports,
        "--no-color",
      ],
      { PYTHONPATH: import.meta.dirname, SCHEMATHESIS_HOOKS: "fuzz_hooks" },
    );
    const file = existsSync(reports) ? readdirSync(reports).find((f) => f.startsWith("json-")) : undefined;
    expect(file, `no JSON report; schemathesis said:\n${output.slice(-3000)}`).toBeDefined();
    const report = JSON.parse(readFileSync(join(reports, file as string), "utf8")) as RunReport;
    const failing = report.failures.flatMap((f) => f.operations.map((op) => `${op}: ${f.code} ${f.title}`));
    // the operations that failed, with schemathesis' own account of each (its reproduce commands included)
    const details = output.slice(output.indexOf("FAILURES"), output.indexOf("WARNINGS") > 0 ? output.indexOf("WARNINGS") : undefined);
    expect(failing, details).toEqual([]);
    expect(report.errors, output.slice(-3000)).toEqual([]);
    expect(report.complete).toBe(true);
    expect(report.operations.tested).toBe(report.operations.selected);
    expect(report.operations.selected).toBeGreaterThanOrEqual(30);
    expect(report.test_cases.generated).toBeGreaterThan(1000);
    expect(code).toBe(0);
  });
});
