/** Calendar-date helpers in UTC: daily bars are stamped at 00:00 UTC of their trading date. */
import { InvalidInput } from "../../errors.js";

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of 00:00 UTC on a `YYYY-MM-DD` date, or NaN when the text is not a real calendar date. */
export function parseIsoDate(text: string): number {
  const m = ISO_DATE.exec(text);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2021-02-30 over to March; a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return Number.NaN;
  return ms;
}

/** Like parseIsoDate but throws InvalidInput naming `what` when the text is not a `YYYY-MM-DD` date. */
export function requireIsoDate(text: string, what: string): number {
  const ms = parseIsoDate(text);
  if (Number.isNaN(ms)) throw new InvalidInput(`Invalid ${what} '${text}': expected a date as YYYY-MM-DD.`);
  return ms;
}

/** `YYYY-MM-DD` of an epoch-ms instant, in UTC. */
export function formatIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** 00:00 UTC of the UTC date that contains `ms`. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** An instant for messages: the date alone at midnight UTC, the full ISO time otherwise. */
export function describeInstant(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  return ms % DAY_MS === 0 ? formatIsoDate(ms) : new Date(ms).toISOString();
}
