/** Calendar days as the date inputs use them (YYYY-MM-DD, UTC). Pure. */

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of an ISO time or epoch ms (UTC). */
export function toDay(time: string | number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The default range shown for a ticker: the year up to its last bar, not before its first. */
export function lastYear(firstBar: string | null, lastBar: string | null): { start: string; end: string } {
  if (!lastBar) return { start: "", end: "" };
  const end = Date.parse(lastBar);
  const start = Math.max(end - 364 * DAY_MS, firstBar ? Date.parse(firstBar) : Number.NEGATIVE_INFINITY);
  return { start: toDay(start), end: toDay(end) };
}
