/** A definition turned into checked membership spells: list and csv directly, a rule from stored bars. */
import { InvalidInput } from "../../errors.js";
import { parseDate } from "../../util/dates.js";
import type { BarFrame } from "../frame.js";
import { parseMembershipCsv } from "./csv.js";
import { dayStart, normalizeSpells, type Spell, type SpellSource } from "./members.js";
import { evaluateRule, selectionsToSpells } from "./rule.js";
import type { UniverseDefinition } from "./schema.js";

/** Where a rule reads its bars from: the stored daily tickers, and one ticker's bars up to a time. */
export interface RuleBars {
  dailyTickers(): Promise<string[]>;
  bars(ticker: string, endMs: number | undefined): Promise<BarFrame>;
}

/** A bars reader running `concurrency` tickers at once. */
async function readAll(tickers: string[], read: (t: string) => Promise<BarFrame>, concurrency = 8): Promise<BarFrame[]> {
  const out: BarFrame[] = new Array(tickers.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tickers.length) }, async () => {
      while (next < tickers.length) {
        const i = next++;
        out[i] = await read(tickers[i]);
      }
    }),
  );
  return out;
}

/** The definition's membership spells, checked and merged (see normalizeSpells). */
export async function materialize(definition: UniverseDefinition, source: RuleBars): Promise<Spell[]> {
  switch (definition.kind) {
    case "list": {
      const spells: Spell[] = [];
      const sources: SpellSource[] = [];
      definition.tickers.forEach((m, i) => {
        const entry = typeof m === "string" ? { ticker: m } : m;
        // a ticker without from is a member since the beginning of its history
        const from = entry.from === undefined ? -62135596800000 : parseDate(entry.from);
        const to = entry.to === undefined || entry.to === null ? null : parseDate(entry.to);
        spells.push({ ticker: entry.ticker, from, to });
        sources.push({ where: `tickers[${i}]`, path: `tickers.${i}` });
      });
      return normalizeSpells(spells, sources);
    }
    case "csv": {
      if (definition.csv === undefined) {
        throw new InvalidInput(
          `The csv universe${definition.file ? ` from ${definition.file}` : ""} has no CSV text: send the file's content in 'csv' (the sidecar does not read files named over HTTP).`,
          [{ path: "csv", message: "required" }],
        );
      }
      const parsed = parseMembershipCsv(definition.csv, definition.file);
      const spells = parsed.spells.map((s) => ({ ...s, from: dayStart(s.from), to: s.to === null ? null : dayStart(s.to) }));
      return normalizeSpells(spells, parsed.sources);
    }
    case "rule": {
      const startMs = definition.start === undefined ? undefined : parseDate(definition.start);
      const endMs = definition.end === undefined ? undefined : parseDate(definition.end);
      const tickers = definition.candidates === "all" ? await source.dailyTickers() : [...new Set(definition.candidates)];
      if (tickers.length === 0) {
        throw new InvalidInput("The rule has no candidates: no daily bars are stored yet. Ingest or import bars first, or list candidates.", [
          { path: "candidates", message: "no stored tickers" },
        ]);
      }
      const frames = await readAll(tickers, (t) => source.bars(t, endMs === undefined ? undefined : endMs + 86_400_000 - 1));
      const selections = evaluateRule(definition, frames, startMs, endMs);
      if (selections.length === 0) {
        throw new InvalidInput("The rule found no trading dates: no candidate has bars between its start and end.", [{ path: "start", message: "no bars in range" }]);
      }
      return normalizeSpells(selectionsToSpells(selections, endMs));
    }
  }
}
