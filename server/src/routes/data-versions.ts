/**
 * Versioned market data over HTTP: named snapshots, the data pins of training runs, and retention
 * of bar revisions — so client-mode processes (notebooks, workers) use them as embedded ones do.
 */
import {
  dataPinRecordSchema,
  NotFound,
  type OpenQuant,
  parseAsOf,
  retentionOptionsSchema,
  snapshotInfoSchema,
  snapshotNameSchema,
  tickerSchema,
} from "@openquant/kernel-lib";
import type { Router } from "express";
import { z } from "zod";
import { defineRoute } from "../http/openapi-route.js";

/** `asOf` as a query parameter: an ISO time or date, epoch ms as digits, or a snapshot name. */
export const asOfQuerySchema = z
  .string()
  .min(1)
  .max(64)
  .transform((text, ctx) => {
    const value = /^-?\d+$/.test(text) ? Number(text) : text;
    try {
      parseAsOf(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
    return value;
  });

const snapshotBody = z.strictObject({
  name: snapshotNameSchema,
  tickers: z.array(tickerSchema).min(1).max(10_000).optional(),
  description: z.string().max(500).optional(),
});
const nameParam = z.strictObject({ name: snapshotNameSchema });
const runParam = z.strictObject({ runId: z.string().min(1).max(100).regex(/^[\w-]+$/, "a run id") });
const retentionReportSchema = z.object({
  cutoff: z.string(),
  olderThanDays: z.number(),
  force: z.boolean(),
  removed: z.number(),
  kept: z.number(),
  affectedRuns: z.array(z.string()),
  affectedSnapshots: z.array(z.string()),
});

/** Adds the snapshot, pin and retention routes to the data router (before `/data/:ticker`, which would match them). */
export function addDataVersionRoutes(router: Router, oq: OpenQuant, tags: string[]): void {
  defineRoute(
    router,
    {
      method: "post",
      path: "/data/snapshots",
      summary: "Freeze the current bars of some tickers (default all) under a name",
      description: "A watermark per ticker, no copy of bars. Read it back with GET /data/{ticker}?asOf=<name> or train with asOf=<name>. A taken name is a 409.",
      tags,
      body: snapshotBody,
      responses: { 201: { description: "The snapshot", schema: snapshotInfoSchema } },
      errors: [404, 409],
    },
    async ({ body }, _req, res) => {
      res.status(201).json(await oq.snapshot(body.name, body.tickers, body.description));
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/data/snapshots",
      summary: "Snapshots, newest first",
      tags,
      responses: { 200: { description: "Every snapshot with its tickers", schema: z.array(snapshotInfoSchema) } },
    },
    async (_input, _req, res) => {
      res.json(await oq.snapshots());
    },
  );

  defineRoute(
    router,
    {
      method: "delete",
      path: "/data/snapshots/:name",
      summary: "Delete a snapshot (bars stay; retention may later drop revisions only it needed)",
      tags,
      params: nameParam,
      responses: { 204: { description: "Deleted" } },
      errors: [404],
    },
    async ({ params }, _req, res) => {
      await oq.deleteSnapshot(params.name);
      res.status(204).end();
    },
  );

  defineRoute(
    router,
    {
      method: "post",
      path: "/data/pins",
      summary: "Record the data a training run read (client-mode processes)",
      tags,
      body: dataPinRecordSchema,
      responses: { 204: { description: "Recorded" } },
    },
    async ({ body }, _req, res) => {
      await oq.store.recordPin(body);
      res.status(204).end();
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/data/pins/:runId",
      summary: "The data pin of a run, by its local or MLflow run id",
      tags,
      params: runParam,
      responses: { 200: { description: "The pin", schema: dataPinRecordSchema } },
      errors: [404],
    },
    async ({ params }, _req, res) => {
      const pin = await oq.store.getPin(params.runId);
      if (!pin) throw new NotFound(`No data pin for run ${params.runId}.`, [{ path: "runId", message: "no pin" }]);
      res.json(pin);
    },
  );

  defineRoute(
    router,
    {
      method: "post",
      path: "/data/pins/:runId/link",
      summary: "Note the MLflow run id of a pin recorded under a local id",
      tags,
      params: runParam,
      body: z.strictObject({ mlflowRunId: z.string().regex(/^[0-9a-f]{32}$/, "an MLflow run id") }),
      responses: { 204: { description: "Linked" } },
    },
    async ({ params, body }, _req, res) => {
      await oq.store.linkPin(params.runId, body.mlflowRunId);
      res.status(204).end();
    },
  );

  defineRoute(
    router,
    {
      method: "post",
      path: "/data/retention",
      summary: "Drop bar revisions older than the retention period that no snapshot or run needs",
      description: "olderThanDays defaults to configs/data_sources.yaml retention.revision_days. force also drops revisions that snapshots and runs need: those runs can then no longer be reproduced.",
      tags,
      body: retentionOptionsSchema,
      responses: { 200: { description: "What was dropped and kept", schema: retentionReportSchema } },
    },
    async ({ body }, _req, res) => {
      res.json(await oq.applyRetention(body));
    },
  );
}
