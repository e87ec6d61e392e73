/**
 * Feature benchmark (issue 4, "Performance"). On the same seeded data, in one run: every built-in
 * indicator and the default feature set over one 1,000,000-bar series and over 500 tickers × 2,520
 * bars, computed by (a) OpenQuant's kernels, (b) the `technicalindicators` npm package, (c) TA-Lib's
 * C code through the Python `talib` package on NumPy arrays (timed inside Python). Then the feature
 * cache's hit latency for 10 years × 30 features, in memory and in a real Redis.
 *
 * Env: BENCH_FEATURE_BARS / BENCH_FEATURE_TICKERS shrink the data; BENCH_TI_BARS / BENCH_TI_TICKERS
 * run technicalindicators on fewer bars / tickers and extrapolate linearly (printed when used).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings } from "../src/config/load.js";
import { allocFrame } from "../src/data/frame.js";
import { computeOnBars } from "../src/features/engine.js";
import { resolveFeatureSet } from "../src/features/feature-set.js";
import type { FeatureFrame } from "../src/features/frame.js";
import { builtinIndicators } from "../src/features/indicators/index.js";
import type { IndicatorDef, IndicatorInput, IndicatorParams } from "../src/features/indicators/types.js";
import { FeatureRegistry } from "../src/features/registry.js";
import { cacheHitLatency } from "./features-cache.js";
import { type BenchData, benchData, writeBenchData } from "./features-data.js";
import { TalibWorker, type TalibTiming } from "./features-talib.js";
import { type PlainInput, plainInput, tiCounterparts } from "./features-ti.js";
import { bestOf, type Timing, type TimingPolicy } from "./features-timing.js";
import { printTable, progress, type Row } from "./report.js";

const BARS = Number(process.env.BENCH_FEATURE_BARS ?? 1_000_000);
const TICKERS = Number(process.env.BENCH_FEATURE_TICKERS ?? 500);
const TICKER_BARS = 2_520;
const TI_BARS = Math.min(BARS, Number(process.env.BENCH_TI_BARS ?? BARS));
const TI_TICKERS = Math.min(TICKERS, Number(process.env.BENCH_TI_TICKERS ?? TICKERS));
/** technicalindicators runs taking longer than this are timed once, faster ones best of 3. */
const TI_SLOW_MS = 2_000;
/** OpenQuant and TA-Lib alike: at least this many runs, more within the budget (best kept). */
const SINGLE: TimingPolicy = { minRuns: 5, maxRuns: 30, budgetMs: 1_000 };
const MULTI: TimingPolicy = { minRuns: 3, maxRuns: 20, budgetMs: 1_500 };

/** One indicator with one parameter choice, timed by every engine that has it. */
interface Job {
  id: string;
  label: string;
  def: IndicatorDef<IndicatorParams>;
  params: IndicatorParams;
  outputs: number;
}

/** Timings of one job (ms). */
interface Timed {
  oqSingle: Timing;
  oqMulti: Timing;
  tiSingle?: number;
  tiMulti?: number;
  talib?: TalibTiming;
}

/** A job for `def` with its params validated (defaults applied). */
function makeJob(def: IndicatorDef<IndicatorParams>, raw: IndicatorParams): Job {
  const params = def.params.parse(raw);
  const values = Object.values(params).join(", ");
  return { id: `${def.name} ${JSON.stringify(params)}`, label: values ? `${def.name}(${values})` : def.name, def, params, outputs: def.outputs(params).length };
}

/** Runs technicalindicators once, or best of 3 when a run is quick. */
function timeTi(fn: () => unknown[]): number {
  const once = bestOf(fn, { minRuns: 1, maxRuns: 1, budgetMs: 0 }, 0).wall;
  return once > TI_SLOW_MS ? once : Math.min(once, bestOf(fn, { minRuns: 2, maxRuns: 2, budgetMs: 0 }, 0).wall);
}

/** Page-fault and zeroing cost of one fresh `n`-bar output column: a new array's first write minus a rewrite of a resident one. */
function freshColumnMs(n: number): number {
  const resident = new Float64Array(n);
  const rewrite = bestOf(() => resident.fill(1), SINGLE).wall;
  const fresh = bestOf(() => new Float64Array(n).fill(1), SINGLE).wall;
  return Math.max(0, fresh - rewrite);
}

const fmtRatio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? a / b : "—");
const ms = (v: number | undefined) => (v === undefined ? "—" : v);

/** The default feature set (configs/features.yaml `sets.default`), as jobs. */
function defaultSetJobs(): Job[] {
  const settings = loadSettings();
  const resolved = resolveFeatureSet("default", new FeatureRegistry(), settings.features.sets);
  return resolved.features.map((f) => makeJob(f.def, f.params));
}

