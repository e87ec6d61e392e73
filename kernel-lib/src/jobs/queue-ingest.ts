/**
 * Ingestion on the work queue: a job's tickers are split into batches, each an "ingest" job for
 * any worker (the same handler as in-process, writing its bars through the sidecar), and the
 * batches' results are merged into one IngestResult as a single ingestion would have reported it.
 */
import { randomUUID } from "node:crypto";
import type { IngestResult, TickerIngestResult } from "../data/ingest.js";
import { ingestRequestSchema } from "../data/ingest.js";
import type { ProviderName } from "../data/providers/provider.js";
import { validate } from "../util/validate.js";
import type { JobError, ProgressUpdate } from "./job-types.js";
import { jobErrorOf } from "./queue-errors.js";
import { type Coordinator, forwardTo } from "./queue-parts.js";

/** What one batch came to: its result, or the error it failed with after its tries. */
export interface BatchOutcome {
  tickers: string[];
  result?: IngestResult;
  error?: JobError;
}

/** `items` in consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function failedTicker(ticker: string, error: JobError): TickerIngestResult {
  return { ticker, status: "failed", fetched: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, rejectedBars: [], skipped: 0, error, durationMs: 0 };
}

/**
 * One IngestResult from the batches: tickers in request order, totals summed, the status by the
 * same rule as one ingestion (ok / partial / failed). A batch that failed for good counts as its
 * tickers failing with its error. The run id is the first batch's (each batch recorded its own run).
 */
export function mergeIngestResults(
  tickers: readonly string[],
  outcomes: readonly BatchOutcome[],
  fallback: { provider: ProviderName; interval: IngestResult["interval"]; startedAt: string },
): IngestResult {
  const byTicker = new Map<string, TickerIngestResult>();
  for (const outcome of outcomes) {
    if (outcome.result) for (const r of outcome.result.tickers) byTicker.set(r.ticker, r);
    else for (const t of outcome.tickers) byTicker.set(t, failedTicker(t, outcome.error ?? { code: "ERROR", message: "the batch failed" }));
  }
  const results = tickers.map((t) => byTicker.get(t) ?? failedTicker(t, { code: "ERROR", message: "no batch reported this ticker" }));
  const sum = (key: "fetched" | "inserted" | "updated" | "unchanged" | "rejected") => results.reduce((acc, r) => acc + r[key], 0);
  const failed = results.filter((r) => r.status === "failed").length;
  const done = outcomes.flatMap((o) => (o.result ? [o.result] : []));
  const times = (key: "startedAt" | "finishedAt") => done.map((r) => r[key]).sort();
  return {
    runId: done[0]?.runId ?? randomUUID(),
    provider: done[0]?.provider ?? fallback.provider,
    interval: done[0]?.interval ?? fallback.interval,
    startedAt: times("startedAt")[0] ?? fallback.startedAt,
    finishedAt: times("finishedAt").at(-1) ?? new Date().toISOString(),
    status: failed === 0 ? "ok" : failed === results.length ? "failed" : "partial",
    tickers: results,
    totals: { fetched: sum("fetched"), inserted: sum("inserted"), updated: sum("updated"), unchanged: sum("unchanged"), rejected: sum("rejected"), failed },
  };
}

/** The ingestion coordinator: batches of `batchSize` tickers; one batch is simply the whole job on the queue. */
export function ingestCoordinator(batchSize: number, defaultProvider: ProviderName): Coordinator {
  return async (job, ctx, started, runPart) => {
    const request = validate(ingestRequestSchema, job.params, "params of the ingest job");
    const tickers = [...new Set(request.tickers)];
    const batches = chunk(tickers, batchSize);
    if (batches.length === 1) return runPart({ id: job.id, kind: "ingest", params: job.params }, forwardTo(ctx, started));

    const startedAt = new Date().toISOString();
    const counts = batches.map(() => ({ done: 0, failed: 0 }));
    const total = tickers.length;
    const report = (batch: number, update: ProgressUpdate) => {
      counts[batch] = { done: update.counters?.done ?? counts[batch].done, failed: update.counters?.failed ?? counts[batch].failed };
      const done = counts.reduce((s, c) => s + c.done, 0);
      const failed = counts.reduce((s, c) => s + c.failed, 0);
      // a batch says "3/5 ACME.SAMPLE ok"; the job says how far all its tickers are
      const message = update.message?.replace(/^\d+\/\d+/, `${done}/${total}`);
      ctx.progress({ fraction: done / total, counters: { done, total, failed }, ...(message ? { message } : {}) });
    };
    ctx.progress({ fraction: 0, message: `0/${total} tickers`, counters: { done: 0, total, failed: 0 } });
    ctx.log(`ingesting ${total} ticker(s) in ${batches.length} batches of up to ${batchSize} on the work queue`);
    const outcomes = await Promise.all(
      batches.map(async (batch, i): Promise<BatchOutcome> => {
        try {
          const result = (await runPart(
            { id: `${job.id}-batch${i + 1}`, kind: "ingest", params: { ...(job.params as object), tickers: batch } },
            {
              signal: ctx.signal,
              onActive: started,
              onMessage: (m) => {
                if (m.progress) report(i, m.progress);
                for (const line of m.log ?? []) ctx.log(line);
              },
            },
          )) as IngestResult;
          return { tickers: batch, result };
        } catch (error) {
          ctx.log(`batch ${i + 1}/${batches.length} (${batch.join(", ")}) failed: ${(error as Error).message}`);
          return { tickers: batch, error: jobErrorOf(error) };
        }
      }),
    );
    const merged = mergeIngestResults(tickers, outcomes, { provider: request.provider ?? defaultProvider, interval: request.interval, startedAt });
    ctx.log(`done: ${merged.status}, ${merged.totals.inserted} new bars, ${merged.totals.failed} failed ticker(s)`);
    return merged;
  };
}
