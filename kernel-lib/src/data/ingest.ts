/**
 * Incremental ingestion: for each ticker, fetch from the last stored bar minus a small overlap
 * (to catch revised bars), upsert, and record the run. Tickers run concurrently up to a limit;
 * one failing ticker never fails the others.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { isOpenQuantError } from "../errors.js";
import { dateInput } from "../util/dates.js";
import { validate } from "../util/validate.js";
import { INTERVALS, type Interval } from "./frame.js";
import { PROVIDER_NAMES, type MarketDataProvider, type ProviderName } from "./providers/provider.js";
import { tickerSchema } from "./providers/ticker.js";
import type { MarketStore } from "./store/types.js";
import type { RejectedBar } from "./store/validate-bars.js";

/** What to ingest. The same schema validates notebook calls, CLI flags, REST bodies and schedules. */
export const ingestRequestSchema = z
  .object({
    tickers: z.array(tickerSchema).min(1, "at least one ticker").max(2000),
    provider: z.enum(PROVIDER_NAMES).optional(),
    interval: z.enum(INTERVALS).default("1d"),
    start: dateInput.optional(),
    end: dateInput.optional(),
    /** CSV file to import (provider csv, one ticker). */
    file: z.string().min(1).optional(),
    /** Refetch the whole range instead of continuing from the last stored bar. */
    full: z.boolean().default(false),
  })
  .strict()
  .refine((r) => r.start === undefined || r.end === undefined || r.start <= r.end, {
    message: "start must not be after end",
    path: ["start"],
  })
  .refine((r) => r.provider !== "csv" || (r.file !== undefined && r.tickers.length === 1), {
    message: "the csv provider imports one file for one ticker: give --file and exactly one ticker",
    path: ["file"],
  });

/** Input of an ingestion (before defaults). */
export type IngestRequest = z.input<typeof ingestRequestSchema>;

/** Per-ticker outcome. */
export interface TickerIngestResult {
  ticker: string;
  status: "ok" | "failed";
  fetched: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first rejected bars with their reasons. */
  rejectedBars: RejectedBar[];
  /** Rows the provider dropped (e.g. Yahoo's null bars). */
  skipped: number;
  dataVersion?: number;
  error?: { code: string; message: string };
  durationMs: number;
}

/** Outcome of a whole ingestion run. */
export interface IngestResult {
  runId: string;
  provider: ProviderName;
  interval: Interval;
  startedAt: string;
  finishedAt: string;
  status: "ok" | "partial" | "failed";
  tickers: TickerIngestResult[];
  totals: { fetched: number; inserted: number; updated: number; unchanged: number; rejected: number; failed: number };
}

/** Progress of an ingestion, once per finished ticker. */
export interface IngestProgress {
  done: number;
  total: number;
  ticker: string;
  result: TickerIngestResult;
}

/** What ingestion needs around it. */
export interface IngestContext {
  store: MarketStore;
  /** Builds the provider for a request (the csv provider needs the file). */
  provider: (name: ProviderName, options: { file?: string }) => MarketDataProvider;
  defaultProvider: ProviderName;
  concurrency: number;
  overlapBars: number;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
  /** What started it: "cli", "notebook", "schedule:<id>", "api". */
  trigger?: string;
}

/** Records finished ingestion runs (the store's `ingestion_runs` log). */
export interface IngestionLog {
  recordIngestionRun(result: IngestResult, trigger: string): Promise<void>;
}

function errorInfo(error: unknown): { code: string; message: string } {
  if (isOpenQuantError(error)) return { code: error.code, message: error.message };
  return { code: "ERROR", message: error instanceof Error ? error.message : String(error) };
}

async function ingestOne(
  ticker: string,
  request: z.output<typeof ingestRequestSchema>,
  provider: MarketDataProvider,
  ctx: IngestContext,
): Promise<TickerIngestResult> {
  const started = performance.now();
  const empty = { fetched: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, rejectedBars: [], skipped: 0 };
  try {
    let start = request.start;
    if (!request.full) {
      const resumeAt = await ctx.store.barTimeFromEnd(ticker, request.interval, ctx.overlapBars);
      if (resumeAt !== undefined && (start === undefined || resumeAt > start)) start = resumeAt;
    }
    const frame = await provider.fetch({ ticker, interval: request.interval, start, end: request.end }, ctx.signal);
    const written = await ctx.store.writeBars(frame, provider.name);
    return {
      ticker,
      status: "ok",
      fetched: frame.ts.length,
      inserted: written.inserted,
      updated: written.updated,
      unchanged: written.unchanged,
      rejected: written.rejected.length,
      rejectedBars: written.rejected.slice(0, 20),
      skipped: frame.skipped?.length ?? 0,
      dataVersion: written.dataVersion,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return { ticker, status: "failed", ...empty, error: errorInfo(error), durationMs: Math.round(performance.now() - started) };
  }
}

/** Ingests `request.tickers` with a concurrency limit and returns per-ticker results. Never throws for one ticker's failure. */
export async function ingest(input: IngestRequest, ctx: IngestContext & Partial<IngestionLog>): Promise<IngestResult> {
  const request = validate(ingestRequestSchema, input, "ingestion request");
  const providerName = request.provider ?? ctx.defaultProvider;
  const provider = ctx.provider(providerName, { file: request.file });
  const startedAt = new Date().toISOString();
  const tickers = [...new Set(request.tickers)];
  const results: TickerIngestResult[] = new Array(tickers.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < tickers.length) {
      const index = next++;
      if (ctx.signal?.aborted) {
        results[index] = {
          ticker: tickers[index],
          status: "failed",
          fetched: 0,
          inserted: 0,
          updated: 0,
          unchanged: 0,
          rejected: 0,
          rejectedBars: [],
          skipped: 0,
          error: { code: "CANCELLED", message: "ingestion was cancelled" },
          durationMs: 0,
        };
      } else {
        results[index] = await ingestOne(tickers[index], request, provider, ctx);
      }
      done++;
      ctx.onProgress?.({ done, total: tickers.length, ticker: tickers[index], result: results[index] });
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.concurrency, tickers.length) }, worker));

  const sum = (key: "fetched" | "inserted" | "updated" | "unchanged" | "rejected") =>
    results.reduce((acc, r) => acc + r[key], 0);
  const failed = results.filter((r) => r.status === "failed").length;
  const result: IngestResult = {
    runId: randomUUID(),
    provider: providerName,
    interval: request.interval,
    startedAt,
    finishedAt: new Date().toISOString(),
    status: failed === 0 ? "ok" : failed === results.length ? "failed" : "partial",
    tickers: results,
    totals: {
      fetched: sum("fetched"),
      inserted: sum("inserted"),
      updated: sum("updated"),
      unchanged: sum("unchanged"),
      rejected: sum("rejected"),
      failed,
    },
  };
  await ctx.recordIngestionRun?.(result, ctx.trigger ?? "api");
  return result;
}
