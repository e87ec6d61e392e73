/**
 * Membership spells: checked (to not before from, no two spells of one ticker overlapping),
 * merged when they touch, and asked point in time. Times are epoch ms at 00:00 UTC of the day;
 * both ends are inclusive days, so a spell covers a bar at `ts` when from ≤ ts < to + 1 day.
 */
import { type FieldIssue, InvalidInput } from "../../errors.js";
import { isoDay } from "../../util/dates.js";
import type { Membership } from "./schema.js";

/** One day in ms. */
export const DAY_MS = 86_400_000;

/** A membership spell in epoch ms (to null = open-ended). */
export interface Spell {
  ticker: string;
  from: number;
  to: number | null;
}

/** Where a spell came from, for messages: "line 4 of members.csv", "tickers.2". */
export interface SpellSource {
  /** Human words for where it is ("line 4 of members.csv"). */
  where: string;
  /** The field path for error details ("tickers.2", "csv.line.4"). */
  path: string;
}

/** Start of the UTC day of `ms`. */
export function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Checks spells and returns them sorted by ticker then from, with touching spells of one ticker
 * (one ends the day before the next starts) merged. A `to` before its `from`, or two spells of one
 * ticker sharing a day, is an InvalidInput naming both places and what to do.
 */
export function normalizeSpells(spells: Spell[], sources?: SpellSource[]): Spell[] {
  const issues: FieldIssue[] = [];
  const messages: string[] = [];
  const at = (i: number) => sources?.[i] ?? { where: `membership ${i + 1}`, path: String(i) };
  spells.forEach((s, i) => {
    if (s.to !== null && s.to < s.from) {
      messages.push(`${at(i).where}: ${s.ticker} ends ${isoDay(s.to)}, before it starts ${isoDay(s.from)}; swap the dates or fix the typo`);
      issues.push({ path: `${at(i).path}.to`, message: "before from" });
    }
  });
  if (issues.length) throw new InvalidInput(`Invalid memberships: ${messages.slice(0, 10).join("; ")}.`, issues);
  const order = spells.map((_, i) => i).sort((a, b) => (spells[a].ticker < spells[b].ticker ? -1 : spells[a].ticker > spells[b].ticker ? 1 : spells[a].from - spells[b].from));
  const merged: Spell[] = [];
  let prevIndex = -1;
  for (const i of order) {
    const s = spells[i];
    const last = merged[merged.length - 1];
    if (last && last.ticker === s.ticker) {
      if (last.to === null || last.to >= s.from) {
        messages.push(
          `${s.ticker} has overlapping memberships: ${at(prevIndex).where} (${spanText(spells[prevIndex])}) and ${at(i).where} (${spanText(s)}); ` +
            "a ticker can be a member only once at a time: end the first before the second starts",
        );
        issues.push({ path: at(i).path, message: `overlaps ${at(prevIndex).path}` });
        continue;
      }
      if (last.to + DAY_MS === s.from) {
        last.to = s.to;
        prevIndex = i;
        continue;
      }
    }
    merged.push({ ...s });
    prevIndex = i;
  }
  if (issues.length) throw new InvalidInput(`Invalid memberships: ${messages.slice(0, 10).join("; ")}.`, issues);
  return merged;
}

function spanText(s: Spell): string {
  return `${isoDay(s.from)} to ${s.to === null ? "open" : isoDay(s.to)}`;
}

/** A spell as answered: days as YYYY-MM-DD. */
export function toMembership(s: Spell): Membership {
  return { ticker: s.ticker, from: isoDay(s.from), to: s.to === null ? null : isoDay(s.to) };
}

/** True when `spell` covers the time `ts` (any time of an inclusive day counts). */
export function covers(spell: Spell, ts: number): boolean {
  return ts >= spell.from && (spell.to === null || ts < spell.to + DAY_MS);
}

/** The tickers a member at `ts`, sorted. */
export function membersAt(spells: readonly Spell[], ts: number): string[] {
  const out = new Set<string>();
  for (const s of spells) if (covers(s, ts)) out.add(s.ticker);
  return [...out].sort();
}