/** OpenQuant on each job, each followed at once by TA-Lib on the same job (same moment's machine load). */
async function timeOpenQuantAndTalib(jobs: Job[], data: BenchData, talib: TalibWorker): Promise<Map<string, Timed>> {
  const out = new Map<string, Timed>();
  const warmup = data.tickers.slice(0, 20);
  for (const job of jobs) {
    progress(`OpenQuant and TA-Lib: ${job.label}`);
    // Warm the JIT on ticker-sized series right before timing: many short calls get the kernel
    // fully optimized (a first call on the long series would run on-stack-replaced code), and the
    // heap collections of earlier jobs' timing have by now flushed any older code (V8 drops the
    // code of functions left unused across several collections).
    for (let round = 0; round < 5; round++) for (const s of warmup) job.def.compute(s, job.params);
    const oqSingle = bestOf(() => job.def.compute(data.single, job.params), SINGLE);
    const timedTalib = await talib.time(job.def.name, job.params);
    const oqMulti = bestOf(() => {
      for (const s of data.tickers) job.def.compute(s, job.params);
    }, MULTI);
    out.set(job.id, { oqSingle, oqMulti, talib: timedTalib });
  }
  return out;
}

/** technicalindicators on each job it has a counterpart for (extrapolated when run on fewer bars or tickers). */
function timeTechnicalIndicators(jobs: Job[], data: BenchData): Map<string, Pick<Timed, "tiSingle" | "tiMulti">> {
  const out = new Map<string, Pick<Timed, "tiSingle" | "tiMulti">>();
  const single = plainInput(data.single, TI_BARS);
  const tickers: PlainInput[] = data.tickers.slice(0, TI_TICKERS).map((s) => plainInput(s));
  const warm = plainInput(data.tickers[0]);
  for (const job of jobs) {
    const ti = tiCounterparts[job.def.name];
    if (!ti) continue;
    progress(`technicalindicators ${ti.label} ${job.label}`);
    for (let round = 0; round < 20; round++) ti.run(warm, job.params);
    if (ti.run(warm, job.params).length === 0) throw new Error(`technicalindicators ${ti.label} returned nothing`);
    const tiSingle = timeTi(() => ti.run(single, job.params)) * (BARS / TI_BARS);
    const tiMulti =
      timeTi(() => {
        const results: unknown[] = [];
        for (const s of tickers) results.push(ti.run(s, job.params));
        return results;
      }) *
      (TICKERS / TI_TICKERS);
    out.set(job.id, { tiSingle, tiMulti });
  }
  return out;
}

/** A summary row: totals over the jobs where both engines have a time. */
function totalRow(label: string, timed: Timed[], other: (t: Timed) => number | undefined, single: boolean): Row {
  const both = timed.filter((t) => other(t) !== undefined);
  const oq = both.reduce((a, t) => a + (single ? t.oqSingle.wall : t.oqMulti.wall), 0);
  const them = both.reduce((a, t) => a + (other(t) as number), 0);
  return { total: label, indicators: String(both.length), "OpenQuant ms": oq, "them ms": them, "them / OpenQuant": them / oq };
}

/** Verdict on the within-2×-of-TA-Lib goal for one measurement (wall time). */
function verdict(kind: TalibTiming["kind"] | undefined, oq: number, talib: number | undefined, oqExclAlloc?: number): string {
  if (kind === undefined || talib === undefined) return "—";
  if (kind === "NumPy") return "n/a (NumPy only)";
  if (oq <= 2 * talib) return "yes";
  if (oqExclAlloc !== undefined && oqExclAlloc <= 2 * talib) return "no (yes excl. alloc)";
  return "no";
}

