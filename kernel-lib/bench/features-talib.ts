/**
 * Talks to talib_bench.py: TA-Lib's C (through the Python package, on NumPy arrays) timed on the
 * benchmark data, one indicator per request, so it runs right after OpenQuant's timing of the same
 * indicator.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import type { IndicatorParams } from "../src/features/indicators/types.js";
import type { Timing, TimingPolicy } from "./features-timing.js";

const SCRIPT = new URL("./talib_bench.py", import.meta.url).pathname;

/** Best wall and CPU times over the long series and over all tickers. */
export interface TalibTiming {
  counterpart: string;
  /** "C": TA-Lib functions give every output; "C+NumPy": plus NumPy arithmetic; "NumPy": no TA-Lib function. */
  kind: "C" | "C+NumPy" | "NumPy";
  single: Timing;
  multi: Timing;
  /** Bollinger Bands only: BBANDS alone, without the NumPy %B and bandwidth. */
  strict?: { counterpart: string; single: Timing; multi: Timing };
}

/** Versions reported by the Python side. */
export interface TalibVersions {
  talib: string;
  ta_lib_c: string;
  numpy: string;
}

/** Where the data is and how long to time. */
export interface TalibData {
  single: { path: string; length: number };
  multi: { path: string; tickers: number; length: number };
  timing: { single: TimingPolicy; multi: TimingPolicy };
}

interface Wire {
  wall_ms: number;
  cpu_ms: number;
}

const timing = (w: Wire): Timing => ({ wall: w.wall_ms, cpu: w.cpu_ms });

/** A running talib_bench.py answering one indicator at a time. */
export class TalibWorker {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterator<string>,
    private readonly reader: Interface,
    /** Versions of the TA-Lib package, its C library and NumPy. */
    readonly versions: TalibVersions,
  ) {}

  /** Starts the worker with `python`, loading the data files described by `data`. */
  static async start(python: string, dir: string, data: TalibData): Promise<TalibWorker> {
    const path = join(dir, "talib-data.json");
    await writeFile(path, JSON.stringify({ ...data, timing: { single: wire(data.timing.single), multi: wire(data.timing.multi) } }));
    const child = spawn(python, [SCRIPT, path], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    const reader = createInterface({ input: child.stdout });
    const lines = reader[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) throw new Error(`talib_bench.py exited before answering: ${stderr.trim()}`);
    return new TalibWorker(child, lines, reader, JSON.parse(first.value) as TalibVersions);
  }

  /** Times one OpenQuant indicator's TA-Lib counterpart; undefined when TA-Lib has none. */
  async time(name: string, params: IndicatorParams): Promise<TalibTiming | undefined> {
    this.child.stdin.write(`${JSON.stringify({ name, params })}\n`);
    const line = await this.lines.next();
    if (line.done) throw new Error(`talib_bench.py stopped while timing ${name}`);
    const reply = JSON.parse(line.value) as null | {
      counterpart: string;
      kind: TalibTiming["kind"];
      single: Wire;
      multi: Wire;
      strict?: { counterpart: string; single: Wire; multi: Wire };
    };
    if (!reply) return undefined;
    return {
      counterpart: reply.counterpart,
      kind: reply.kind,
      single: timing(reply.single),
      multi: timing(reply.multi),
      strict: reply.strict && { counterpart: reply.strict.counterpart, single: timing(reply.strict.single), multi: timing(reply.strict.multi) },
    };
  }

  /** Ends the worker. */
  async close(): Promise<void> {
    this.child.stdin.end();
    this.reader.close();
    if (this.child.exitCode === null) await new Promise((resolve) => this.child.once("exit", resolve));
  }
}

function wire(policy: TimingPolicy) {
  return { min_runs: policy.minRuns, max_runs: policy.maxRuns, budget_ms: policy.budgetMs };
}
