/**
 * Telling a file's date format from all its date cells, in one SQL pass over the raw table: every
 * cell's shape, and for slashed dates the largest first and second field. One shape per file;
 * M/D vs D/M is decided only when a field above 12 shows it, otherwise the user is asked.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { InvalidInput } from "../../errors.js";
import { type DateFormat, dateShapeSql, describeFormat, SHAPE_NAMES, ZONE_PATTERN } from "./date-formats.js";
import { describeRow, type SourceFile } from "./sources.js";

interface ShapeCount {
  shape: string;
  rows: number;
  firstRow: number;
  example: string | null;
  maxFirst: number | null;
  maxSecond: number | null;
  /** ISO dates with a zone suffix. */
  zoned: number;
}

function fail(message: string, path: string): never {
  throw new InvalidInput(message, [{ path, message }]);
}

/** The date format of a file from its distinct dates: a table of `d` (VARCHAR) and `first_row` (0-based, where it first appears). */
export async function detectDateFormat(conn: DuckDBConnection, dates: string, source: SourceFile): Promise<DateFormat> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT shape, count(*) AS n, min(rowid) AS first_row, arg_min(d, rowid) AS example,
              max(try_cast(split_part(d, '/', 1) AS INTEGER)) FILTER (WHERE shape = 'slash') AS max_first,
              max(try_cast(split_part(d, '/', 2) AS INTEGER)) FILTER (WHERE shape = 'slash') AS max_second,
              count(*) FILTER (WHERE shape = 'iso' AND regexp_matches(d, ${ZONE_PATTERN})) AS zoned
       FROM (SELECT first_row AS rowid, d, ${dateShapeSql("d")} AS shape FROM ${dates}) GROUP BY shape ORDER BY first_row`,
    )
  ).getRowObjects();
  const shapes: ShapeCount[] = rows.map((r) => ({
    shape: String(r.shape),
    rows: Number(r.n),
    firstRow: Number(r.first_row),
    example: r.example === null ? null : String(r.example),
    maxFirst: r.max_first === null ? null : Number(r.max_first),
    maxSecond: r.max_second === null ? null : Number(r.max_second),
    zoned: Number(r.zoned),
  }));
  if (shapes.length === 0) fail(`Cannot import ${source.path}: it has a header but no rows.`, "file");
  const ask = "pass the format with --date-format (the dateFormat option), e.g. --date-format D/M/YYYY";
  const first = shapes[0];
  const other = shapes.find((s) => s.shape === "other");
  if (other) {
    const what = other.example === null || other.example === "" ? "has no date" : `has the date '${other.example}', which is not in a format I can tell (YYYY-MM-DD, M/D/YYYY, D/M/YYYY, YYYYMMDD, epoch seconds or ms)`;
    fail(`Cannot import ${describeRow(source, other.firstRow)}: it ${what}; fix the row or ${ask}.`, "date");
  }
  if (shapes.length > 1) {
    const second = shapes[1];
    fail(
      `Cannot import ${source.path}: mixed date formats — ${describeRow(source, second.firstRow).replace(`${source.path}, `, "")} has '${second.example}' (${SHAPE_NAMES[second.shape]}) ` +
        `but ${describeRow(source, first.firstRow).replace(`${source.path}, `, "")} has '${first.example}' (${SHAPE_NAMES[first.shape]}); write every date in one format.`,
      "date",
    );
  }
  // without any zone suffix, ISO dates are read with a plain cast (no regex per row)
  if (first.shape === "iso") return { kind: "iso", zoneFree: first.zoned === 0 };
  if (first.shape !== "slash") return { kind: first.shape } as DateFormat;
  const dayFirst = (first.maxFirst ?? 0) > 12;
  const monthFirst = (first.maxSecond ?? 0) > 12;
  if (dayFirst && monthFirst) {
    fail(`Cannot import ${source.path}: its slashed dates have fields above 12 in both the first and the second place (e.g. '${first.example}'), so they are neither M/D/YYYY nor D/M/YYYY; fix the dates or pass a strptime pattern with --date-format (the dateFormat option).`, "date");
  }
  if (dayFirst) return { kind: "dmy" };
  if (monthFirst) return { kind: "mdy" };
  return fail(
    `Cannot import ${source.path}: its dates (e.g. '${first.example}' at ${describeRow(source, first.firstRow).replace(`${source.path}, `, "")}) could be month/day or day/month — no field is above 12 — so say which: --date-format M/D/YYYY or --date-format D/M/YYYY (the dateFormat option).`,
    "dateFormat",
  );
}

/** A check that every date parsed in the chosen format: the first that did not is named. */
export function unparsedDateError(source: SourceFile, rowNo: number, text: string, format: DateFormat): InvalidInput {
  const message = `'${text}' is not a valid ${describeFormat(format)} date`;
  return new InvalidInput(`Cannot import ${describeRow(source, rowNo)}: ${message}; fix the row or pass the right --date-format (dateFormat).`, [{ path: "date", message }]);
}