/** Rows of the per-indicator tables: the long series and the tickers. */
function indicatorRows(jobs: Job[], timed: Map<string, Timed>, columnMs: number): { single: Row[]; multi: Row[] } {
  const single: Row[] = [];
  const multi: Row[] = [];
  for (const job of jobs) {
    const t = timed.get(job.id) as Timed;
    const tl = t.talib;
    const exclAlloc = t.oqSingle.wall - job.outputs * columnMs;
    single.push({
      indicator: job.label,
      "TA-Lib": tl?.counterpart ?? "—",
      "OQ ms": t.oqSingle.wall,
      "TI ms": ms(t.tiSingle),
      "TA-Lib ms": ms(tl?.single.wall),
      "TI/OQ": fmtRatio(t.tiSingle, t.oqSingle.wall),
      "OQ/TA-Lib": fmtRatio(t.oqSingle.wall, tl?.single.wall),
      "(CPU time)": fmtRatio(t.oqSingle.cpu, tl?.single.cpu),
      "≤ 2× TA-Lib": verdict(tl?.kind, t.oqSingle.wall, tl?.single.wall, exclAlloc),
    });
    multi.push({
      indicator: job.label,
      technicalindicators: tiCounterparts[job.def.name]?.label ?? "—",
      "OQ ms": t.oqMulti.wall,
      "TI ms": ms(t.tiMulti),
      "TA-Lib ms": ms(tl?.multi.wall),
      "TI/OQ": fmtRatio(t.tiMulti, t.oqMulti.wall),
      "OQ/TA-Lib": fmtRatio(t.oqMulti.wall, tl?.multi.wall),
      "(CPU time)": fmtRatio(t.oqMulti.cpu, tl?.multi.cpu),
      "≤ 2× TA-Lib": verdict(tl?.kind, t.oqMulti.wall, tl?.multi.wall),
    });
    if (tl?.strict) {
      const strict = tl.strict;
      const label = `  ${job.def.name} vs ${strict.counterpart}`;
      single.push({
        indicator: label,
        "TA-Lib": "BBANDS",
        "OQ ms": t.oqSingle.wall,
        "TI ms": "",
        "TA-Lib ms": strict.single.wall,
        "TI/OQ": "",
        "OQ/TA-Lib": t.oqSingle.wall / strict.single.wall,
        "(CPU time)": t.oqSingle.cpu / strict.single.cpu,
        "≤ 2× TA-Lib": verdict("C", t.oqSingle.wall, strict.single.wall, exclAlloc),
      });
      multi.push({
        indicator: label,
        technicalindicators: "",
        "OQ ms": t.oqMulti.wall,
        "TI ms": "",
        "TA-Lib ms": strict.multi.wall,
        "TI/OQ": "",
        "OQ/TA-Lib": t.oqMulti.wall / strict.multi.wall,
        "(CPU time)": t.oqMulti.cpu / strict.multi.cpu,
        "≤ 2× TA-Lib": verdict("C", t.oqMulti.wall, strict.multi.wall),
      });
    }
  }
  return { single, multi };
}

/** TA-Lib's time where it has the indicator with at least one C function. */
const talibC = (single: boolean) => (t: Timed) =>
  t.talib && t.talib.kind !== "NumPy" ? (single ? t.talib.single.wall : t.talib.multi.wall) : undefined;

/** The four total rows (technicalindicators and TA-Lib, long series and tickers) over some jobs. */
function totals(timed: Timed[]): Row[] {
  const many = `${TICKERS} × ${TICKER_BARS}`;
  return [
    { ...totalRow(`technicalindicators, ${BARS.toLocaleString()} bars`, timed, (t) => t.tiSingle, true), goal: "≥ 20" },
    { ...totalRow(`technicalindicators, ${many}`, timed, (t) => t.tiMulti, false), goal: "≥ 20" },
    { ...totalRow(`TA-Lib (C, C+NumPy), ${BARS.toLocaleString()} bars`, timed, talibC(true), true), goal: "≥ 0.5 each" },
    { ...totalRow(`TA-Lib (C, C+NumPy), ${many}`, timed, talibC(false), false), goal: "≥ 0.5 each" },
  ];
}

