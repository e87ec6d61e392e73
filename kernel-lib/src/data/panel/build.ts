/**
 * Builds a panel (layout in panel.ts). One read per ticker: its bars up to `end` (all its history
 * when features are asked, for their warm-up), as of `asOf`. Features are computed once per
 * ticker on its own stored bars — its real trading sessions, including those while it was not a
 * member — then masked by membership. Every kernel is causal (a value at t reads bars ≤ t), so a
 * value inside a membership spell is exactly what computing that spell alone, with warm-up from
 * all bars before its start, gives; leaving and re-entering the universe never splices the bars
 * on either side of the gap together as if the ticker had been continuous.
 */
import { adjustBars, computeOnBars, type FeatureEngine } from "../../features/engine.js";
import type { ResolvedFeatureSet } from "../../features/feature-set.js";
import { InvalidInput, NotFound } from "../../errors.js";
import { validate } from "../../util/validate.js";
import type { BarFrame } from "../frame.js";
import { parseAsOf } from "../store/as-of.js";
import type { MarketStore } from "../store/types.js";
import { covers, DAY_MS, type Spell } from "../universes/members.js";
import { type Panel, type PanelOptions, panelOptionsSchema } from "./panel.js";

const FAR_PAST = -62135596800000;
const FAR_FUTURE = 253402300799000;

/** What a panel is built from: the store (bars and memberships) and the feature engine (feature sets). */
export interface PanelDeps {
  store: MarketStore;
  engine: FeatureEngine;
}

function toSpell(m: { ticker: string; from: string; to: string | null }): Spell {
  return { ticker: m.ticker, from: Date.parse(`${m.from}T00:00:00Z`), to: m.to === null ? null : Date.parse(`${m.to}T00:00:00Z`) };
}

/** Reads each ticker's bars `concurrency` at once; a ticker with nothing stored gives undefined. */
async function readBars(store: MarketStore, tickers: string[], read: Omit<Parameters<MarketStore["readBars"]>[0], "ticker">): Promise<Array<BarFrame | undefined>> {
  const out: Array<BarFrame | undefined> = new Array(tickers.length);
  let next = 0;
  const worker = async () => {
    while (next < tickers.length) {
      const i = next++;
      try {
        out[i] = await store.readBars({ ...read, ticker: tickers[i] });
      } catch (error) {
        if (!(error instanceof NotFound)) throw error;
        out[i] = undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, tickers.length) }, worker));
  return out;
}

/** Builds the panel of `universe` (see panel.ts for the layout). */
export async function buildPanel(deps: PanelDeps, universe: string, options: PanelOptions = {}): Promise<Panel> {
  const o = validate(panelOptionsSchema, options, "panel options");
  const set: ResolvedFeatureSet | undefined = o.featureSet === undefined ? undefined : deps.engine.resolve(o.featureSet);
  const fields = o.fields ?? (set ? [] : ["close" as const]);
  if (fields.length === 0 && !set) throw new InvalidInput("The panel has no columns: give fields (e.g. ['close']) or a featureSet.", [{ path: "fields", message: "empty" }]);
  const asOf = o.asOf === undefined ? undefined : parseAsOf(o.asOf);
  const u = await deps.store.getUniverse(universe, o.version !== undefined ? { version: o.version } : asOf?.kind === "time" ? { asOf: asOf.ms } : {});
  const start = o.start ?? FAR_PAST;
  const end = o.end ?? FAR_FUTURE;

  const spellsOf = new Map<string, Spell[]>();
  for (const m of u.memberships) {
    const s = toSpell(m);
    if (s.from > end || (s.to !== null && s.to + DAY_MS <= start)) continue;
    spellsOf.set(s.ticker, [...(spellsOf.get(s.ticker) ?? []), s]);
  }
  const tickers = [...spellsOf.keys()].sort();
  // features need the history before start for their warm-up; bar fields only the range
  const frames = await readBars(deps.store, tickers, { interval: "1d", start: set ? undefined : o.start, end: o.end, asOf: o.asOf });

  // which of each ticker's bars fall in range while it is a member
  const memberBar: Uint8Array[] = frames.map((f, k) => {
    const flags = new Uint8Array(f?.ts.length ?? 0);
    if (!f) return flags;
    const spells = spellsOf.get(tickers[k]) as Spell[];
    let s = 0;
    for (let i = 0; i < f.ts.length; i++) {
      const ts = f.ts[i];
      if (ts < start || ts > end) continue;
      while (s < spells.length && spells[s].to !== null && ts >= (spells[s].to as number) + DAY_MS) s++;
      if (s < spells.length && covers(spells[s], ts)) flags[i] = 1;
    }
    return flags;
  });
  const dateSet = new Set<number>();
  frames.forEach((f, k) => {
    if (f) for (let i = 0; i < f.ts.length; i++) if (memberBar[k][i]) dateSet.add(f.ts[i]);
  });
  const dates = Float64Array.from([...dateSet].sort((a, b) => a - b));
  const row = new Map<number, number>();
  for (let i = 0; i < dates.length; i++) row.set(dates[i], i);

  const width = tickers.length;
  const cells = dates.length * width;
  const names = [...fields, ...(set?.columns ?? [])];
  const columns: Record<string, Float64Array> = {};
  for (const name of names) columns[name] = new Float64Array(cells).fill(Number.NaN);
  const mask = new Uint8Array(cells);
  const missing: string[] = [];

  frames.forEach((f, t) => {
    if (!f) {
      missing.push(tickers[t]);
      return;
    }
    const features = set && f.ts.length ? computeOnBars(o.adjusted ? adjustBars(f) : f, set) : {};
    // (source, target) pairs resolved once per ticker, not per cell
    const copies: Array<[Float64Array, Float64Array]> = [
      ...fields.map((field) => [f[field], columns[field]] as [Float64Array, Float64Array]),
      ...Object.entries(features).map(([name, values]) => [values, columns[name]] as [Float64Array, Float64Array]),
    ];
    const flags = memberBar[t];
    for (let i = 0; i < f.ts.length; i++) {
      if (!flags[i]) continue;
      const cell = (row.get(f.ts[i]) as number) * width + t;
      mask[cell] = 1;
      for (let c = 0; c < copies.length; c++) copies[c][1][cell] = copies[c][0][i];
    }
  });
  return { universe: u.name, version: u.version, dates, tickers, fields: names, columns, mask, missing };
}
