/**
 * The sample universe: ten made-up tickers (all ending in `.SAMPLE`, so nobody mistakes them for
 * real quotes), each with the parameters that give it its character, plus the common market factor
 * they load on. The model itself is documented in generator.ts.
 */

/** A split: from the first trading day on or after `date`, one old share becomes `ratio` new ones (0.1 = 1-for-10 reverse split). */
export interface SampleSplit {
  date: string;
  ratio: number;
}

/** A regular cash dividend: `annualYield` of the price, paid in the listed months (ex-date: first trading day on or after the `day`-th). */
export interface SampleDividends {
  annualYield: number;
  months: readonly number[];
  day: number;
}

/** Pull of the log price toward a slowly wandering level (an Ornstein–Uhlenbeck term). */
export interface SampleMeanReversion {
  /** Fraction of the gap to the level closed per day. */
  speed: number;
  /** Annualized volatility of the level's own random walk. */
  levelVol: number;
}

/** Everything that gives one sample ticker its character. */
export interface SampleTickerSpec {
  ticker: string;
  /** What it imitates, in a few words. */
  character: string;
  /** Raw price on the first bar. */
  startPrice: number;
  /** Annual log drift on top of `beta` × the market factor. */
  alpha: number;
  /** Loading on the common market factor. */
  beta: number;
  /** Unconditional annualized idiosyncratic volatility. */
  idioVol: number;
  /** GARCH(1,1) weights of the last squared shock (`arch`) and the last variance (`garch`). */
  arch: number;
  garch: number;
  /** Student-t degrees of freedom of the shocks (integer ≥ 3; lower = fatter tails). */
  tailDof: number;
  /** Daily probability of a news jump, and the jump's log-size standard deviation. */
  jumpProb: number;
  jumpVol: number;
  /** Share of jumps that happen overnight (showing as a gap at the open). */
  overnightJumpShare: number;
  /** Daily probability of a plain overnight gap (half filled during the day). */
  gapProb: number;
  /** Intraday range beyond open/close, in units of the day's volatility. */
  rangeScale: number;
  /** Idiosyncratic variance multiplier inside the market's stress windows. */
  stressIdioMult: number;
  /** Typical daily share volume on the first bar (before any split), its annual log growth, and its AR(1) noise. */
  baseVolume: number;
  volumeGrowth: number;
  volumeNoise: number;
  meanReversion?: SampleMeanReversion;
  dividends?: SampleDividends;
  splits: readonly SampleSplit[];
}

/** A period of market stress: variance multiplied and drift replaced (the 2008 crisis, the 2020 crash). */
export interface StressWindow {
  from: string;
  to: string;
  varianceMult: number;
  /** Annual log drift of the market factor inside the window. */
  drift: number;
}

/** The common market factor every ticker loads on. */
export interface MarketFactorSpec {
  drift: number;
  vol: number;
  arch: number;
  garch: number;
  tailDof: number;
  stress: readonly StressWindow[];
}

/** Last bar date of the sample data: fixed, so the data is the same whatever day it is generated. */
export const SAMPLE_END = "2025-12-31";

/** Default first bar date (settings: dataSources.providers.sample.start). */
export const SAMPLE_DEFAULT_START = "2008-01-02";

/** The market factor: equity-index-like, with the 2008 crisis and the 2020 crash as stress windows. */
export const MARKET_FACTOR: MarketFactorSpec = {
  drift: 0.08,
  vol: 0.16,
  arch: 0.1,
  garch: 0.88,
  tailDof: 5,
  stress: [
    { from: "2008-09-15", to: "2009-03-09", varianceMult: 4, drift: -0.9 },
    { from: "2020-02-24", to: "2020-03-23", varianceMult: 9, drift: -3 },
  ],
};

const base = {
  arch: 0.08,
  garch: 0.9,
  tailDof: 5,
  jumpProb: 4 / 252,
  jumpVol: 0.03,
  overnightJumpShare: 0.7,
  gapProb: 0.02,
  rangeScale: 0.5,
  stressIdioMult: 2,
  volumeGrowth: 0,
  volumeNoise: 0.25,
  splits: [],
} satisfies Partial<SampleTickerSpec>;

const quarterly = (annualYield: number, months: readonly number[]): SampleDividends => ({ annualYield, months, day: 10 });

