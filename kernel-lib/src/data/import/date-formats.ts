/**
 * The date formats an import understands, and the SQL that turns a date cell (VARCHAR `d`) into a
 * UTC TIMESTAMP. Dates without a time are stamped 00:00 UTC, as the csv provider does.
 */
import { InvalidInput } from "../../errors.js";

/** A date format: one the detector can name, or the user's strptime pattern. */
export type DateFormat =
  /** `zoneFree`: no date carries a zone (the detector saw them all), so a plain cast reads them. */
  | { kind: "iso"; zoneFree?: boolean }
  | { kind: "mdy" }
  | { kind: "dmy" }
  | { kind: "yyyymmdd" }
  | { kind: "epoch_s" }
  | { kind: "epoch_ms" }
  | { kind: "strptime"; pattern: string };

/** The formats, as the option accepts them. */
export const DATE_FORMAT_HELP =
  "M/D/YYYY, D/M/YYYY, YYYY-MM-DD (ISO, with or without a time), YYYYMMDD, epoch_s, epoch_ms, or a strptime pattern such as %d.%m.%Y";

const NAMED: Record<string, DateFormat> = {
  "m/d/yyyy": { kind: "mdy" },
  "mm/dd/yyyy": { kind: "mdy" },
  "d/m/yyyy": { kind: "dmy" },
  "dd/mm/yyyy": { kind: "dmy" },
  "yyyy-mm-dd": { kind: "iso" },
  iso: { kind: "iso" },
  yyyymmdd: { kind: "yyyymmdd" },
  epoch: { kind: "epoch_s" },
  epoch_s: { kind: "epoch_s" },
  epoch_ms: { kind: "epoch_ms" },
};

/** A user's `dateFormat` option as a format; anything else is an InvalidInput listing the choices. */
export function parseDateFormatOption(text: string): DateFormat {
  const named = NAMED[text.trim().toLowerCase()];
  if (named) return named;
  if (text.includes("%")) return { kind: "strptime", pattern: text };
  throw new InvalidInput(`Unknown date format '${text}': use ${DATE_FORMAT_HELP}.`, [{ path: "dateFormat", message: DATE_FORMAT_HELP }]);
}

/** How a format is shown in messages. */
export function describeFormat(format: DateFormat): string {
  switch (format.kind) {
    case "iso":
      return "YYYY-MM-DD";
    case "mdy":
      return "M/D/YYYY";
    case "dmy":
      return "D/M/YYYY";
    case "yyyymmdd":
      return "YYYYMMDD";
    case "epoch_s":
      return "epoch seconds";
    case "epoch_ms":
      return "epoch milliseconds";
    case "strptime":
      return format.pattern;
  }
}

/** SQL regex of a time's zone suffix (`Z`, `+02:00`, `-0500`, `+00`), after the seconds or minutes. */
export const ZONE_PATTERN = "':\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}(:?\\d{2})?)$'";

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** SQL turning the VARCHAR `d` into a UTC TIMESTAMP in `format`, NULL when `d` is not such a date. */
export function dateSql(format: DateFormat, d = "d"): string {
  switch (format.kind) {
    case "iso":
      if (format.zoneFree) return `try_cast(${d} AS TIMESTAMP)`;
      // a zone suffix is honoured (converted to UTC); without one the time is UTC
      return `CASE WHEN regexp_matches(${d}, ${ZONE_PATTERN}) THEN try_cast(${d} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' ELSE try_cast(${d} AS TIMESTAMP) END`;
    case "mdy":
      return `try_strptime(${d}, '%m/%d/%Y')`;
    case "dmy":
      return `try_strptime(${d}, '%d/%m/%Y')`;
    case "yyyymmdd":
      return `try_strptime(${d}, '%Y%m%d')`;
    case "epoch_s":
      return `make_timestamp(try_cast(${d} AS BIGINT) * 1000000)`;
    case "epoch_ms":
      return `make_timestamp(try_cast(${d} AS BIGINT) * 1000)`;
    case "strptime":
      return `try_strptime(${d}, ${sqlString(format.pattern)})::TIMESTAMP`;
  }
}

/**
 * SQL naming the shape of the date cell `d`: iso, slash (M/D or D/M, decided later), yyyymmdd,
 * epoch_s, epoch_ms, or other. Shapes are cheap to tell; parsing then checks each date is real.
 */
export function dateShapeSql(d = "d"): string {
  return `CASE
    WHEN regexp_full_match(${d}, '\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?([Zz]|[+-]\\d{2}(:?\\d{2})?)?') THEN 'iso'
    WHEN regexp_full_match(${d}, '\\d{1,2}/\\d{1,2}/\\d{4}') THEN 'slash'
    WHEN regexp_full_match(${d}, '\\d{8}') THEN 'yyyymmdd'
    WHEN regexp_full_match(${d}, '\\d{9,10}') THEN 'epoch_s'
    WHEN regexp_full_match(${d}, '\\d{12,13}') THEN 'epoch_ms'
    ELSE 'other' END`;
}

/** How each shape is shown in messages. */
export const SHAPE_NAMES: Record<string, string> = {
  iso: "YYYY-MM-DD",
  slash: "M/D/YYYY or D/M/YYYY",
  yyyymmdd: "YYYYMMDD",
  epoch_s: "epoch seconds",
  epoch_ms: "epoch milliseconds",
  other: "an unknown format",
};
