/**
 * Staging one file: DuckDB's own reader (`read_csv` with its sniffer, `read_parquet`) loads the
 * needed columns into a raw temp table — dates as text, so the format is decided here — then the
 * tickers and dates are checked and the rows are appended, typed, to `import_staged` with the
 * result of the bar checks. Everything runs in SQL; no row passes through JS.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { InvalidInput } from "../../errors.js";
import { tickerSchema } from "../providers/ticker.js";
import { type DescribedColumn, type FileColumns, matchColumns, sqlIdentifier } from "./columns.js";
import { type DateFormat, dateSql, parseDateFormatOption, sqlString } from "./date-formats.js";
import { detectDateFormat, unparsedDateError } from "./detect-dates.js";
import { describeRow, type SourceFile } from "./sources.js";
import { MISSING_SQL, PROBLEM_SQL } from "./validate-sql.js";

/** How the files of one import are read. */
export interface StageOptions {
  ticker?: string;
  tickerColumn?: string;
  dateFormat?: string;
}

/** The staging table every file of an import is appended to. */
export const STAGED = "import_staged";

/** Creates the (empty) staging table of an import. */
export async function createStaging(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${STAGED} (file_no INTEGER, row_no BIGINT, ticker VARCHAR, ts TIMESTAMP,
    open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, adj_close DOUBLE, volume DOUBLE, missing BOOLEAN, problem VARCHAR)`);
}

const NUMERIC = /^(DOUBLE|FLOAT|REAL|DECIMAL.*|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/;
const DATE_TYPES = /^(DATE|TIMESTAMP.*)$/;
const NUMBER_COLUMNS = ["open", "high", "low", "close", "adjClose", "volume"] as const;

/** The table function reading `source`; CSV columns typed as given (dates and tickers as text). */
function reader(source: SourceFile, types?: Record<string, string>): string {
  if (source.format === "parquet") return `read_parquet(${sqlString(source.path)})`;
  if (!types) return `read_csv(${sqlString(source.path)})`;
  const struct = Object.entries(types)
    .map(([name, type]) => `${sqlString(name)}: '${type}'`)
    .join(", ");
  return `read_csv(${sqlString(source.path)}, types = {${struct}}, nullstr = ['null', 'NULL', ''])`;
}

/** A DuckDB reader error as a typed error naming the file (DuckDB's first lines say the line and column). */
function readError(source: SourceFile, error: unknown): InvalidInput {
  const text = (error as Error).message.split("\n").filter((l) => l.trim() !== "").slice(0, 3).join(" — ");
  const message = `DuckDB cannot read it: ${text}`;
  return new InvalidInput(`Cannot import ${source.path}: ${message}. Fix the file (one header line, numbers in the price and volume columns).`, [
    { path: "file", message },
  ]);
}

async function describe(conn: DuckDBConnection, source: SourceFile): Promise<DescribedColumn[]> {
  try {
    const rows = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${reader(source)}`)).getRowObjects();
    return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  } catch (error) {
    throw readError(source, error);
  }
}

/** Parquet columns must already have the right types; CSV columns are typed by the reader. */
function checkParquetTypes(source: SourceFile, columns: FileColumns): void {
  for (const key of NUMBER_COLUMNS) {
    const column = columns[key];
    if (column && !NUMERIC.test(column.type)) {
      const message = `column '${column.name}' is ${column.type}, not a number`;
      throw new InvalidInput(`Cannot import ${source.path}: ${message}; write ${key === "adjClose" ? "adjusted close" : key} as a numeric (DOUBLE) column.`, [
        { path: column.name, message },
      ]);
    }
  }
  const date = columns.date;
  if (!DATE_TYPES.test(date.type) && !NUMERIC.test(date.type) && date.type !== "VARCHAR") {
    const message = `column '${date.name}' is ${date.type}, not a date, a timestamp, text or a number`;
    throw new InvalidInput(`Cannot import ${source.path}: ${message}.`, [{ path: date.name, message }]);
  }
  if (columns.ticker && columns.ticker.type !== "VARCHAR") {
    const message = `column '${columns.ticker.name}' is ${columns.ticker.type}, not text`;
    throw new InvalidInput(`Cannot import ${source.path}: ${message}; tickers are text.`, [{ path: columns.ticker.name, message }]);
  }
}

function fileTicker(source: SourceFile, options: StageOptions): string {
  if (options.ticker) return options.ticker;
  if (tickerSchema.safeParse(source.stem).success) return source.stem;
  const message = `the file name '${source.stem}' is not a ticker and the file has no ticker column`;
  throw new InvalidInput(`Cannot import ${source.path}: ${message}; pass --ticker (ticker), or rename the file to its ticker (e.g. AAPL.csv).`, [
    { path: "ticker", message },
  ]);
}

