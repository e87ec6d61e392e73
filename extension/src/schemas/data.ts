/**
 * The sidecar's market data: stored tickers (GET /data/tickers), bars (GET /data/{ticker}) and the
 * ingestion request (POST /data/ingest), plus the client-side check of the Ingest form.
 */
import * as z from "zod/mini";

/** One stored ticker and interval. */
export const TickerInfoSchema = z.object({
  ticker: z.string(),
  interval: z.string(),
  provider: z.string(),
  firstBar: z.nullable(z.string()),
  lastBar: z.nullable(z.string()),
  lastIngestedAt: z.nullable(z.string()),
  rows: z.number(),
  dataVersion: z.number(),
});

/** GET /data/tickers's answer. */
export const TickerListSchema = z.array(TickerInfoSchema);

/** Bars as columns (ts in epoch ms UTC), as GET /data/{ticker} answers. */
export const BarsSchema = z.object({
  ticker: z.string(),
  interval: z.string(),
  ts: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  adjClose: z.array(z.number()),
  volume: z.array(z.number()),
});

/** Letters, digits and `. ^ = _ -`, 1 to 20 characters, at least one a letter or digit (the sidecar's rule). */
export const TICKER_PATTERN = /^(?=.*[A-Za-z0-9])[A-Za-z0-9.^=_-]{1,20}$/;

/** A calendar day as the date inputs give it. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Providers the Ingest form offers (csv imports need a file on the sidecar's disk, so it is left to the CLI). */
export const INGEST_PROVIDERS = ["sample", "yahoo"] as const;

const day = z.string().check(z.regex(DAY_PATTERN, "use YYYY-MM-DD"));

/** What the Ingest form sends to POST /data/ingest. */
export const IngestRequestSchema = z
  .object({
    tickers: z
      .array(z.string().check(z.regex(TICKER_PATTERN, "a ticker is 1 to 20 letters, digits or . ^ = _ -")))
      .check(z.minLength(1, "give at least one ticker"), z.maxLength(2000, "at most 2000 tickers at once")),
    provider: z.enum(INGEST_PROVIDERS, "choose sample or yahoo"),
    start: z.optional(day),
    end: z.optional(day),
  })
  .check(z.refine((r) => !r.start || !r.end || r.start <= r.end, { message: "start must not be after end", path: ["start"] }));

/** A stored ticker. */
export type TickerInfo = z.infer<typeof TickerInfoSchema>;
/** Bars of one ticker. */
export type Bars = z.infer<typeof BarsSchema>;
/** A checked ingestion request. */
export type IngestRequest = z.infer<typeof IngestRequestSchema>;
/** sample | yahoo. */
export type IngestProvider = (typeof INGEST_PROVIDERS)[number];
