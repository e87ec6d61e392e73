/** Market data providers (sample, csv, yahoo): the public surface of this folder. */
export { CsvProvider, type CsvProviderOptions } from "./csv/csv-provider.js";
export { CSV_LAYOUTS_HELP, type CsvLayout } from "./csv/csv-header.js";
export { type CsvSource, type ParsedCsv, parseBarsCsv } from "./csv/parse-bars-csv.js";
export {
  type FetchedFrame,
  type FetchRequest,
  type MarketDataProvider,
  PROVIDER_NAMES,
  type ProviderName,
  type SkippedRow,
} from "./provider.js";
export { createProvider, isProviderName, type ProviderSetup } from "./registry.js";
export { fetchRequestSchema, validateFetchRequest } from "./request.js";
export { isNyseTradingDay, nyseHolidays, nyseTradingDays } from "./sample/nyse-calendar.js";
export {
  type PlantedSignal,
  SAMPLE500_DEFAULT_SEED,
  SAMPLE500_SECTORS,
  SAMPLE500_SIGNALS,
  SAMPLE500_SIZE,
  SAMPLE500_START,
  SAMPLE500_UNIVERSE,
  type Sample500Sector,
  type Sample500Ticker,
  sample500Tickers,
} from "./sample/market500/index.js";
export { SampleProvider, type SampleProviderOptions } from "./sample/sample-provider.js";
export { SAMPLE_END, SAMPLE_UNIVERSE, type SampleTickerSpec } from "./sample/universe.js";
export { selectTimeRange } from "./slice.js";
export { TICKER_PATTERN, tickerSchema, validateTicker } from "./ticker.js";
export { YahooProvider, type YahooProviderOptions } from "./yahoo/yahoo-provider.js";
