/**
 * Ticker attributes (sector, industry, name, exchange, currency): one row per ticker, set by
 * whoever knows them (a market generator, an import). A field left out of a row keeps its stored
 * value; null clears it.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { TickerAttributes } from "./schema.js";

/** The attribute columns, in table order. */
export const ATTRIBUTE_FIELDS = ["sector", "industry", "name", "exchange", "currency"] as const;

/** Upserts attribute rows in one statement per row (inside the caller's transaction); returns how many were written. */
export async function upsertTickerAttributes(conn: DuckDBConnection, rows: TickerAttributes[], nowMs: number): Promise<number> {
  for (const row of rows) {
    const given = ATTRIBUTE_FIELDS.filter((f) => row[f] !== undefined);
    const updates = [...given.map((f) => `${f} = excluded.${f}`), "updated_at = excluded.updated_at"].join(", ");
    await conn.run(
      `INSERT INTO ticker_attributes VALUES ($1, $2, $3, $4, $5, $6, make_timestamp($7::BIGINT * 1000))
       ON CONFLICT DO UPDATE SET ${updates}`,
      [row.ticker, ...ATTRIBUTE_FIELDS.map((f) => row[f] ?? null), nowMs],
    );
  }
  return rows.length;
}

/** Attributes of `tickers` (every ticker with attributes when omitted), by ticker; tickers without any are left out. */
export async function selectTickerAttributes(conn: DuckDBConnection, tickers?: string[]): Promise<TickerAttributes[]> {
  const rows = await conn.runAndReadAll(
    `SELECT ticker, ${ATTRIBUTE_FIELDS.join(", ")} FROM ticker_attributes
     WHERE $1::VARCHAR IS NULL OR list_contains($1::JSON::VARCHAR[], ticker) ORDER BY ticker`,
    [tickers === undefined ? null : JSON.stringify(tickers)],
  );
  return rows.getRowObjects().map((r) => {
    const out: TickerAttributes = { ticker: String(r.ticker) };
    for (const f of ATTRIBUTE_FIELDS) out[f] = r[f] === null ? null : String(r[f]);
    return out;
  });
}
