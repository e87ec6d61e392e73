/** Market data over HTTP: tickers, bars (JSON/CSV), writes from client-mode processes, ingestion. */
import {
  dateInput,
  fromWire,
  INTERVALS,
  ingestRequestSchema,
  type OpenQuant,
  tickerSchema,
  toWire,
  wireFrameSchema,
} from "@openquant/kernel-lib";
import express, { Router } from "express";
import { z } from "zod";
import { body, params, query } from "../http/validate.js";

const tickerParam = z.object({ ticker: tickerSchema }).strict();
const barsQuery = z
  .object({
    interval: z.enum(INTERVALS).default("1d"),
    start: dateInput.optional(),
    end: dateInput.optional(),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .strict();

function csvOf(frame: ReturnType<typeof toWire>): string {
  const lines = ["date,open,high,low,close,adj_close,volume"];
  for (let i = 0; i < frame.ts.length; i++) {
    lines.push(
      [new Date(frame.ts[i] as number).toISOString(), frame.open[i], frame.high[i], frame.low[i], frame.close[i], frame.adjClose[i], frame.volume[i]].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

export function dataRoutes(oq: OpenQuant): Router {
  const router = Router();

  router.get("/data/tickers", async (_req, res) => {
    res.json(await oq.tickers());
  });

  router.post("/data/ingest", async (req, res) => {
    const request = body(req, ingestRequestSchema);
    const { tickers, ...rest } = request;
    res.json(await oq.ingest(tickers, { ...rest, trigger: "api" }));
  });

  // Client-mode processes (notebooks, workers) write bars through the sidecar, the file's one writer.
  router.post("/data/bars", express.json({ limit: "64mb" }), async (req, res) => {
    const { provider, frame } = body(req, z.object({ provider: z.string().min(1).max(40), frame: wireFrameSchema }).strict());
    res.json(await oq.store.writeBars(fromWire(frame), provider));
  });

  router.post("/data/ingestion-runs", async (req, res) => {
    const { result, trigger } = body(req, z.object({ result: z.any(), trigger: z.string().max(100) }).strict());
    await oq.store.recordIngestionRun(result, trigger);
    res.status(204).end();
  });

  router.get("/data/:ticker/bar-time", async (req, res) => {
    const { ticker } = params(req, tickerParam);
    const q = query(req, z.object({ interval: z.enum(INTERVALS).default("1d"), back: z.coerce.number().int().min(0).max(1_000_000) }).strict());
    res.json({ ts: (await oq.store.barTimeFromEnd(ticker, q.interval, q.back)) ?? null });
  });

  router.get("/data/:ticker", async (req, res) => {
    const { ticker } = params(req, tickerParam);
    const q = query(req, barsQuery);
    const frame = toWire(await oq.store.readBars({ ticker, interval: q.interval, start: q.start, end: q.end }));
    if (q.format === "csv") {
      res.type("text/csv").attachment(`${ticker}.csv`).send(csvOf(frame));
      return;
    }
    res.json(frame);
  });

  return router;
}