/** `npm run bench features`: prints every table of the feature benchmark. */
export async function benchFeatures(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "oq-bench-features-"));
  try {
    const settings = loadSettings();
    const loadBefore = loadavg()[0];
    progress(`generating ${BARS.toLocaleString()} bars and ${TICKERS} tickers × ${TICKER_BARS} bars`);
    const data = benchData(BARS, TICKERS, TICKER_BARS);
    const files = await writeBenchData(dir, data);

    const builtinJobs = builtinIndicators.map((def) => makeJob(def, {}));
    const setJobs = defaultSetJobs();
    const jobs = [...builtinJobs];
    for (const j of setJobs) if (!jobs.some((k) => k.id === j.id)) jobs.push(j);

    const talib = await TalibWorker.start(join(settings.venv_dir, "bin", "python"), dir, {
      single: { path: files.single, length: BARS },
      multi: { path: files.multi, tickers: TICKERS, length: TICKER_BARS },
      timing: { single: SINGLE, multi: MULTI },
    });
    let timed: Map<string, Timed>;
    try {
      timed = await timeOpenQuantAndTalib(jobs, data, talib);
    } finally {
      await talib.close();
    }
    const columnMs = freshColumnMs(BARS);
    for (const [id, t] of timeTechnicalIndicators(jobs, data)) Object.assign(timed.get(id) as Timed, t);
    const loadAfter = loadavg()[0];

    const { talib: talibVersion, ta_lib_c: cVersion, numpy } = talib.versions;
    process.stdout.write(
      `\nData: seeded GARCH random walks (e2e/talib_series.ts): one series of ${BARS.toLocaleString()} bars, ${TICKERS} tickers × ${TICKER_BARS.toLocaleString()} bars; default params.\n` +
        `OpenQuant and TA-Lib: best wall time of ${SINGLE.minRuns}–${SINGLE.maxRuns} runs (long series) / ${MULTI.minRuns}–${MULTI.maxRuns} (tickers), after warm-up, heap collected before each; TA-Lib timed right after OpenQuant on each indicator.\n` +
        `  OpenQuant returns fresh output arrays, as the API does. TA-Lib ${talibVersion} (C ${cVersion}), NumPy ${numpy}: timed in Python with perf_counter; NumPy reuses freed memory for its outputs.\n` +
        `  A fresh ${BARS.toLocaleString()}-bar output column costs ${columnMs.toFixed(2)} ms here in page faults and zeroing; "no (yes excl. alloc)" marks a miss that this cost explains.\n` +
        `  "(CPU time)": the same ratio from best process CPU times, which leave out time spent waiting for a CPU.\n` +
        `technicalindicators ${tiVersion()}: runs over ${TI_SLOW_MS / 1000} s timed once, faster ones best of 3, after warm-up; plain number arrays prepared outside the timing.\n` +
        (TI_BARS < BARS || TI_TICKERS < TICKERS
          ? `  NOTE: technicalindicators ran on ${TI_BARS.toLocaleString()} of ${BARS.toLocaleString()} bars and ${TI_TICKERS} of ${TICKERS} tickers (BENCH_TI_BARS / BENCH_TI_TICKERS); its times are extrapolated linearly.\n`
          : "") +
        `Machine: ${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at start and ${loadAfter.toFixed(1)} at the end (other work shares the CPUs).\n`,
    );

    const rows = indicatorRows(builtinJobs, timed, columnMs);
    printTable(`Per indicator, one series of ${BARS.toLocaleString()} bars (OQ = OpenQuant, TI = technicalindicators)`, rows.single);
    printTable(`Per indicator, ${TICKERS} tickers × ${TICKER_BARS.toLocaleString()} bars (sum over tickers)`, rows.multi);
    printTable(
      "Totals over the built-in indicators, each engine against OpenQuant on the indicators it has (them / OpenQuant)",
      totals(builtinJobs.map((j) => timed.get(j.id) as Timed)),
    );

    const setTimed = setJobs.map((j) => timed.get(j.id) as Timed);
    const setColumns = setJobs.reduce((a, j) => a + j.outputs, 0);
    const whole = (single: boolean) => setTimed.reduce((a, t) => a + (single ? t.oqSingle.wall : t.oqMulti.wall), 0);
    printTable(`Default feature set (configs/features.yaml sets.default: ${setJobs.length} features, ${setColumns} columns)`, [
      { total: `OpenQuant, whole set, ${BARS.toLocaleString()} bars`, indicators: String(setJobs.length), "OpenQuant ms": whole(true), "them ms": "", "them / OpenQuant": "", goal: "" },
      { total: `OpenQuant, whole set, ${TICKERS} × ${TICKER_BARS}`, indicators: String(setJobs.length), "OpenQuant ms": whole(false), "them ms": "", "them / OpenQuant": "", goal: "" },
      ...totals(setTimed),
    ]);

    progress("cache hit latency");
    printTable(
      `Feature cache hit: get + deserialize of 10 years of the default set (${TICKER_BARS.toLocaleString()} rows × ${setColumns} features + close, the engine's binary frame)`,
      await cacheHitLatency(defaultSetFrame(data.tickers[0], setJobs)),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** technicalindicators' installed version. */
function tiVersion(): string {
  const require = createRequire(import.meta.url);
  return (require("technicalindicators/package.json") as { version: string }).version;
}

/** The default set computed on one ticker, as the engine caches it. */
function defaultSetFrame(input: IndicatorInput, setJobs: Job[]): FeatureFrame {
  const n = input.close.length;
  const bars = allocFrame("BENCH", "1d", n);
  for (const c of ["open", "high", "low", "close", "volume"] as const) bars[c].set(input[c]);
  bars.adjClose.set(input.close);
  for (let i = 0; i < n; i++) bars.ts[i] = Date.UTC(2015, 0, 2) + i * 86_400_000;
  const set = resolveFeatureSet(
    setJobs.map((j) => ({ name: j.def.name, params: j.params })),
    new FeatureRegistry(),
    {},
  );
  return { ticker: "BENCH", interval: "1d", ts: bars.ts, close: bars.close, columns: computeOnBars(bars, set), featureSetHash: set.hash, dataVersion: 1 };
}
