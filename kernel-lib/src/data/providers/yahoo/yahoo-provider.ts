/**
 * The `yahoo` provider: daily and intraday bars from Yahoo Finance's chart API through
 * yahoo-finance2 v3 (`chart()`, which needs no cookie/crumb). Transport failures are retried with
 * backoff (retrying-fetch.ts); Yahoo's own answers are mapped to typed errors: an unknown symbol is
 * NotFound, a refused range or interval InvalidInput, anything unreadable Unavailable.
 */
import YahooFinance from "yahoo-finance2";
import { z } from "zod";
import { InvalidInput, isOpenQuantError, NotFound, Unavailable } from "../../../errors.js";
import { createLogger, type Logger } from "../../../util/logger.js";
import { validate } from "../../../util/validate.js";
import type { Interval } from "../../frame.js";
import { DAY_MS } from "../dates.js";
import type { FetchedFrame, FetchRequest, MarketDataProvider } from "../provider.js";
import { validateFetchRequest } from "../request.js";
import { chartToFrame, isDateStamped } from "./chart-mapping.js";
import { type RetryPolicy, retryingFetch, type TransportRecord } from "./retrying-fetch.js";

/** Options of the yahoo provider (settings: dataSources.providers.yahoo, in camelCase). */
export interface YahooProviderOptions {
  /** Retries after the first attempt on 429, 5xx, network errors and time-outs. Default 3. */
  retries?: number;
  /** Base delay of the exponential backoff, ms. Default 500. */
  backoffMs?: number;
  /** Longest single wait between attempts (also caps Retry-After), ms. Default 30000. */
  maxBackoffMs?: number;
  /** Time allowed for one attempt, ms. Default 15000. */
  timeoutMs?: number;
  /** The fetch used to reach Yahoo; default the global fetch (tests point it at a loopback server). */
  fetch?: typeof fetch;
  /** Where yahoo-finance2's own messages go; default silent. */
  logger?: Logger;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
  /** Clock for the default start of intraday requests; default Date.now. */
  now?: () => number;
}

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === "function", "a function");
const optionsSchema = z
  .object({
    retries: z.number().int().min(0).max(10).default(3),
    backoffMs: z.number().int().min(0).default(500),
    maxBackoffMs: z.number().int().min(0).default(30_000),
    timeoutMs: z.number().int().min(1).default(15_000),
    fetch: fn.optional(),
    logger: z.custom<Logger>((v) => typeof v === "object" && v !== null, "a logger").optional(),
    random: fn.optional(),
    now: fn.optional(),
  })
  .strict();

/** How far back Yahoo serves each intraday interval (with a day of margin); the default start of a request. */
const INTRADAY_HISTORY_DAYS: Partial<Record<Interval, number>> = {
  "1m": 7,
  "2m": 59,
  "5m": 59,
  "15m": 59,
  "30m": 59,
  "90m": 59,
  "60m": 729,
  "1h": 729,
};

/** yahoo-finance2 warns that it prefers Node 22; v3 runs on Node 20 and we pin it for that. */
const KNOWN_RUNTIME_WARNING = /Unsupported environment: Requires Node/;

function bridgeLogger(logger: Logger) {
  const text = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  return {
    info: (...args: unknown[]) => logger.debug(text(args)),
    warn: (...args: unknown[]) => {
      const message = text(args);
      if (KNOWN_RUNTIME_WARNING.test(message)) logger.debug(message);
      else logger.warn(message);
    },
    error: (...args: unknown[]) => logger.error(text(args)),
    debug: (...args: unknown[]) => logger.debug(text(args)),
    dir: (...args: unknown[]) => logger.debug(text(args)),
  };
}

/** Daily and intraday bars from Yahoo Finance. */
export class YahooProvider implements MarketDataProvider {
  /** The provider's name in configs and requests. */
  readonly name = "yahoo" as const;
  private readonly client: InstanceType<typeof YahooFinance>;
  private readonly policy: RetryPolicy;
  private readonly baseFetch?: typeof fetch;
  private readonly now: () => number;

