import { describe, expect, it } from "vitest";
import { DAY_MS, formatIsoDate, parseIsoDate } from "../dates.js";
import { easterSunday, isNyseTradingDay, nyseHolidays, nyseTradingDays } from "./nyse-calendar.js";

// Reference: every weekday NYSE was closed, 2008–2025, and the sessions per year, as listed by the
// `exchange_calendars` Python package (4.13.2, calendar "XNYS"), an independent implementation.
const XNYS_WEEKDAY_CLOSURES_2008_2025: readonly string[] = [
  "2008-01-01", "2008-01-21", "2008-02-18", "2008-03-21", "2008-05-26", "2008-07-04", "2008-09-01", "2008-11-27", "2008-12-25",
  "2009-01-01", "2009-01-19", "2009-02-16", "2009-04-10", "2009-05-25", "2009-07-03", "2009-09-07", "2009-11-26", "2009-12-25",
  "2010-01-01", "2010-01-18", "2010-02-15", "2010-04-02", "2010-05-31", "2010-07-05", "2010-09-06", "2010-11-25", "2010-12-24",
  "2011-01-17", "2011-02-21", "2011-04-22", "2011-05-30", "2011-07-04", "2011-09-05", "2011-11-24", "2011-12-26",
  "2012-01-02", "2012-01-16", "2012-02-20", "2012-04-06", "2012-05-28", "2012-07-04", "2012-09-03", "2012-10-29", "2012-10-30",
  "2012-11-22", "2012-12-25",
  "2013-01-01", "2013-01-21", "2013-02-18", "2013-03-29", "2013-05-27", "2013-07-04", "2013-09-02", "2013-11-28", "2013-12-25",
  "2014-01-01", "2014-01-20", "2014-02-17", "2014-04-18", "2014-05-26", "2014-07-04", "2014-09-01", "2014-11-27", "2014-12-25",
  "2015-01-01", "2015-01-19", "2015-02-16", "2015-04-03", "2015-05-25", "2015-07-03", "2015-09-07", "2015-11-26", "2015-12-25",
  "2016-01-01", "2016-01-18", "2016-02-15", "2016-03-25", "2016-05-30", "2016-07-04", "2016-09-05", "2016-11-24", "2016-12-26",
  "2017-01-02", "2017-01-16", "2017-02-20", "2017-04-14", "2017-05-29", "2017-07-04", "2017-09-04", "2017-11-23", "2017-12-25",
  "2018-01-01", "2018-01-15", "2018-02-19", "2018-03-30", "2018-05-28", "2018-07-04", "2018-09-03", "2018-11-22", "2018-12-05",
  "2018-12-25",
  "2019-01-01", "2019-01-21", "2019-02-18", "2019-04-19", "2019-05-27", "2019-07-04", "2019-09-02", "2019-11-28", "2019-12-25",
  "2020-01-01", "2020-01-20", "2020-02-17", "2020-04-10", "2020-05-25", "2020-07-03", "2020-09-07", "2020-11-26", "2020-12-25",
  "2021-01-01", "2021-01-18", "2021-02-15", "2021-04-02", "2021-05-31", "2021-07-05", "2021-09-06", "2021-11-25", "2021-12-24",
  "2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-11-24", "2022-12-26",
  "2023-01-02", "2023-01-16", "2023-02-20", "2023-04-07", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04", "2023-11-23",
  "2023-12-25",
  "2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-11-28",
  "2024-12-25",
  "2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01",
  "2025-11-27", "2025-12-25",
];

// Sessions per year, same source.
const XNYS_SESSIONS_PER_YEAR: Readonly<Record<number, number>> = {
  2008: 253, 2009: 252, 2010: 252, 2011: 252, 2012: 250, 2013: 252, 2014: 252, 2015: 252, 2016: 252,
  2017: 251, 2018: 251, 2019: 252, 2020: 253, 2021: 252, 2022: 251, 2023: 250, 2024: 252, 2025: 250,
};

const day = (iso: string) => parseIsoDate(iso);

describe("easterSunday", () => {
  it("matches published Easter dates", () => {
    // Western Easter Sundays from the published tables.
    const known = ["2008-03-23", "2011-04-24", "2016-03-27", "2019-04-21", "2021-04-04", "2024-03-31", "2025-04-20", "2038-04-25"];
    for (const iso of known) expect(formatIsoDate(easterSunday(Number(iso.slice(0, 4))))).toBe(iso);
  });
});

