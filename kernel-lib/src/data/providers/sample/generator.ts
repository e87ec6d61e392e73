/**
 * The sample data generator: daily OHLCV bars that behave like real equities, from a seed.
 *
 * Model, per ticker and NYSE trading day t (weekends, holidays and special closures skipped):
 * - Return: r_t = alpha/252 + beta·m_t + e_t + J_t (+ mean reversion), where m_t is the common
 *   market factor (market-factor.ts: GARCH(1,1) variance, Student-t shocks, stress windows in
 *   2008–09 and 2020), e_t an idiosyncratic shock and J_t a news jump.
 * - Volatility clustering: e_t = √h_t·z_t with GARCH(1,1) h_{t+1} = ω + a·e_t² + b·h_t, ω chosen so
 *   the long-run variance is idioVol²/252; stress windows multiply the day's variance by
 *   stressIdioMult (the recursion sees the unstressed shock, so the process stays stationary);
 *   a quarter of a jump's square also enters it (a·J_t²/4), so volatility stays high after news.
 * - Fat tails: z_t is Student-t with tailDof degrees of freedom, rescaled to unit variance.
 * - Jumps: with probability jumpProb a day gets J_t ~ N(0, jumpVol²); overnightJumpShare of them
 *   happen before the open. Plain overnight gaps (gapProb) move the open by N(0, (3σ_t)²) and half
 *   of the gap carries into the close.
 * - Mean reversion (optional): r_t += −speed·(log price − level), the level a slow random walk.
 * - Open/high/low: the open is the previous close (less any dividend) times exp(overnight move: 25%
 *   of the day's diffusion plus noise, plus gaps and overnight jumps); high and low extend beyond
 *   max/min(open, close) by rangeScale·σ_t·|N(0,1)|, so high ≥ max(open, close) ≥ min(open, close) ≥ low > 0.
 * - Volume: log V_t = log baseVolume + volumeGrowth·years + 0.2·min(|r_t|/σ̄, 12) + ½·log(σ_t/σ̄)
 *   + AR(1) noise, so volume rises with |return| and with volatility; raw volume scales with splits.
 * - Dividends: on each ex-date the price drops by the dividend (annualYield/payments·price).
 * - Splits: raw prices divide by the ratio and raw volume multiplies by it from the split date on;
 *   adjClose is adjusted backwards for splits and dividends (Yahoo's method), so it is continuous
 *   and equals close on the last bar.
 * - Prices are rounded to cents; a reflecting floor at $1 keeps every path tradable for any seed.
 * The random stream is seeded by `${seed}:${ticker}`, so each ticker's series is reproducible alone.
 */
import { allocFrame, type BarFrame } from "../../frame.js";
import { DAY_MS, requireIsoDate } from "../dates.js";
import type { MarketFactorSeries } from "./market-factor.js";
import { seededRandom } from "./random.js";
import type { SampleTickerSpec } from "./universe.js";

const TRADING_DAYS = 252;
const FLOOR_PRICE = 1;