  constructor(options: YahooProviderOptions = {}) {
    const o = validate(optionsSchema, options, "yahoo provider options");
    this.policy = {
      retries: o.retries,
      backoffMs: o.backoffMs,
      maxBackoffMs: o.maxBackoffMs,
      timeoutMs: o.timeoutMs,
      random: (o.random as (() => number) | undefined) ?? Math.random,
    };
    this.baseFetch = o.fetch as typeof fetch | undefined;
    this.now = (o.now as (() => number) | undefined) ?? Date.now;
    this.client = new YahooFinance({
      logger: bridgeLogger(o.logger ?? createLogger({ level: "silent" })),
      suppressNotices: ["yahooSurvey"],
      versionCheck: false,
      validation: { logErrors: false, logOptionsErrors: false },
    });
  }

  async fetch(request: FetchRequest, signal?: AbortSignal): Promise<FetchedFrame> {
    const { ticker, interval, start, end } = validateFetchRequest(request);
    signal?.throwIfAborted();
    const record: TransportRecord = { attempts: 0 };
    const transport = retryingFetch(this.baseFetch ?? globalThis.fetch, this.policy, record, signal);
    const { period1, period2 } = this.periods(interval, start, end);
    try {
      // yahoo-finance2 refuses an explicit `period2: undefined`; left out, it means "now".
      const query = { period1, ...(period2 === undefined ? {} : { period2 }), interval, includePrePost: false, events: "div|split" };
      const result = await this.client.chart(ticker, query, { fetch: transport });
      return chartToFrame(result, ticker, interval, start, end);
    } catch (error) {
      throw translateError(error, ticker, interval, record, signal);
    }
  }

  /** Yahoo's query window, in epoch seconds, covering `[start, end]` for this interval. */
  private periods(interval: Interval, start?: number, end?: number): { period1: number; period2?: number } {
    const seconds = (ms: number) => Math.floor(ms / 1000);
    if (isDateStamped(interval)) {
      // Our daily bars sit at 00:00 UTC while Yahoo stamps them at the local session open: widen by a
      // day before (exchanges east of UTC open on the previous UTC day) and two after, then filter.
      return {
        period1: start === undefined ? 0 : Math.max(0, seconds(start - DAY_MS)),
        period2: end === undefined ? undefined : seconds(end + 2 * DAY_MS),
      };
    }
    const defaultStart = this.now() - (INTRADAY_HISTORY_DAYS[interval] ?? 59) * DAY_MS;
    return {
      period1: seconds(start ?? defaultStart),
      period2: end === undefined ? undefined : seconds(end) + 1,
    };
  }
}

/** Yahoo's answer, already turned into an exception by yahoo-finance2, as one of our typed errors. */
function translateError(
  error: unknown,
  ticker: string,
  interval: Interval,
  record: TransportRecord,
  signal?: AbortSignal,
): unknown {
  if (signal?.aborted) return signal.reason;
  if (isOpenQuantError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const status = record.lastStatus;
  if (status === 404 || /No data found/i.test(message)) {
    return new NotFound(
      `Yahoo Finance has no data for '${ticker}': ${message}. Check the symbol as Yahoo spells it (e.g. BRK-B, ^GSPC, EURUSD=X).`,
      [{ path: "ticker", message: "unknown to Yahoo Finance" }],
      { cause: error },
    );
  }
  if (status === 400 || status === 422) {
    return new InvalidInput(`Yahoo Finance refused the ${interval} request for '${ticker}': ${message}`, [], { cause: error });
  }
  if (status !== undefined && status >= 400) {
    return new Unavailable(`Yahoo Finance refused the request for '${ticker}' (HTTP ${status}): ${message}`, [], { cause: error });
  }
  if (/where we expect JSON/.test(message)) {
    return new Unavailable(
      `Yahoo Finance sent a malformed response for '${ticker}' (not valid JSON); no bars were read. Try again later.`,
      [],
      { cause: error },
    );
  }
  if (error instanceof Error && error.name === "FailedYahooValidationError") {
    return new Unavailable(
      `Yahoo Finance's response for '${ticker}' does not have the chart format yahoo-finance2 expects; no bars were read.`,
      [],
      { cause: error },
    );
  }
  return new Unavailable(`Yahoo Finance returned an unusable response for '${ticker}': ${message}`, [], { cause: error });
}