describe("nyseHolidays", () => {
  it("applies the weekend observance rules of 2021–2022", () => {
    // 2021: Independence Day on Sunday → Monday; Christmas on Saturday → Friday 24th.
    expect(nyseHolidays(2021)).toContain("2021-07-05");
    expect(nyseHolidays(2021)).toContain("2021-12-24");
    // 2022: New Year's Day on Saturday is not observed on Friday 2021-12-31; Juneteenth (Sunday) → Monday.
    expect(nyseHolidays(2021)).not.toContain("2021-12-31");
    expect(nyseHolidays(2022)).toEqual([
      "2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20",
      "2022-07-04", "2022-09-05", "2022-11-24", "2022-12-26",
    ]);
  });

  it("has no Juneteenth before 2022", () => {
    expect(nyseHolidays(2021).some((d) => d.startsWith("2021-06"))).toBe(false);
  });
});

describe("NYSE trading days", () => {
  const start = day("2008-01-01");
  const end = day("2025-12-31");
  const sessions = nyseTradingDays(start, end);

  it("closes on exactly the weekdays exchange_calendars lists, 2008–2025", () => {
    const open = new Set(sessions);
    const closedWeekdays: string[] = [];
    for (let d = start; d <= end; d += DAY_MS) {
      const dow = new Date(d).getUTCDay();
      if (dow !== 0 && dow !== 6 && !open.has(d)) closedWeekdays.push(formatIsoDate(d));
    }
    expect(closedWeekdays).toEqual(XNYS_WEEKDAY_CLOSURES_2008_2025);
  });

  it("has exchange_calendars' number of sessions in every year", () => {
    const perYear: Record<number, number> = {};
    for (const d of sessions) perYear[new Date(d).getUTCFullYear()] = (perYear[new Date(d).getUTCFullYear()] ?? 0) + 1;
    expect(perYear).toEqual(XNYS_SESSIONS_PER_YEAR);
  });

  it("covers 2005–2007 too (the sample500 market starts on 2005-01-03)", () => {
    // NYSE's closures of those years: New Year 2005 fell on a Saturday (not observed), and the
    // national day of mourning for President Ford closed the exchange on 2007-01-02.
    const expected = [
      "2005-01-17", "2005-02-21", "2005-03-25", "2005-05-30", "2005-07-04", "2005-09-05", "2005-11-24", "2005-12-26",
      "2006-01-02", "2006-01-16", "2006-02-20", "2006-04-14", "2006-05-29", "2006-07-04", "2006-09-04", "2006-11-23",
      "2006-12-25",
      "2007-01-01", "2007-01-02", "2007-01-15", "2007-02-19", "2007-04-06", "2007-05-28", "2007-07-04", "2007-09-03",
      "2007-11-22", "2007-12-25",
    ];
    const from = day("2005-01-01");
    const to = day("2007-12-31");
    const open = new Set(nyseTradingDays(from, to));
    const closed: string[] = [];
    for (let d = from; d <= to; d += DAY_MS) {
      if (![0, 6].includes(new Date(d).getUTCDay()) && !open.has(d)) closed.push(formatIsoDate(d));
    }
    expect(closed).toEqual(expected);
    const perYear = (y: number) => [...open].filter((d) => new Date(d).getUTCFullYear() === y).length;
    expect([perYear(2005), perYear(2006), perYear(2007)]).toEqual([252, 251, 251]);
    expect(formatIsoDate(Math.min(...open))).toBe("2005-01-03");
  });

  it("never trades on a weekend and trades on ordinary weekdays", () => {
    expect(sessions.every((d) => ![0, 6].includes(new Date(d).getUTCDay()))).toBe(true);
    expect(isNyseTradingDay(day("2024-01-06"))).toBe(false); // Saturday
    expect(isNyseTradingDay(day("2021-12-31"))).toBe(true); // New Year 2022 fell on a Saturday
    expect(isNyseTradingDay(day("2012-10-29"))).toBe(false); // Hurricane Sandy
    expect(isNyseTradingDay(day("2025-01-09"))).toBe(false); // President Carter's funeral
  });

  it("returns days at 00:00 UTC within the bounds, inclusive", () => {
    const week = nyseTradingDays(day("2024-07-01"), day("2024-07-05"));
    expect(week.map(formatIsoDate)).toEqual(["2024-07-01", "2024-07-02", "2024-07-03", "2024-07-05"]);
    expect(week.every((d) => d % DAY_MS === 0)).toBe(true);
  });
});
