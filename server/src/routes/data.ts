/** Market data over HTTP: tickers, bars (JSON/CSV), writes from client-mode processes, ingestion (a job). */
import {
  dateInput,
  fromWire,
  importRequestSchema,
  INTERVALS,
  type IngestResult,
  ingestRequestSchema,
  type OpenQuant,
  PROVIDER_NAMES,
  tickerSchema,
  wireFrameSchema,
} from "@openquant/kernel-lib";
import express, { Router } from "express";
import { z } from "zod";
import { defineRoute } from "../http/openapi-route.js";
import { tickerInfoSchema } from "../http/openapi-schemas.js";
import { BarsCache } from "./bars-cache.js";
import { BAR_CONTENT_TYPES, BAR_FORMATS, encodeBars } from "./bars-formats.js";
import { addDataVersionRoutes, asOfQuerySchema } from "./data-versions.js";
import { jobRunner } from "./jobs.js";

const tickerParam = z.object({ ticker: tickerSchema }).strict();

/** Over HTTP the sidecar reads a csv import itself: a .csv file, named by a path that never climbs with '..'. */
const httpIngestSchema = ingestRequestSchema.refine((r) => r.file === undefined || (/\.csv$/i.test(r.file) && !r.file.split(/[\\/]/).includes("..")), {
  message: "a .csv file, by a path without '..'",
  path: ["file"],
});

/** The sidecar reads an import's files itself: named by a path that never climbs with '..' (a file, a folder or a glob). */
const httpImportSchema = importRequestSchema.refine((r) => !r.input.split(/[\\/]/).includes(".."), {
  message: "a file, folder or glob by a path without '..'",
  path: ["input"],
});

const count = z.number().int().min(0);

/** A finished ingestion run as a client-mode process reports it (kernel-lib's IngestResult). */
const ingestResultSchema = z.looseObject({
  runId: z.string().min(1).max(100),
  provider: z.enum(PROVIDER_NAMES),
  interval: z.enum(INTERVALS),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  status: z.enum(["ok", "partial", "failed"]),
  tickers: z.array(z.looseObject({ ticker: tickerSchema, status: z.enum(["ok", "failed"]) })).max(10_000),
  totals: z.object({ fetched: count, inserted: count, updated: count, unchanged: count, rejected: count, failed: count }),
});
const barsQuery = z
  .object({
    interval: z.enum(INTERVALS).default("1d"),
    start: dateInput.optional(),
    end: dateInput.optional(),
    format: z.enum(BAR_FORMATS).default("json"),
    /** The bars as recorded by this time, or in this snapshot. */
    asOf: asOfQuerySchema.optional(),
  })
  .strict();

