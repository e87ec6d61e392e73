/**
 * The provider registry: builds a provider by name from the data-source settings
 * (`dataSources.providers.<name>` of configs/data_sources.yaml) plus what a single request adds.
 */
import { dataSourcesSchema, type DataSourcesConfig } from "../../config/schema.js";
import { InvalidInput } from "../../errors.js";
import type { Logger } from "../../util/logger.js";
import { CsvProvider } from "./csv/csv-provider.js";
import { type MarketDataProvider, PROVIDER_NAMES, type ProviderName } from "./provider.js";
import { SampleProvider } from "./sample/sample-provider.js";
import { YahooProvider } from "./yahoo/yahoo-provider.js";

/** What createProvider needs besides the name; everything is optional except the csv file. */
export interface ProviderSetup {
  /** The data-source settings; defaults apply when omitted. */
  settings?: DataSourcesConfig;
  /** csv: the file to import. */
  file?: string;
  /** yahoo: the fetch used to reach Yahoo (tests point it at a loopback server). */
  fetch?: typeof fetch;
  /** yahoo: where yahoo-finance2's messages go. */
  logger?: Logger;
}

type Factory = (sources: DataSourcesConfig, setup: ProviderSetup) => MarketDataProvider;

const FACTORIES: Record<ProviderName, Factory> = {
  sample: (sources) => new SampleProvider(sources.providers.sample),
  csv: (_sources, setup) => {
    if (!setup.file) {
      throw new InvalidInput("The csv provider needs the CSV file to import: give its path (--file path.csv).", [
        { path: "file", message: "required for the csv provider" },
      ]);
    }
    return new CsvProvider({ file: setup.file });
  },
  yahoo: (sources, setup) => {
    const yahoo = sources.providers.yahoo;
    return new YahooProvider({
      retries: yahoo.retries,
      backoffMs: yahoo.backoff_ms,
      timeoutMs: yahoo.timeout_ms,
      fetch: setup.fetch,
      logger: setup.logger,
    });
  },
};

/** True when `name` is one of the shipped providers. */
export function isProviderName(name: unknown): name is ProviderName {
  return typeof name === "string" && (PROVIDER_NAMES as readonly string[]).includes(name);
}

/** Builds the provider called `name`; throws InvalidInput for an unknown name or a missing csv file. */
export function createProvider(name: string, setup: ProviderSetup = {}): MarketDataProvider {
  if (!isProviderName(name)) {
    throw new InvalidInput(`Unknown provider '${name}'. Known providers: ${PROVIDER_NAMES.join(", ")}.`, [
      { path: "provider", message: `one of ${PROVIDER_NAMES.join(", ")}` },
    ]);
  }
  return FACTORIES[name](setup.settings ?? dataSourcesSchema.parse({}), setup);
}
