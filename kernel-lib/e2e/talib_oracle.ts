/**
 * TypeScript side of the TA-Lib oracle: queue TA-Lib calls over named OHLCV series, run them all
 * in one Python process (talib_oracle.py), then read each output back as a Float64Array.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { IndicatorInput } from "../src/features/indicators/types.js";

const run = promisify(execFile);
const ORACLE = new URL("./talib_oracle.py", import.meta.url).pathname;

/** An OHLCV column name, as the oracle understands it. */
export type Column = "open" | "high" | "low" | "close" | "volume";
/** Output `output` of an earlier queued call, used as the input of a later one. */
export interface OutputRef {
  call: number;
  output: number;
}

interface QueuedCall {
  series: string;
  function: string;
  inputs: (Column | OutputRef)[];
  params: Record<string, number>;
}

/** A queued TA-Lib call; its outputs are readable once the oracle has run. */
export interface TalibCall {
  /** Reference to one output, to feed another TA-Lib call. */
  ref(output?: number): OutputRef;
  /** The output array (throws before the oracle has run). */
  out(output?: number): Float64Array;
}

/** Versions reported by the oracle. */
export interface OracleInfo {
  talib: string;
  ta_lib_c: string;
}

/** Collects TA-Lib calls, runs them in one Python invocation, and serves the results. */
export class TalibOracle {
  private readonly calls: QueuedCall[] = [];
  private results: Float64Array[][] | undefined;

  /** Queues `talib.<fn>(*inputs, **params)` on series `series`. */
  call(series: string, fn: string, inputs: (Column | OutputRef)[], params: Record<string, number> = {}): TalibCall {
    const index = this.calls.push({ series, function: fn, inputs, params }) - 1;
    return {
      ref: (output = 0) => ({ call: index, output }),
      out: (output = 0) => {
        const outputs = this.results?.[index];
        if (!outputs) throw new Error(`TA-Lib call ${index} (${fn}) has not run yet`);
        const value = outputs[output];
        if (!value) throw new Error(`TA-Lib ${fn} has no output ${output}`);
        return value;
      },
    };
  }

  /** Number of queued calls. */
  get size(): number {
    return this.calls.length;
  }

  /** Writes the series as raw float64, runs every queued call with `python`, and loads the outputs. */
  async run(python: string, series: Record<string, IndicatorInput>): Promise<OracleInfo> {
    const dir = await mkdtemp(join(tmpdir(), "openquant-talib-"));
    try {
      const seriesSpec: Record<string, { path: string; length: number }> = {};
      const lengths: Record<string, number> = {};
      for (const [name, s] of Object.entries(series)) {
        const n = s.close.length;
        const packed = new Float64Array(5 * n);
        for (const [k, column] of [s.open, s.high, s.low, s.close, s.volume].entries()) packed.set(column, k * n);
        const path = join(dir, `${name}.bin`);
        await writeFile(path, new Uint8Array(packed.buffer));
        seriesSpec[name] = { path, length: n };
        lengths[name] = n;
      }
      const output = join(dir, "outputs.bin");
      const requestPath = join(dir, "request.json");
      await writeFile(requestPath, JSON.stringify({ series: seriesSpec, calls: this.calls, output }));
      const { stdout } = await run(python, [ORACLE, requestPath], { maxBuffer: 16 * 1024 * 1024 });
      const reply = JSON.parse(stdout) as OracleInfo & { outputs: number[] };
      const bytes = await readFile(output);
      // Copy into an 8-byte-aligned buffer: a Node Buffer may start at any offset of its pool.
      const all = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      let offset = 0;
      this.results = this.calls.map((call, i) => {
        const n = lengths[call.series];
        const outputs: Float64Array[] = [];
        for (let k = 0; k < reply.outputs[i]; k++) {
          outputs.push(all.slice(offset, offset + n));
          offset += n;
        }
        return outputs;
      });
      if (offset !== all.length) throw new Error(`oracle wrote ${all.length} values, expected ${offset}`);
      return { talib: reply.talib, ta_lib_c: reply.ta_lib_c };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