/** The sample tickers, in listing order. */
export const SAMPLE_UNIVERSE: readonly SampleTickerSpec[] = [
  {
    ...base,
    ticker: "MKT.SAMPLE",
    character: "broad-market index fund: the market factor itself, tiny tracking noise, quarterly dividends",
    startPrice: 140,
    alpha: 0,
    beta: 1,
    idioVol: 0.01,
    arch: 0.05,
    tailDof: 8,
    jumpProb: 0,
    gapProb: 0.01,
    rangeScale: 0.45,
    stressIdioMult: 1,
    baseVolume: 150e6,
    volumeGrowth: -0.02,
    dividends: quarterly(0.019, [3, 6, 9, 12]),
  },
  {
    ...base,
    ticker: "ACME.SAMPLE",
    character: "steady large-cap industrial: market-like beta, moderate volatility, a 2-for-1 split",
    startPrice: 45,
    alpha: 0.02,
    beta: 0.95,
    idioVol: 0.14,
    arch: 0.08,
    baseVolume: 8e6,
    dividends: quarterly(0.018, [3, 6, 9, 12]),
    splits: [{ date: "2014-06-09", ratio: 2 }],
  },
  {
    ...base,
    ticker: "NOVA.SAMPLE",
    character: "volatile tech growth name: high beta, fat tails, big earnings moves, 2-for-1 then 4-for-1 splits",
    startPrice: 25,
    alpha: 0.1,
    beta: 1.3,
    idioVol: 0.32,
    arch: 0.09,
    garch: 0.89,
    tailDof: 4,
    jumpVol: 0.08,
    gapProb: 0.03,
    baseVolume: 20e6,
    volumeGrowth: 0.05,
    splits: [
      { date: "2015-03-02", ratio: 2 },
      { date: "2020-08-31", ratio: 4 },
    ],
  },
  {
    ...base,
    ticker: "VOLT.SAMPLE",
    character: "regulated utility: low beta, low volatility, high quarterly dividend",
    startPrice: 38,
    alpha: 0.03,
    beta: 0.35,
    idioVol: 0.1,
    arch: 0.08,
    garch: 0.9,
    tailDof: 6,
    jumpProb: 1 / 252,
    jumpVol: 0.02,
    gapProb: 0.01,
    baseVolume: 3e6,
    dividends: quarterly(0.038, [2, 5, 8, 11]),
  },
  {
    ...base,
    ticker: "OILX.SAMPLE",
    character: "commodity producer: price mean-reverts around a slowly wandering level",
    startPrice: 60,
    alpha: 0,
    beta: 0.8,
    idioVol: 0.26,
    jumpProb: 2 / 252,
    jumpVol: 0.05,
    gapProb: 0.03,
    baseVolume: 6e6,
    meanReversion: { speed: 0.03, levelVol: 0.08 },
    dividends: quarterly(0.03, [3, 6, 9, 12]),
  },
  {
    ...base,
    ticker: "BIOX.SAMPLE",
    character: "clinical-stage biotech: low beta, rare huge jumps (trial results), frequent gaps",
    startPrice: 18,
    alpha: 0.05,
    beta: 0.5,
    idioVol: 0.28,
    arch: 0.1,
    tailDof: 4,
    jumpProb: 0.008,
    jumpVol: 0.14,
    overnightJumpShare: 0.85,
    gapProb: 0.04,
    garch: 0.87,
    baseVolume: 2.5e6,
    volumeGrowth: 0.03,
  },
  {
    ...base,
    ticker: "BANK.SAMPLE",
    character: "money-center bank: high beta, crisis-sensitive, a 1-for-10 reverse split",
    startPrice: 30,
    alpha: -0.1,
    beta: 1.35,
    idioVol: 0.2,
    arch: 0.1,
    garch: 0.88,
    tailDof: 4,
    jumpProb: 2 / 252,
    jumpVol: 0.05,
    stressIdioMult: 6,
    baseVolume: 30e6,
    dividends: quarterly(0.025, [2, 5, 8, 11]),
    splits: [{ date: "2011-05-09", ratio: 0.1 }],
  },
  {
    ...base,
    ticker: "TINY.SAMPLE",
    character: "illiquid small-cap: thin noisy volume, wide daily ranges, frequent gaps",
    startPrice: 7.5,
    alpha: -0.06,
    beta: 0.9,
    idioVol: 0.38,
    garch: 0.88,
    tailDof: 4,
    jumpProb: 5 / 252,
    jumpVol: 0.07,
    gapProb: 0.08,
    rangeScale: 0.9,
    baseVolume: 90e3,
    volumeNoise: 0.5,
  },
  {
    ...base,
    ticker: "DFNS.SAMPLE",
    character: "consumer-staples defensive: low beta, steady dividend, a 3-for-2 split",
    startPrice: 52,
    alpha: 0.03,
    beta: 0.55,
    idioVol: 0.12,
    arch: 0.08,
    garch: 0.91,
    tailDof: 6,
    jumpVol: 0.025,
    gapProb: 0.015,
    baseVolume: 5e6,
    dividends: quarterly(0.028, [1, 4, 7, 10]),
    splits: [{ date: "2017-09-18", ratio: 1.5 }],
  },
  {
    ...base,
    ticker: "YLD.SAMPLE",
    character: "aggregate-bond fund: very low volatility, slightly negative equity beta, monthly income",
    startPrice: 100,
    alpha: 0.03,
    beta: -0.08,
    idioVol: 0.045,
    arch: 0.08,
    garch: 0.9,
    tailDof: 6,
    jumpProb: 0,
    gapProb: 0.005,
    rangeScale: 0.4,
    stressIdioMult: 3,
    baseVolume: 4e6,
    dividends: { annualYield: 0.03, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], day: 1 },
  },
];
