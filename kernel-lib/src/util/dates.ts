/** Dates as users write them ("2024-01-31", ISO datetimes, epoch ms, Date) turned into epoch ms UTC. */
import { z } from "zod";

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a user's date; a plain date means 00:00 UTC of that day. Returns NaN when unreadable. */
export function parseDate(value: string | number | Date): number {
  if (value instanceof Date) return value.getTime();
  // beyond ±8.64e15 ms (±275,760 years) no Date exists
  if (typeof value === "number") return Math.abs(value) <= 8.64e15 ? value : Number.NaN;
  const text = value.trim();
  if (DAY_ONLY.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    // reject 2024-02-31 and friends, which Date.parse rolls over
    return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text ? Number.NaN : ms;
  }
  return /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
}

/** A zod schema accepting YYYY-MM-DD, an ISO datetime, epoch ms or a Date, producing epoch ms. */
export const dateInput = z
  .union([z.string(), z.number(), z.date()])
  .transform((value, ctx) => {
    const ms = parseDate(value);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: "custom", message: `'${String(value)}' is not a date: use YYYY-MM-DD or an ISO datetime` });
      return z.NEVER;
    }
    return ms;
  });

/** YYYY-MM-DD of an epoch-ms time (UTC). */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** An epoch-ms value read from DuckDB (`epoch_ms(ts)`) as an ISO string; null stays null. */
export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : new Date(Number(value)).toISOString();
}
