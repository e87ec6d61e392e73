/**
 * The NYSE trading calendar, computed from the exchange's holiday rules (no table to keep up to
 * date): weekends, the ten regular holidays with their weekend observance, and the unscheduled
 * full-day closures since 2001.
 */
import { DAY_MS, formatIsoDate } from "../dates.js";

/** Unscheduled full-day closures: 9/11, Reagan, Ford, Hurricane Sandy, G.H.W. Bush, Carter. */
export const NYSE_SPECIAL_CLOSURES: readonly string[] = [
  "2001-09-11",
  "2001-09-12",
  "2001-09-13",
  "2001-09-14",
  "2004-06-11",
  "2007-01-02",
  "2012-10-29",
  "2012-10-30",
  "2018-12-05",
  "2025-01-09",
];

/** Easter Sunday of `year` (Gregorian), by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/** The `n`-th (1-based) given weekday (0 = Sunday) of a month; `n = -1` for the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = Date.UTC(year, month, 1);
    const offset = (weekday - new Date(first).getUTCDay() + 7) % 7;
    return first + (offset + 7 * (n - 1)) * DAY_MS;
  }
  const last = Date.UTC(year, month + 1, 0);
  const back = (new Date(last).getUTCDay() - weekday + 7) % 7;
  return last - back * DAY_MS;
}

/** A fixed-date holiday moved to Friday when it falls on Saturday and to Monday when on Sunday. */
function observed(ms: number): number {
  const dow = new Date(ms).getUTCDay();
  if (dow === 6) return ms - DAY_MS;
  if (dow === 0) return ms + DAY_MS;
  return ms;
}

/** NYSE's regular holidays of `year` as `YYYY-MM-DD` dates (rules in force since 1998). */
export function nyseHolidays(year: number): string[] {
  const days: number[] = [];
  // New Year's Day on a Saturday is not observed on the Friday before (NYSE Rule 7.2).
  const newYear = Date.UTC(year, 0, 1);
  if (new Date(newYear).getUTCDay() !== 6) days.push(observed(newYear));
  days.push(nthWeekday(year, 0, 1, 3)); // Martin Luther King Jr. Day
  days.push(nthWeekday(year, 1, 1, 3)); // Washington's Birthday
  days.push(easterSunday(year) - 2 * DAY_MS); // Good Friday
  days.push(nthWeekday(year, 4, 1, -1)); // Memorial Day
  if (year >= 2022) days.push(observed(Date.UTC(year, 5, 19))); // Juneteenth
  days.push(observed(Date.UTC(year, 6, 4))); // Independence Day
  days.push(nthWeekday(year, 8, 1, 1)); // Labor Day
  days.push(nthWeekday(year, 10, 4, 4)); // Thanksgiving
  days.push(observed(Date.UTC(year, 11, 25))); // Christmas
  return days.map(formatIsoDate).sort();
}

const closedDaysByYear = new Map<number, Set<string>>();

function closedDays(year: number): Set<string> {
  let set = closedDaysByYear.get(year);
  if (!set) {
    set = new Set([...nyseHolidays(year), ...NYSE_SPECIAL_CLOSURES.filter((d) => d.startsWith(`${year}-`))]);
    closedDaysByYear.set(year, set);
  }
  return set;
}

/** True when NYSE trades on the UTC date that starts at `dayMs`. */
export function isNyseTradingDay(dayMs: number): boolean {
  const date = new Date(dayMs);
  const dow = date.getUTCDay();
  if (dow === 0 || dow === 6) return false;
  return !closedDays(date.getUTCFullYear()).has(formatIsoDate(dayMs));
}

/** NYSE trading days from `startMs` to `endMs` inclusive, each at 00:00 UTC of its date. */
export function nyseTradingDays(startMs: number, endMs: number): number[] {
  const days: number[] = [];
  for (let d = Math.ceil(startMs / DAY_MS) * DAY_MS; d <= endMs; d += DAY_MS) {
    if (isNyseTradingDay(d)) days.push(d);
  }
  return days;
}
