/**
 * The sample500 market, generated once for this file: its calendar and listings, OHLCV sanity,
 * stylized facts, and the recovery of the planted signals' designed Rank ICs (with a placebo).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import type { BarFrame } from "../../../frame.js";
import { formatIsoDate } from "../../dates.js";
import { seededRandom } from "../random.js";
import { generateSample500 } from "./generate.js";
import { logAdjustedCloses, measureRankIC, type RankIcMeasurement, windowReturn } from "./measure-ic.js";
import { SAMPLE500_SIGNALS } from "./signals.js";
import { sample500Tickers } from "./tickers.js";

const started = performance.now();
const market = generateSample500(42);
const generationMs = performance.now() - started;
const { days, specs, frames } = market;
const T = days.length;
const N = frames.length;
const bars = frames.reduce((s, f) => s + f.ts.length, 0);
console.log(`sample500: ${N} tickers, ${bars.toLocaleString("en-US")} bars generated in ${Math.round(generationMs)} ms`);

function mean(x: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  return sum / x.length;
}
const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1];
function logReturns(frame: BarFrame): number[] {
  const r: number[] = [];
  for (let k = 1; k < frame.ts.length; k++) r.push(Math.log(frame.adjClose[k] / frame.adjClose[k - 1]));
  return r;
}
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [ma, mb] = [mean(a), mean(b)];
  let c = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    c += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return c / Math.sqrt(va * vb);
}
function excessKurtosis(x: number[]): number {
  const m = mean(x);
  const v = mean(x.map((a) => (a - m) ** 2));
  return mean(x.map((a) => (a - m) ** 4)) / (v * v) - 3;
}
const autocorrelation = (x: number[], lag: number) => correlation(x.slice(lag), x.slice(0, x.length - lag));
/** Split ratios (raw move ÷ adjusted move, rounded) on the days they are not 1. */
function splitRatios(frame: BarFrame): number[] {
  const ratios: number[] = [];
  for (let k = 1; k < frame.ts.length; k++) {
    const raw = frame.close[k] / frame.close[k - 1];
    const adj = frame.adjClose[k] / frame.adjClose[k - 1];
    const ratio = adj / raw;
    if (Math.abs(Math.log(ratio)) > 0.5) ratios.push(Math.round(ratio * 10) / 10);
  }
  return ratios;
}

describe("sample500 bars", () => {
  it("generates 500 tickers × up to 5,282 sessions in a few seconds", () => {
    expect(N).toBe(500);
    expect(formatIsoDate(days[0])).toBe("2005-01-03");
    expect(formatIsoDate(days[T - 1])).toBe("2025-12-31");
    expect(bars).toBeGreaterThan(2_000_000);
    expect(generationMs).toBeLessThan(30_000); // a few seconds on an idle machine; slack for shared CI cores
  });

  it("gives each ticker exactly the sessions from its listing to its delisting (or the end)", () => {
    const table = sample500Tickers(42);
    frames.forEach((f, i) => {
      const { listed, delisted } = table[i];
      expect(f.ticker).toBe(table[i].ticker);
      expect(formatIsoDate(f.ts[0])).toBe(listed);
      expect(formatIsoDate(f.ts[f.ts.length - 1])).toBe(delisted ?? "2025-12-31");
      expect(f.ts.length).toBe(specs[i].lastDay - specs[i].listedDay + 1);
      expect(f.ts[f.ts.length - 1]).toBe(days[specs[i].lastDay]);
    });
  });

  it("has consistent OHLCV on every bar", () => {
    for (const f of frames) {
      for (let k = 0; k < f.ts.length; k++) {
        const [o, h, l, c, v] = [f.open[k], f.high[k], f.low[k], f.close[k], f.volume[k]];
        if (!(h >= Math.max(o, c) && l <= Math.min(o, c) && l > 0 && f.adjClose[k] > 0)) {
          expect.fail(`bad OHLC at ${f.ticker} ${formatIsoDate(f.ts[k])}: ${o} ${h} ${l} ${c}`);
        }
        if (!(Number.isInteger(v) && v > 0)) expect.fail(`bad volume ${v} at ${f.ticker} ${formatIsoDate(f.ts[k])}`);
        if (k > 0 && !(f.ts[k] > f.ts[k - 1])) expect.fail(`time not increasing at ${f.ticker} ${k}`);
        if (Math.round(c * 100) !== Math.round(c * 100 * 1e6) / 1e6) expect.fail(`close not in cents at ${f.ticker} ${k}`);
      }
      expect(f.adjClose[f.ts.length - 1]).toBeCloseTo(f.close[f.ts.length - 1], 6);
    }
  });

  it("is bit-identical for the same seed (pinned digest of every column of every bar)", () => {
    const hash = createHash("sha256");
    for (const f of frames) {
      hash.update(f.ticker);
      for (const column of [f.ts, f.open, f.high, f.low, f.close, f.adjClose, f.volume]) hash.update(new Uint8Array(column.buffer));
    }
    expect(hash.digest("hex")).toBe(SAMPLE500_DIGEST_SEED_42);
  });
});

