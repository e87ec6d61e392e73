/**
 * The "ingest" job: an ingestion run as a job, with progress per ticker, a log line per ticker and
 * cancellation between tickers. Its params are the ingestion request every other door uses.
 */
import type { IngestProgress, IngestRequest, IngestResult } from "../data/ingest.js";
import { ingestRequestSchema } from "../data/ingest.js";
import type { JobHandler } from "./job-types.js";

/** What the ingest job calls: `OpenQuant.ingest` in the sidecar or a worker. */
export type IngestFunction = (
  tickers: string[],
  options: Omit<IngestRequest, "tickers"> & { onProgress: (p: IngestProgress) => void; signal: AbortSignal; trigger: string },
) => Promise<IngestResult>;

function describe(p: IngestProgress): string {
  const r = p.result;
  if (r.status === "failed") return `${p.ticker}: failed (${r.error?.message ?? "unknown error"})`;
  return `${p.ticker}: ${r.fetched} fetched, ${r.inserted} new, ${r.updated} revised, ${r.rejected} rejected in ${r.durationMs} ms`;
}

/** The ingest job's handler over an ingest function; its result is the IngestResult. */
export function ingestJobHandler(ingest: IngestFunction): JobHandler<typeof ingestRequestSchema, IngestResult> {
  return {
    params: ingestRequestSchema,
    description: "Ingest market data for tickers from a provider, incrementally unless full is set.",
    run: async (params, ctx) => {
      const { tickers, ...rest } = params;
      const total = new Set(tickers).size;
      let failed = 0;
      ctx.progress({ fraction: 0, message: `0/${total} tickers`, counters: { done: 0, total, failed: 0 } });
      ctx.log(`ingesting ${total} ticker(s) from ${rest.provider ?? "the default provider"}`);
      const result = await ingest(tickers, {
        ...rest,
        signal: ctx.signal,
        trigger: `job:${ctx.jobId}`,
        onProgress: (p) => {
          if (p.result.status === "failed") failed++;
          ctx.progress({ fraction: p.done / p.total, message: `${p.done}/${p.total} ${p.ticker} ${p.result.status}`, counters: { done: p.done, total: p.total, failed } });
          ctx.log(describe(p));
        },
      });
      ctx.log(`done: ${result.status}, ${result.totals.inserted} new bars, ${result.totals.failed} failed ticker(s)`);
      return result;
    },
  };
}
