/**
 * Load benchmark of the sidecar (issue 6), run by `npm run bench`: autocannon in a second process,
 * 30 s at 50 connections per scenario (OPENQUANT_BENCH_SECONDS / OPENQUANT_BENCH_CONNECTIONS
 * shorten it), against a real `openquant serve` with sample data and a trained model:
 *   GET /data/{ticker}        ten years of daily bars, JSON — and the same from FastAPI + DuckDB;
 *                             then ~2,900 different ten-year windows in turn, which miss the sidecar's answer cache
 *   POST /features/compute    the default feature set over one year, cache warm
 *   POST /models/predict      one year of predictions, model cached
 * Prints throughput, p50, p99 and errors, and the sidecar's throughput over the baseline's (aim ≥ 2×).
 */
import { spawn } from "node:child_process";
import { deepStrictEqual } from "node:assert";
import { join, resolve } from "node:path";
import { printTable, progress } from "../../kernel-lib/bench/report.js";
import type { LoadResult, LoadSpec } from "./cannon.js";
import { BENCH_TICKER, startLoadFixture } from "./load-fixture.js";

const HOME = resolve(import.meta.dirname, "../..");
const VENV = process.env.OPENQUANT_VENV ?? join(HOME, ".venv");
const SECONDS = Number(process.env.OPENQUANT_BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.OPENQUANT_BENCH_CONNECTIONS ?? 50);
const TEN_YEARS = `start=2016-01-01&end=2025-12-31`;
const ONE_YEAR = { start: "2025-01-01", end: "2025-12-31" };

/** Every ten-year window of the sample history, one day apart: more answers than the sidecar's cache holds. */
function tenYearWindows(): string[] {
  const paths: string[] = [];
  for (let t = Date.UTC(2008, 0, 2); t <= Date.UTC(2015, 11, 31); t += 86_400_000) {
    const start = new Date(t);
    const end = new Date(Date.UTC(start.getUTCFullYear() + 10, start.getUTCMonth(), start.getUTCDate()));
    paths.push(`/data/${BENCH_TICKER}?start=${start.toISOString().slice(0, 10)}&end=${end.toISOString().slice(0, 10)}`);
  }
  return paths;
}

/** Runs autocannon in its own process (server/bench/cannon.ts) and returns its result. */
function cannon(spec: Omit<LoadSpec, "connections" | "seconds">): Promise<LoadResult> {
  const full: LoadSpec = { ...spec, connections: CONNECTIONS, seconds: SECONDS };
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(HOME, "server", "bench", "cannon.ts")], { cwd: HOME, stdio: ["pipe", "pipe", "inherit"] });
    child.stdin.end(JSON.stringify(full));
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.once("error", fail);
    child.once("close", (code) => (code === 0 ? done(JSON.parse(out.trim().split("\n").at(-1) as string) as LoadResult) : fail(new Error(`autocannon exited with ${code}`))));
  });
}

async function fetchJson(url: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

function row(server: string, request: string, r: LoadResult) {
  return {
    server,
    request,
    "req/s": r.requestsPerSecond,
    "p50 ms": r.p50Ms,
    "p99 ms": r.p99Ms,
    errors: r.errors,
    "non-2xx": r.non2xx,
    "MB/s": r.bytesPerSecond / 1e6,
  };
}

/** Runs every scenario and prints the table. */
export async function benchLoad(): Promise<void> {
  const fixture = await startLoadFixture(HOME, VENV, progress);
  try {
    const { sidecar, fastapi, runId } = fixture;
    const dataPath = `/data/${BENCH_TICKER}?${TEN_YEARS}`;
    const features = { ticker: BENCH_TICKER, featureSet: "default", ...ONE_YEAR };
    const predict = { model: runId, ticker: BENCH_TICKER, ...ONE_YEAR };

    // same answer from both servers, then warm the feature cache and the model cache
    const ours = (await fetchJson(`${sidecar.url}${dataPath}`)) as { ts: number[] };
    deepStrictEqual(await fetchJson(`${fastapi.url}${dataPath}`), ours);
    await fetchJson(`${sidecar.url}/features/compute`, features);
    await fetchJson(`${sidecar.url}/models/predict`, predict);
    const bars = ours.ts.length;

    progress(`${SECONDS} s at ${CONNECTIONS} connections per scenario`);
    const data = await cannon({ url: `${sidecar.url}${dataPath}`, method: "GET" });
    const baseline = await cannon({ url: `${fastapi.url}${dataPath}`, method: "GET" });
    const windows = tenYearWindows();
    const dataFresh = await cannon({ url: sidecar.url, method: "GET", paths: windows });
    const baselineFresh = await cannon({ url: fastapi.url, method: "GET", paths: windows });
    const compute = await cannon({ url: `${sidecar.url}/features/compute`, method: "POST", body: features, spreadClients: true });
    const predicted = await cannon({ url: `${sidecar.url}/models/predict`, method: "POST", body: predict, spreadClients: true });

    printTable(`Sidecar under load (autocannon, ${CONNECTIONS} connections, ${SECONDS} s each; ${bars} daily bars = 10 years)`, [
      row("sidecar (Express)", `GET /data/{ticker} ${bars} bars`, data),
      row("FastAPI + DuckDB", `GET /data/{ticker} ${bars} bars`, baseline),
      row("sidecar (Express)", `same, ${windows.length} windows in turn`, dataFresh),
      row("FastAPI + DuckDB", `same, ${windows.length} windows in turn`, baselineFresh),
      row("sidecar (Express)", "POST /features/compute 1 y, warm", compute),
      row("sidecar (Express)", "POST /models/predict 1 y, cached", predicted),
    ]);
    const ratio = data.requestsPerSecond / baseline.requestsPerSecond;
    const freshRatio = dataFresh.requestsPerSecond / baselineFresh.requestsPerSecond;
    const clean = [data, baseline, dataFresh, baselineFresh, compute, predicted].every((r) => r.errors === 0 && r.non2xx === 0);
    process.stdout.write(
      `\nGET /data/{ticker}: sidecar ${ratio.toFixed(2)}× the FastAPI + DuckDB baseline on the same request (aim ≥ 2×: ${ratio >= 2 ? "met" : "NOT met"}), ` +
        `${freshRatio.toFixed(2)}× on windows that miss its answer cache; errors: ${clean ? "none" : "SOME — see the table"}\n`,
    );
  } finally {
    await fixture.stop();
  }
}

await benchLoad();
