/**
 * Ticker validation shared by every provider and the store: a ticker is checked here before it
 * reaches SQL, a file name or a URL.
 */
import { z } from "zod";
import { InvalidInput } from "../../errors.js";

/**
 * Letters, digits and `. ^ = _ -`, 1 to 20 characters, at least one a letter or digit (covers
 * `AAPL`, `BRK-B`, `^GSPC`, `EURUSD=X`, `ACME.SAMPLE`; refuses `..`).
 */
export const TICKER_PATTERN = /^(?=.*[A-Za-z0-9])[A-Za-z0-9.^=_-]{1,20}$/;

const TICKER_RULE = "1 to 20 characters: letters, digits, '.', '^', '=', '_' or '-', with at least one letter or digit";

/** The zod schema of a ticker, for request schemas that embed one. */
export const tickerSchema = z.string().regex(TICKER_PATTERN, `a ticker of ${TICKER_RULE}`);

/** Returns `ticker` unchanged when valid; throws InvalidInput naming the bad ticker and the rule otherwise. */
export function validateTicker(ticker: unknown): string {
  if (typeof ticker === "string" && TICKER_PATTERN.test(ticker)) return ticker;
  const shown = typeof ticker === "string" ? `'${ticker}'` : `a ${ticker === null ? "null" : typeof ticker}`;
  throw new InvalidInput(`Invalid ticker ${shown}: a ticker is ${TICKER_RULE}.`, [
    { path: "ticker", message: TICKER_RULE },
  ]);
}
