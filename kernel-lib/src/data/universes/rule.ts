/**
 * Rule universes: at each rebalance date, rank the candidates by a liquidity measure over the
 * bars up to and including that date, keep the top N, and hold them until the day before the next
 * rebalance. A pure function of the bars, so it is tested without a database; only bars with
 * ts ≤ the rebalance date are read at that date (no look-ahead).
 */
import type { BarFrame } from "../frame.js";
import { DAY_MS, dayStart, type Spell } from "./members.js";
import type { RuleDefinition } from "./schema.js";

/** Period key of a day: rebalances happen on the first trading date of each new key. */
function periodKey(ms: number, rebalance: RuleDefinition["rebalance"]): number {
  const d = new Date(ms);
  if (rebalance === "monthly") return d.getUTCFullYear() * 12 + d.getUTCMonth();
  if (rebalance === "quarterly") return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
  // weeks start on Monday: days since the epoch (a Thursday) shifted so Monday starts a week
  return Math.floor((dayStart(ms) / DAY_MS + 3) / 7);
}

/** The first trading date (00:00 UTC) of each week/month/quarter among `dates` (sorted, unique). */
export function rebalanceDates(dates: readonly number[], rebalance: RuleDefinition["rebalance"]): number[] {
  const out: number[] = [];
  let last = Number.NaN;
  for (const d of dates) {
    const key = periodKey(d, rebalance);
    if (key !== last) out.push(d);
    last = key;
  }
  return out;
}

function median(values: Float64Array): number {
  const s = values.slice().sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The rule's measure over bars [i - window + 1, i] of one frame. */
function measure(frame: BarFrame, i: number, rule: RuleDefinition): number {
  const w = new Float64Array(rule.window);
  for (let k = 0; k < rule.window; k++) {
    const j = i - rule.window + 1 + k;
    w[k] = frame.close[j] * frame.volume[j];
  }
  if (rule.by === "median_dollar_volume") return median(w);
  let sum = 0;
  for (const v of w) sum += v;
  return sum / w.length;
}

/** The tickers the rule chooses at each rebalance date, best first. */
export interface RuleSelection {
  date: number;
  tickers: string[];
}

/** Evaluates the rule at each rebalance date in [start, end] over the candidates' bars (raw prices: dollar volume is close × volume). */
export function evaluateRule(rule: RuleDefinition, frames: readonly BarFrame[], startMs?: number, endMs?: number): RuleSelection[] {
  const days = new Set<number>();
  for (const f of frames) {
    for (const ts of f.ts) {
      if ((startMs === undefined || ts >= startMs) && (endMs === undefined || ts < endMs + DAY_MS)) days.add(dayStart(ts));
    }
  }
  const dates = rebalanceDates(
    [...days].sort((a, b) => a - b),
    rule.rebalance,
  );
  const cursor = new Int32Array(frames.length);
  const selections: RuleSelection[] = [];
  for (const date of dates) {
    const ranked: Array<{ ticker: string; value: number }> = [];
    frames.forEach((f, k) => {
      let i = cursor[k];
      // the last bar on or before the rebalance date: bars after it are never read
      while (i < f.ts.length && dayStart(f.ts[i]) <= date) i++;
      cursor[k] = i;
      const at = i - 1;
      if (at < 0 || dayStart(f.ts[at]) !== date) return; // no bar that day: not trading (delisted, halted, not yet listed)
      if (at + 1 < rule.window) return; // not enough history yet
      if (rule.minPrice !== undefined && !(f.close[at] >= rule.minPrice)) return;
      const value = measure(f, at, rule);
      if (Number.isFinite(value)) ranked.push({ ticker: f.ticker, value });
    });
    ranked.sort((a, b) => b.value - a.value || (a.ticker < b.ticker ? -1 : 1));
    selections.push({ date, tickers: ranked.slice(0, rule.top).map((r) => r.ticker) });
  }
  return selections;
}

/**
 * Turns selections into membership spells: chosen at rebalance k, a ticker is a member from that
 * date to the day before rebalance k + 1; the last selection runs to `endMs` or stays open.
 * A ticker chosen at consecutive rebalances has one spell.
 */
export function selectionsToSpells(selections: readonly RuleSelection[], endMs?: number): Spell[] {
  const open = new Map<string, Spell>();
  const spells: Spell[] = [];
  selections.forEach((sel, k) => {
    const next = selections[k + 1];
    const to = next ? next.date - DAY_MS : endMs === undefined ? null : dayStart(endMs);
    const chosen = new Set(sel.tickers);
    for (const [ticker, spell] of open) {
      if (!chosen.has(ticker)) open.delete(ticker);
      else spell.to = to;
    }
    for (const ticker of sel.tickers) {
      if (open.has(ticker)) continue;
      const spell: Spell = { ticker, from: sel.date, to };
      open.set(ticker, spell);
      spells.push(spell);
    }
  });
  return spells;
}