describe("sample500 listings, delistings and splits", () => {
  it("has about 20% IPOs and 10% delistings, some of which collapse to near zero first", () => {
    const ipos = specs.filter((s) => s.listedDay > 0).length;
    expect(ipos / N).toBeGreaterThan(0.12);
    expect(ipos / N).toBeLessThan(0.28);
    const delisted = frames.filter((_, i) => specs[i].delisted);
    expect(delisted).toHaveLength(50);
    const nearZero = delisted.filter((f) => f.close[f.ts.length - 1] < 0.5);
    expect(nearZero.length).toBeGreaterThanOrEqual(10);
    expect(nearZero.length).toBeLessThanOrEqual(35);
  });

  it("splits along the price: 2-for-1 and 3-for-1 splits and 1-for-10 reverse splits, volume scaling with them", () => {
    const all = frames.flatMap(splitRatios);
    const count = (r: number) => all.filter((x) => x === r).length;
    console.log(`splits: ${count(2)} × 2-for-1, ${count(3)} × 3-for-1, ${count(0.1)} × 1-for-10`);
    expect(count(2)).toBeGreaterThanOrEqual(20);
    expect(count(3)).toBeGreaterThanOrEqual(5);
    expect(count(0.1)).toBeGreaterThanOrEqual(3);
    expect(frames.filter((f) => splitRatios(f).length > 0).length).toBeGreaterThanOrEqual(30);
  });
});

describe("stylized facts of sample500 returns", () => {
  // Tickers listed over the whole sample, for statistics that want long, aligned series.
  const whole = frames.filter((_, i) => specs[i].listedDay === 0 && !specs[i].delisted);
  const returns = whole.map(logReturns);

  it("has fat tails and volatility clustering in (almost) every ticker", () => {
    const kurtosis = returns.map(excessKurtosis);
    const clustering = returns.map((r) => mean([1, 2, 3, 4, 5].map((lag) => autocorrelation(r.map(Math.abs), lag))));
    console.log(`median excess kurtosis ${median(kurtosis).toFixed(2)}, median |r| autocorrelation (lags 1–5) ${median(clustering).toFixed(3)}`);
    expect(median(kurtosis)).toBeGreaterThan(2);
    expect(kurtosis.filter((k) => k > 1).length / kurtosis.length).toBeGreaterThan(0.95);
    expect(median(clustering)).toBeGreaterThan(0.05);
    // Returns themselves are (nearly) unpredictable from their own past.
    expect(Math.abs(median(returns.map((r) => autocorrelation(r, 1))))).toBeLessThan(0.03);
  });

  it("correlates more within a sector than across sectors, and everything with the market", () => {
    const within: number[] = [];
    const across: number[] = [];
    const sample = whole.slice(0, 120);
    const sectorOf = (f: BarFrame) => specs[frames.indexOf(f)].sector;
    for (let a = 0; a < sample.length; a++) {
      for (let b = a + 1; b < sample.length; b++) {
        const c = correlation(returns[a], returns[b]);
        (sectorOf(sample[a]) === sectorOf(sample[b]) ? within : across).push(c);
      }
    }
    console.log(`mean correlation within sectors ${mean(within).toFixed(3)}, across ${mean(across).toFixed(3)}`);
    expect(mean(across)).toBeGreaterThan(0.1);
    expect(mean(within)).toBeGreaterThan(mean(across) + 0.05);
  });

  it("trades more volume on big moves and in volatile stretches", () => {
    const correlations = whole.map((f, j) => correlation(Array.from(f.volume.subarray(1), Math.log), returns[j].map(Math.abs)));
    expect(median(correlations)).toBeGreaterThan(0.15);
    expect(correlations.filter((c) => c > 0.05).length / correlations.length).toBeGreaterThan(0.95);
  });

  it("trades more volume in big companies (size sets the volume level)", () => {
    const meanLogVolume = frames.map((f) => mean(Array.from(f.volume, Math.log)));
    const logBase = specs.map((s) => Math.log(s.baseVolume));
    expect(correlation(meanLogVolume, logBase)).toBeGreaterThan(0.8);
  });
});

