/**
 * The bar checks of validate-bars.ts, as SQL over staged rows (so 10M rows are checked in DuckDB,
 * not in JS): finite positive prices, volume ≥ 0, high ≥ max(open, close), low ≤ min(open, close).
 * Duplicates are refused separately (which of two rows is right is the user's call).
 */

const PRICES = ["open", "high", "low", "close", "adj_close"] as const;

/** A number as JS prints it (DuckDB writes 9.0 where JS writes 9). */
const shown = (sql: string) => `regexp_replace(CAST(${sql} AS VARCHAR), '\\.0$', '')`;

/** SQL: true when a row has a missing value (Yahoo's `null` days, empty cells): skipped, not checked. */
export const MISSING_SQL = ["open", "high", "low", "close", "adj_close", "volume"].map((c) => `${c} IS NULL`).join(" OR ");

/** SQL: why a (complete) row is refused, NULL when it passes; the same wording as validateBars. */
export const PROBLEM_SQL = `CASE
  ${PRICES.map((c) => `WHEN NOT isfinite(${c}) THEN '${c} is not a finite number'`).join("\n  ")}
  ${PRICES.map((c) => `WHEN ${c} <= 0 THEN '${c} is not positive (' || ${shown(c)} || ')'`).join("\n  ")}
  WHEN NOT isfinite(volume) OR volume < 0 THEN 'volume must be a finite number ≥ 0 (got ' || ${shown("volume")} || ')'
  WHEN high < greatest(open, close) THEN 'high ' || ${shown("high")} || ' is below max(open, close) ' || ${shown("greatest(open, close)")}
  WHEN low > least(open, close) THEN 'low ' || ${shown("low")} || ' is above min(open, close) ' || ${shown("least(open, close)")}
  END`;