function roundCents(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Split ratio taking effect on each day (1 when none), plus the product of splits before the first day. */
function splitSchedule(spec: SampleTickerSpec, days: readonly number[]): { onDay: Float64Array; before: number } {
  const onDay = new Float64Array(days.length).fill(1);
  let before = 1;
  for (const split of spec.splits) {
    const at = requireIsoDate(split.date, `split date of ${spec.ticker}`);
    const index = days.findIndex((d) => d >= at);
    if (at <= days[0]) before *= split.ratio;
    else if (index >= 0) onDay[index] *= split.ratio;
  }
  return { onDay, before };
}

/** 1 on each ex-dividend day: the first trading day on or after `day` of each payment month. */
function exDividendDays(spec: SampleTickerSpec, days: readonly number[]): Uint8Array {
  const flags = new Uint8Array(days.length);
  const dividends = spec.dividends;
  if (!dividends) return flags;
  let lastMonthKey = -1;
  days.forEach((d, i) => {
    const date = new Date(d);
    const month = date.getUTCMonth() + 1;
    const key = date.getUTCFullYear() * 12 + month;
    if (i > 0 && key !== lastMonthKey && dividends.months.includes(month)) {
      // First trading day of the month on or after the ex-day (or the month's last, if none).
      const exDay = Date.UTC(date.getUTCFullYear(), month - 1, dividends.day);
      const next = days[i + 1];
      const lastOfMonth = next === undefined || new Date(next).getUTCMonth() + 1 !== month;
      if (d >= exDay || lastOfMonth) {
        flags[i] = 1;
        lastMonthKey = key;
      }
    }
  });
  return flags;
}

/** Generates the full daily series of one sample ticker over `days`, given the market factor on those days. */
export function generateSampleSeries(
  spec: SampleTickerSpec,
  seed: number,
  days: readonly number[],
  market: MarketFactorSeries,
): BarFrame {
  const rng = seededRandom(`${seed}:${spec.ticker}`);
  const n = days.length;
  const frame = allocFrame(spec.ticker, "1d", n);
  const splits = splitSchedule(spec, days);
  const exDividend = exDividendDays(spec, days);
  const dividendRaw = new Float64Array(n);

  const longRunVariance = (spec.idioVol * spec.idioVol) / TRADING_DAYS;
  const omega = longRunVariance * (1 - spec.arch - spec.garch);
  const meanMarketVariance = market.variance.reduce((sum, v) => sum + v, 0) / Math.max(1, n);
  const typicalVol = Math.sqrt(spec.beta * spec.beta * meanMarketVariance + longRunVariance);
  const paymentsPerYear = spec.dividends ? spec.dividends.months.length : 1;
  let h = longRunVariance;
  let shares = splits.before; // new shares per original share so far
  let close = spec.startPrice * shares; // price per original share ("economic" price)
  let level = Math.log(close);
  let volumeNoise = 0;

  for (let t = 0; t < n; t++) {
    shares *= splits.onDay[t];
    const idioVariance = h * (market.stressed[t] ? spec.stressIdioMult : 1);
    const dayVol = Math.sqrt(spec.beta * spec.beta * market.variance[t] + idioVariance);
    const z = rng.studentT(spec.tailDof);
    const shock = Math.sqrt(idioVariance) * z;
    const isJump = rng.uniform() < spec.jumpProb;
    const jump = isJump ? spec.jumpVol * rng.normal() : 0;
    const jumpOvernight = isJump && rng.uniform() < spec.overnightJumpShare;
    const isGap = rng.uniform() < spec.gapProb;
    const gap = isGap ? 3 * dayVol * rng.normal() : 0;

    const diffusion = spec.alpha / TRADING_DAYS + spec.beta * market.ret[t] + shock;
    let ret = diffusion + jump + 0.5 * gap;
    if (spec.meanReversion) {
      const mr = spec.meanReversion;
      ret -= mr.speed * (Math.log(close) - level);
      level += (mr.levelVol / Math.sqrt(TRADING_DAYS)) * rng.normal() + spec.alpha / TRADING_DAYS;
    }
    // The recursion sees the unstressed shock (as in the market factor); news jumps raise later volatility too.
    h = omega + spec.arch * (h * z * z + 0.25 * jump * jump) + spec.garch * h;

    // Dividend: the price opens ex-dividend.
    const dividend = exDividend[t] && spec.dividends ? (close * spec.dividends.annualYield) / paymentsPerYear : 0;
    const base = close - dividend;
    const floor = FLOOR_PRICE * shares;
    if (base * Math.exp(ret) < floor) ret = 2 * Math.log(floor / base) - ret; // reflect off the floor

    const overnight = 0.25 * diffusion + 0.2 * dayVol * rng.normal() + gap + (jumpOvernight ? jump : 0);
    const openEconomic = base * Math.exp(overnight);
    const closeEconomic = base * Math.exp(ret);
    const upExtension = Math.exp(spec.rangeScale * dayVol * Math.abs(rng.normal()));
    const downExtension = Math.exp(-spec.rangeScale * dayVol * Math.abs(rng.normal()));

    const open = Math.max(0.01, roundCents(openEconomic / shares));
    const last = Math.max(0.01, roundCents(closeEconomic / shares));
    frame.ts[t] = days[t];
    frame.open[t] = open;
    frame.close[t] = last;
    frame.high[t] = Math.max(Math.ceil(Math.max(open, last) * upExtension * 100) / 100, open, last);
    frame.low[t] = Math.max(0.01, Math.min(Math.floor(Math.min(open, last) * downExtension * 100) / 100, open, last));
    dividendRaw[t] = dividend / shares;

    const years = (days[t] - days[0]) / (365.25 * DAY_MS);
    volumeNoise = 0.8 * volumeNoise + spec.volumeNoise * rng.normal();
    const logVolume =
      Math.log(spec.baseVolume) +
      spec.volumeGrowth * years +
      0.2 * Math.min(Math.abs(ret) / typicalVol, 12) +
      0.5 * Math.log(dayVol / typicalVol) +
      volumeNoise;
    frame.volume[t] = Math.round((Math.exp(logVolume) * shares) / splits.before);
    close = closeEconomic;
  }
  fillAdjustedClose(frame, splits.onDay, dividendRaw);
  return frame;
}

/** adjClose by backward adjustment: each split divides, each dividend scales by (1 − D/previous close), the bars before it. */
function fillAdjustedClose(frame: BarFrame, splitOnDay: Float64Array, dividendRaw: Float64Array): void {
  let factor = 1;
  for (let t = frame.ts.length - 1; t >= 0; t--) {
    frame.adjClose[t] = Math.round(frame.close[t] * factor * 1e6) / 1e6;
    if (splitOnDay[t] !== 1) factor /= splitOnDay[t];
    // The previous close is in pre-split units when a split lands on the same day.
    if (dividendRaw[t] > 0 && t > 0) factor *= 1 - (dividendRaw[t] * splitOnDay[t]) / frame.close[t - 1];
  }
}
