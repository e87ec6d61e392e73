/** The sample500 market: the public surface of this folder (the model is documented in generate.ts, the signals in signals.ts). */
import { type Sample500Ticker, sample500Tickers } from "./tickers.js";

export { SAMPLE500_START } from "./calendar.js";
export { SAMPLE500_SECTORS, type Sample500Sector } from "./sectors.js";
export { type PlantedSignal, SAMPLE500_SIGNALS } from "./signals.js";
export { SAMPLE500_DEFAULT_SEED, SAMPLE500_SIZE, type Sample500Ticker, sample500Tickers } from "./tickers.js";

/**
 * The sample500 universe for the default seed 42: per ticker its sector, first bar date (`listed`)
 * and, for the tenth that delist, last bar date (`delisted`). Record it as memberships
 * `(ticker, from = listed, to = delisted or open)` with the sector as a ticker attribute.
 */
export const SAMPLE500_UNIVERSE: readonly Readonly<Sample500Ticker>[] = Object.freeze(sample500Tickers());