/** Every distinct ticker of a ticker column must be a valid ticker: the first bad one is named with its line. */
async function checkTickerColumn(conn: DuckDBConnection, raw: string, source: SourceFile, column: string, rowNo: string): Promise<void> {
  const rows = (await conn.runAndReadAll(`SELECT ticker, min(${rowNo}) AS first_row FROM ${raw} GROUP BY ticker ORDER BY first_row`)).getRowObjects();
  for (const r of rows) {
    const ticker = r.ticker === null ? null : String(r.ticker);
    if (ticker !== null && tickerSchema.safeParse(ticker).success) continue;
    const shown = ticker === null || ticker === "" ? "no ticker" : `the ticker '${ticker}'`;
    const message = `${shown} in column '${column}' is not a valid ticker (1 to 20 letters, digits, '.', '^', '=', '_' or '-')`;
    throw new InvalidInput(`Cannot import ${describeRow(source, Number(r.first_row))}: ${message}; fix the row, or pass --ticker-column if '${column}' is not the ticker column.`, [
      { path: column, message },
    ]);
  }
}

/** Reads `source` into staging as file number `fileNo`; throws InvalidInput naming the file, line and field. */
export async function stageFile(conn: DuckDBConnection, source: SourceFile, fileNo: number, options: StageOptions): Promise<void> {
  const columns = matchColumns(source, await describe(conn, source), options.tickerColumn);
  if (columns.ticker && options.ticker) {
    const message = `it has a ticker column '${columns.ticker.name}' and a ticker was given too`;
    throw new InvalidInput(`Cannot import ${source.path}: ${message}; drop --ticker (ticker) to use the column.`, [{ path: "ticker", message }]);
  }
  if (source.format === "parquet") checkParquetTypes(source, columns);
  const types: Record<string, string> = { [columns.date.name]: "VARCHAR" };
  if (columns.ticker) types[columns.ticker.name] = "VARCHAR";
  for (const key of NUMBER_COLUMNS) if (columns[key]) types[(columns[key] as DescribedColumn).name] = "DOUBLE";
  const col = (c: DescribedColumn | undefined) => (c ? sqlIdentifier(c.name) : "NULL");
  const ticker = columns.ticker ? `${col(columns.ticker)}::VARCHAR` : sqlString(fileTicker(source, options));
  const raw = `import_raw_${fileNo}`;
  const dates = `import_dates_${fileNo}`;
  try {
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE ${raw} AS SELECT trim(${col(columns.date)}::VARCHAR) AS d, ${ticker} AS ticker,
         ${col(columns.open)}::DOUBLE AS open, ${col(columns.high)}::DOUBLE AS high, ${col(columns.low)}::DOUBLE AS low,
         ${col(columns.close)}::DOUBLE AS close, ${col(columns.adjClose ?? columns.close)}::DOUBLE AS adj_close, ${col(columns.volume)}::DOUBLE AS volume
       FROM ${reader(source, types)}`,
    );
  } catch (error) {
    throw readError(source, error);
  }
  try {
    // row numbers from rowid: a new table's rows are numbered in file order (DuckDB preserves insertion
    // order), but inside a transaction from a large base, so they count from the table's first rowid
    const base = (await conn.runAndReadAll(`SELECT coalesce(min(rowid), 0)::VARCHAR AS b FROM ${raw}`)).getRowObjects()[0].b;
    const rowNo = `(rowid - ${String(base)})`;
    if (columns.ticker) await checkTickerColumn(conn, raw, source, columns.ticker.name, rowNo);
    // the format is told from the distinct dates (10,000 for 10M rows of 1,000 tickers)
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${dates} AS SELECT d, min(${rowNo}) AS first_row FROM ${raw} GROUP BY d`);
    const format: DateFormat = options.dateFormat ? parseDateFormatOption(options.dateFormat) : await detectDateFormat(conn, dates, source);
    // parsed on the distinct dates to name the first bad one; per row below (faster than a join back)
    const unparsed = (
      await conn.runAndReadAll(`SELECT d, first_row FROM ${dates} WHERE (${dateSql(format, "d")}) IS NULL ORDER BY first_row LIMIT 1`)
    ).getRowObjects();
    if (unparsed.length) throw unparsedDateError(source, Number(unparsed[0].first_row), String(unparsed[0].d ?? ""), format);
    await conn.run(
      `INSERT INTO ${STAGED} SELECT ${fileNo}, ${rowNo}, ticker, ${dateSql(format, "d")}, open, high, low, close, adj_close, volume,
         ${MISSING_SQL}, CASE WHEN NOT (${MISSING_SQL}) THEN ${PROBLEM_SQL} END
       FROM ${raw}`,
    );
  } finally {
    // after a DuckDB error the transaction is aborted and rolled back anyway (temp tables too)
    await conn.run(`DROP TABLE IF EXISTS ${raw}`).catch(() => undefined);
    await conn.run(`DROP TABLE IF EXISTS ${dates}`).catch(() => undefined);
  }
}