describe("planted signals: measured mean daily Rank IC vs designed", () => {
  const logClose = logAdjustedCloses(market);
  const { reversal, momentum } = SAMPLE500_SIGNALS;
  const measured = {
    reversal: measureRankIC(logClose, N, T, windowReturn(logClose, T, reversal.window.from, reversal.window.to), reversal.horizon),
    momentum: measureRankIC(logClose, N, T, windowReturn(logClose, T, momentum.window.from, momentum.window.to), momentum.horizon),
  };
  const within = (measured: RankIcMeasurement, designed: number, what: string) => {
    const z = (measured.mean - designed) / measured.standardError;
    console.log(
      `${what}: designed ${designed.toFixed(4)}, measured ${measured.mean.toFixed(4)} ± ${measured.standardError.toFixed(4)} ` +
        `(Newey–West s.e., ${measured.days} days; ${z.toFixed(2)} s.e. off)`,
    );
    expect(Math.abs(z), what).toBeLessThan(3);
  };

  it("recovers the reversal: rank of the past 5-day return vs the next 5-day return", () => {
    const ic = measured.reversal;
    within(ic, reversal.rankIC, "reversal (5d → 5d)");
    expect(ic.mean).toBeLessThan(-0.03);
  });

  it("recovers the 12-1 month momentum vs the next 21-day return", () => {
    const ic = measured.momentum;
    within(ic, momentum.rankIC, "momentum (12-1m → 21d)");
    expect(ic.mean).toBeGreaterThan(0.01);
  });

  it("measures the same ICs as an independent judge (scipy's ranks in the project's Python)", () => {
    const python = join(inject("venvDir"), "bin", "python");
    if (!existsSync(python)) return console.log(`no ${python}: the scipy cross-check is skipped`);
    const file = join(mkdtempSync(join(tmpdir(), "oq-sample500-ic-")), "log-close.f64");
    writeFileSync(file, new Uint8Array(logClose.buffer));
    const script = join(import.meta.dirname, "rank-ic-oracle.py");
    const judged = JSON.parse(execFileSync(python, [script, file, String(N), String(T)], { encoding: "utf8" }));
    const ours = measured;
    console.log(`scipy: reversal ${judged.reversal.mean.toFixed(6)}, momentum ${judged.momentum.mean.toFixed(6)}`);
    for (const name of ["reversal", "momentum"] as const) {
      expect(judged[name].days, name).toBe(ours[name].days);
      expect(judged[name].mean, name).toBeCloseTo(ours[name].mean, 9);
    }
  }, 60_000);

  it("finds no signal in placebos: a random feature and the 1-day-lagged volume", () => {
    const noise = seededRandom("sample500:placebo");
    const random = Float64Array.from({ length: N * T }, () => noise.uniform());
    const logVolume = new Float64Array(N * T).fill(Number.NaN);
    frames.forEach((f, i) => {
      for (let k = 0; k < f.ts.length; k++) logVolume[i * T + specs[i].listedDay + k] = Math.log(f.volume[k]);
    });
    const present = (i: number, t: number) => !Number.isNaN(logClose[i * T + t]);
    within(measureRankIC(logClose, N, T, (i, t) => (present(i, t) ? random[i * T + t] : Number.NaN), 5), 0, "placebo: random (→ 5d)");
    within(measureRankIC(logClose, N, T, (i, t) => (t < 1 ? Number.NaN : logVolume[i * T + t - 1]), 5), 0, "placebo: lagged volume (→ 5d)");
  });
});

/** sha256 of the seed-42 market's columns: changes only when the model or its random streams change. */
const SAMPLE500_DIGEST_SEED_42 = "c2a75756668ecd01b020097a791ae26a0664194a87c9c047e7c88e5e4c1bb68a";
