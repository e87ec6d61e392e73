/**
 * `asOf`: which past state of the store a read sees. A time (ISO string, YYYY-MM-DD or epoch ms:
 * the bars exactly as they were recorded by then) or the name of a snapshot.
 */
import { z } from "zod";
import { InvalidInput } from "../../errors.js";
import { parseDate } from "../../util/dates.js";

/** A snapshot's name: starts with a letter (so it never reads as a date), then letters, digits, '_', '-', '.'. */
export const snapshotNameSchema = z
  .string()
  .regex(/^[A-Za-z][\w.-]{0,63}$/, "a snapshot name: a letter, then up to 63 letters, digits, '_', '-' or '.'");

/** What a read's `asOf` may be: epoch ms, an ISO time or date, a Date, or a snapshot name. */
export type AsOfInput = number | string | Date;

/** A resolved `asOf`: either a time in epoch ms or a snapshot to look up. */
export type AsOf = { kind: "time"; ms: number } | { kind: "snapshot"; name: string };

/** Turns a user's `asOf` into a time or a snapshot name; anything else is an InvalidInput saying what is accepted. */
export function parseAsOf(value: AsOfInput): AsOf {
  if (typeof value === "string" && /^[A-Za-z]/.test(value.trim())) {
    const name = value.trim();
    if (!snapshotNameSchema.safeParse(name).success) {
      throw new InvalidInput(`'${name}' is neither a date nor a valid snapshot name.`, [{ path: "asOf", message: "a date or a snapshot name" }]);
    }
    return { kind: "snapshot", name };
  }
  const ms = typeof value === "string" || typeof value === "number" || value instanceof Date ? parseDate(value) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new InvalidInput(`asOf '${String(value)}' is not a time: use an ISO time (2025-01-31T16:00:00Z), a date, epoch ms, or a snapshot name.`, [
      { path: "asOf", message: "a date, epoch ms or a snapshot name" },
    ]);
  }
  return { kind: "time", ms: Math.floor(ms) };
}

/** A zod schema for `asOf` in requests: passes the value on as given (epoch ms, ISO string or snapshot name). */
export const asOfInputSchema = z
  .union([z.number(), z.string().min(1).max(64), z.date()])
  .superRefine((value, ctx) => {
    try {
      parseAsOf(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  });