export function dataRoutes(oq: OpenQuant): Router {
  const router = Router();
  const barsCache = new BarsCache();
  const tags = ["data"];
  addDataVersionRoutes(router, oq, tags);

  defineRoute(
    router,
    {
      method: "get",
      path: "/data/tickers",
      summary: "Stored tickers with provider, first/last bar, rows and data version",
      tags,
      responses: { 200: { description: "Every stored ticker and interval", schema: z.array(tickerInfoSchema) } },
    },
    async (_input, _req, res) => {
      res.json(await oq.tickers());
    },
  );

  defineRoute(
    router,
    {
      method: "post",
      path: "/data/ingest",
      summary: "Start an ingestion job",
      description: "Answers 202 at once; follow the job at `location` (GET /jobs/{id} or its /events stream). Its result is the IngestResult.",
      tags,
      body: httpIngestSchema,
      responses: { 202: { description: "The ingestion job was queued", schema: "JobAccepted" } },
      errors: [503],
    },
    async (_input, req, res) => {
      // the job keeps the request as sent (validated above and again when it runs)
      const job = await jobRunner(oq).submit("ingest", req.body, { trigger: "api" });
      const { result: _result, log: _log, ...summary } = job;
      res.status(202).location(`/jobs/${job.id}`).json({ jobId: job.id, location: `/jobs/${job.id}`, job: summary });
    },
  );

  defineRoute(
    router,
    {
      method: "post",
      path: "/data/import",
      summary: "Start an import of files (CSV, .csv.gz, Parquet; a file, a folder of per-ticker files or a glob) read by the sidecar",
      description:
        "The sidecar reads `input` on its own machine (an absolute path, or one relative to its working directory). Answers 202 at once; follow the job at `location`. " +
        "Its result is the ImportResult (per ticker: first/last bar, inserted, updated, unchanged, rejected, skipped). One transaction: a bad file leaves nothing behind.",
      tags,
      body: httpImportSchema,
      responses: { 202: { description: "The import job was queued", schema: "JobAccepted" } },
      errors: [503],
    },
    async (_input, req, res) => {
      const job = await jobRunner(oq).submit("import", req.body, { trigger: "api" });
      const { result: _result, log: _log, ...summary } = job;
      res.status(202).location(`/jobs/${job.id}`).json({ jobId: job.id, location: `/jobs/${job.id}`, job: summary });
    },
  );

  // Client-mode processes (notebooks, workers) write bars through the sidecar, the file's one writer.
  defineRoute(
    router,
    {
      method: "post",
      path: "/data/bars",
      summary: "Write one ticker's bars (client-mode processes write through the sidecar)",
      tags,
      body: z.object({ provider: z.string().min(1).max(40), frame: wireFrameSchema }).strict(),
      before: [express.json({ limit: "64mb" })],
      responses: { 200: { description: "What was inserted, updated, unchanged or rejected", schema: z.looseObject({}) } },
    },
    async ({ body }, _req, res) => {
      res.json(await oq.store.writeBars(fromWire(body.frame), body.provider));
    },
  );

  defineRoute(
    router,
    {
      method: "post",
      path: "/data/ingestion-runs",
      summary: "Record a finished ingestion run (client-mode processes)",
      tags,
      body: z.object({ result: ingestResultSchema, trigger: z.string().max(100) }).strict(),
      responses: { 204: { description: "Recorded" } },
    },
    async ({ body }, _req, res) => {
      // the store reads the fields checked above; per-ticker detail is kept as sent in the run's summary
      await oq.store.recordIngestionRun(body.result as unknown as IngestResult, body.trigger);
      res.status(204).end();
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/data/:ticker/bar-time",
      summary: "Time of the bar `back` bars before the last stored one (for incremental ingestion)",
      tags,
      params: tickerParam,
      query: z.object({ interval: z.enum(INTERVALS).default("1d"), back: z.coerce.number().int().min(0).max(1_000_000) }).strict(),
      responses: { 200: { description: "Epoch ms, or null when nothing is stored", schema: z.object({ ts: z.number().nullable() }) } },
    },
    async ({ params, query }, _req, res) => {
      res.json({ ts: (await oq.store.barTimeFromEnd(params.ticker, query.interval, query.back)) ?? null });
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/data/:ticker",
      summary: "OHLCV bars of one ticker over a date range, as JSON columns, CSV or Arrow IPC",
      description:
        "format=json (default) answers columns with ts in epoch ms UTC; format=csv a file with an ISO date column; format=arrow an Arrow IPC stream (ts a UTC millisecond timestamp, prices float64, ticker and interval in the schema metadata) that pyarrow, DuckDB, polars or apache-arrow read directly. Answers carry an ETag; If-None-Match gives 304 while the ticker's data is unchanged. asOf (an ISO time, epoch ms or a snapshot name) answers the bars exactly as they were recorded then (revised bars with their earlier values; no ETag).",
      tags,
      params: tickerParam,
      query: barsQuery,
      responses: {
        200: { description: "Columns of bars (ts in epoch ms UTC)", schema: wireFrameSchema, alternatives: ["text/csv", BAR_CONTENT_TYPES.arrow] },
        304: { description: "Unchanged since the ETag sent in If-None-Match" },
      },
      errors: [404],
    },
    async ({ params, query }, _req, res) => {
      if (query.asOf !== undefined) {
        // as-of reads are not cached: a snapshot name can be deleted and taken again
        const body = encodeBars(await oq.store.readBars({ ticker: params.ticker, interval: query.interval, start: query.start, end: query.end, asOf: query.asOf }), query.format);
        if (query.format !== "json") res.attachment(`${params.ticker}.${query.format}`);
        res.type(BAR_CONTENT_TYPES[query.format]).send(body);
        return;
      }
      const read = { ticker: params.ticker, interval: query.interval, start: query.start, end: query.end };
      const key = `${query.format}|${read.ticker}|${read.interval}|${read.start ?? ""}|${read.end ?? ""}`;
      // the version first: bars read after it are at least that new, so the entry is never staler than its version
      const version = (await oq.store.tickerInfo(read.ticker, read.interval))?.dataVersion;
      let answer = version === undefined ? undefined : barsCache.get(key, version);
      if (!answer) {
        const body = encodeBars(await oq.store.readBars(read), query.format);
        // a ticker without a version has no bars: readBars has answered 404 above
        answer = barsCache.set(key, version as number, body);
      }
      if (query.format !== "json") res.attachment(`${params.ticker}.${query.format}`);
      res.set("ETag", answer.etag).type(BAR_CONTENT_TYPES[query.format]).send(answer.body);
    },
  );

  return router;
}
