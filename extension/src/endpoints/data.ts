/** Typed calls of the sidecar's data routes. */
import { apiUrl, requestAPI } from "../api.js";
import { GET } from "./get.js";
import { type Bars, BarsSchema, type IngestRequest, type TickerInfo, TickerListSchema } from "../schemas/data.js";
import { type JobAccepted, JobAcceptedSchema } from "../schemas/jobs.js";

/** Which bars to read: a ticker and an optional range of days (inclusive). */
export interface BarsQuery {
  ticker: string;
  /** YYYY-MM-DD or an ISO datetime. */
  start?: string;
  end?: string;
  /** 1d by default. */
  interval?: string;
}

function barsPath(query: BarsQuery, format?: "csv"): string {
  const search = new URLSearchParams();
  if (query.interval) search.set("interval", query.interval);
  if (query.start) search.set("start", query.start);
  if (query.end) search.set("end", query.end);
  if (format) search.set("format", format);
  const qs = search.toString();
  const path = `data/${encodeURIComponent(query.ticker)}`;
  return qs ? `${path}?${qs}` : path;
}

/** Every stored ticker with provider, first/last bar and rows (GET /data/tickers). */
export function listTickers(): Promise<TickerInfo[]> {
  return requestAPI("data/tickers", GET, { schema: TickerListSchema });
}

/** One ticker's bars over a range (GET /data/{ticker}). */
export function getBars(query: BarsQuery): Promise<Bars> {
  return requestAPI(barsPath(query), GET, { schema: BarsSchema });
}

/** Where the browser downloads the same bars as CSV (GET /data/{ticker}?format=csv). */
export function barsCsvUrl(query: BarsQuery): string {
  return apiUrl(barsPath(query, "csv"));
}

/** Starts an ingestion job (POST /data/ingest); follow it with a JobWatcher. */
export function startIngest(request: IngestRequest): Promise<JobAccepted> {
  return requestAPI("data/ingest", { method: "POST", body: JSON.stringify(request) }, { schema: JobAcceptedSchema });
}
