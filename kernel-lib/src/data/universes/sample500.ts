/**
 * The built-in universe `sample500`: the generated 500-ticker market of the sample provider,
 * recorded point in time (each ticker from its listing to its delisting, or open) with its sector
 * as a ticker attribute, once its bars are ingested (`oq.ingest({ universe: "sample500" })`).
 */
import { type Sample500Ticker, sample500Tickers } from "../providers/sample/market500/index.js";
import type { MarketStore } from "../store/types.js";
import type { UniverseInfo } from "./schema.js";

/** The name of the sample market's universe. */
export const SAMPLE500_UNIVERSE_NAME = "sample500";

/** The sample500 tickers for the sample provider's seed. */
export function sample500Members(seed: number): Sample500Ticker[] {
  return sample500Tickers(seed);
}

/** Records the universe `sample500` (every listing, delisted ones included: no survivorship bias) and each ticker's sector. */
export async function recordSample500(store: MarketStore, members: readonly Sample500Ticker[]): Promise<UniverseInfo> {
  await store.setTickerAttributes(members.map((m) => ({ ticker: m.ticker, sector: m.sector })));
  return store.defineUniverse(
    SAMPLE500_UNIVERSE_NAME,
    {
      kind: "list",
      description: "The sample provider's generated 500-ticker market (2005-2025) with planted reversal and momentum signals",
      tickers: members.map((m) => ({ ticker: m.ticker, from: m.listed, to: m.delisted ?? null })),
    },
    { source: "sample" },
  );
}
