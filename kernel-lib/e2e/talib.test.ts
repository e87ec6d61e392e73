/**
 * Every OpenQuant indicator against TA-Lib itself (the Python TA-Lib package over the C library),
 * on several ≥ 5,000-bar series and several parameter choices, over the full output. The
 * criterion (same NaN positions; |a − b| ≤ 1e-9 · max(|b|, column RMS)) is in talib_compare.ts.
 * All TA-Lib calls run in one Python process.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ComparisonCase, comparisonCases } from "./talib_cases.js";
import { compareColumn, leadingNaNs } from "./talib_compare.js";
import { type OracleInfo, TalibOracle } from "./talib_oracle.js";
import { comparisonSeries } from "./talib_series.js";

const series = comparisonSeries();
const oracle = new TalibOracle();

interface Planned {
  testCase: ComparisonCase;
  seriesName: string;
  expected: () => Float64Array[];
}

// Queue every TA-Lib call up front: one Python run serves the whole file.
const planned: Planned[] = comparisonCases.flatMap((testCase) =>
  Object.entries(series).map(([seriesName, s]) => ({
    testCase,
    seriesName,
    expected: testCase.expected((fn, inputs, params) => oracle.call(seriesName, fn, inputs, params), s.close, s.volume),
  })),
);

/** Worst difference per indicator, for the report printed at the end. */
const report = new Map<string, { counterpart: string; maxScaledDiff: number; maxAbsDiff: number; maxRelDiff: number; compared: number; ms: number }>();
let info: OracleInfo | undefined;
let oracleMs = 0;

beforeAll(async () => {
  const started = performance.now();
  info = await oracle.run(join(inject("venvDir"), "bin", "python"), series);
  oracleMs = performance.now() - started;
}, 120_000);

afterAll(() => {
  const rows = [...report.entries()].map(([name, r]) => ({
    indicator: name,
    "TA-Lib": r.counterpart,
    "values compared": r.compared,
    "max |a-b|/max(|b|,rms)": r.maxScaledDiff.toExponential(2),
    "max |a-b|": r.maxAbsDiff.toExponential(2),
    "max |a-b|/|b|": r.maxRelDiff.toExponential(2),
    "ours, all runs (ms)": r.ms.toFixed(1),
  }));
  console.log(
    `TA-Lib ${info?.talib} (C ${info?.ta_lib_c}); ${oracle.size} TA-Lib calls in one Python run: ${oracleMs.toFixed(0)} ms`,
  );
  console.table(rows);
});

describe("indicators match TA-Lib", () => {
  const byCase = new Map<ComparisonCase, Planned[]>();
  for (const p of planned) byCase.set(p.testCase, [...(byCase.get(p.testCase) ?? []), p]);

  for (const [testCase, runs] of byCase) {
    const { indicator } = testCase;
    it(`${indicator.name} ${JSON.stringify(testCase.params)} ≡ ${testCase.counterpart}`, () => {
      const params = indicator.params.parse(testCase.params);
      const names = indicator.outputs(params);
      for (const { seriesName, expected } of runs) {
        const started = performance.now();
        const actual = indicator.compute(series[seriesName], params);
        const ms = performance.now() - started;
        const reference = expected();
        expect(actual.length, `${indicator.name} output count`).toBe(reference.length);
        for (let k = 0; k < reference.length; k++) {
          const where = `${names[k]} on ${seriesName}`;
          const result = compareColumn(actual[k], reference[k]);
          expect(result.failure, where).toBeUndefined();
          expect(result.compared, `${where}: values compared`).toBeGreaterThan(0);
          expect(leadingNaNs(reference[k]), `${where}: TA-Lib warm-up = lookback`).toBe(indicator.lookback(params));
          const entry = report.get(indicator.name) ?? {
            counterpart: testCase.counterpart,
            maxScaledDiff: 0,
            maxAbsDiff: 0,
            maxRelDiff: 0,
            compared: 0,
            ms: 0,
          };
          entry.maxScaledDiff = Math.max(entry.maxScaledDiff, result.maxScaledDiff);
          entry.maxAbsDiff = Math.max(entry.maxAbsDiff, result.maxAbsDiff);
          entry.maxRelDiff = Math.max(entry.maxRelDiff, result.maxRelDiff);
          entry.compared += result.compared;
          if (k === 0) entry.ms += ms;
          report.set(indicator.name, entry);
        }
      }
    });
  }
});
