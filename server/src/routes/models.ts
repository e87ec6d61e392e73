/** Models over HTTP: train and cross-validate (jobs), predict, runs for comparison, the registry. */
import {
  Conflict,
  findModelType,
  modelTypes,
  NotFound,
  type OpenQuant,
  predictRequestSchema,
  registerRequestSchema,
  reproduceJobSchema,
  resolveModelParams,
  crossValidateSpecSchema,
  trainSpecSchema,
  validateRange,
} from "@openquant/kernel-lib";
import { Router } from "express";
import { z } from "zod";
import { defineRoute } from "../http/openapi-route.js";
import { jobRunner } from "./jobs.js";

const predictBody = z.strictObject({
  /** A run id, runs:/<id>/model, or models:/<name>@<alias>. */
  model: z
    .string()
    .max(300)
    .regex(/^([0-9a-f]{32}|runs:\/[0-9a-f]{32}\/.+|models:\/.+)$/, "a run id (32 hex characters), runs:/<run id>/<path> or models:/<name>@<alias>"),
  ...predictRequestSchema.shape,
});

const predictionSchema = z.object({
  ticker: z.string(),
  runId: z.string(),
  modelType: z.string(),
  task: z.string(),
  horizon: z.number(),
  dates: z.array(z.string()),
  predictions: z.array(z.number().nullable()),
});

const runSchema = z.object({
  runId: z.string(),
  runName: z.string(),
  status: z.string(),
  startTime: z.string(),
  modelType: z.string(),
  params: z.record(z.string(), z.string()),
  metrics: z.record(z.string(), z.number()),
});

const modelTypeSchema = z.object({ name: z.string(), description: z.string(), tasks: z.array(z.string()), params: z.unknown(), defaults: z.record(z.string(), z.unknown()) });

/** Throws NotFound naming the tickers that have no stored bars at `interval`. */
async function requireStored(oq: OpenQuant, tickers: string[], interval: string): Promise<void> {
  const stored = new Set((await oq.tickers()).filter((t) => t.interval === interval && t.rows > 0).map((t) => t.ticker));
  const missing = tickers.filter((t) => !stored.has(t));
  if (missing.length > 0) {
    throw new NotFound(`No ${interval} bars stored for ${missing.join(", ")}: ingest ${missing.length > 1 ? "them" : "it"} first (POST /data/ingest).`, [
      { path: "tickers", message: `not stored: ${missing.join(", ")}` },
    ]);
  }
}

export function modelRoutes(oq: OpenQuant): Router {
  const router = Router();
  const tags = ["models"];
  const accepted = { 202: { description: "The job was queued; follow it at `location`", schema: "JobAccepted" } };

  for (const [path, kind, summary, schema] of [
    ["/models/train", "train", "Start a training job; its result holds the MLflow run id and metrics", trainSpecSchema],
    ["/models/cross-validate", "cross-validate", "Start a cross-validation job (walk-forward by default)", crossValidateSpecSchema],
  ] as const) {
    defineRoute(router, { method: "post", path, summary, tags, body: schema, responses: accepted, errors: [404, 503] }, async ({ body }, req, res) => {
      // refuse what the job would refuse (type, hyperparameters, range, features, tickers) now, not minutes later
      resolveModelParams(findModelType(body.model.type), body, oq.settings);
      validateRange(body.start, body.end);
      oq.featureEngine.resolve(body.featureSet);
      await requireStored(oq, body.tickers, body.interval);
      const job = await jobRunner(oq).submit(kind, req.body, { trigger: "api" });
      const { result: _result, log: _log, ...summary } = job;
      res.status(202).location(`/jobs/${job.id}`).json({ jobId: job.id, location: `/jobs/${job.id}`, job: summary });
    });
  }

  defineRoute(
    router,
    {
      method: "post",
      path: "/models/reproduce",
      summary: "Start a reproduce job: retrain a run from its pinned data and spec and compare it with the original",
      description:
        "Answers 202 at once; the job's result holds the new run id and, per metric, original, reproduced, absolute difference and match, plus the predictions' comparison. Unknown run ids are a 404; runs without a data pin (trained before pins existed) a 409.",
      tags,
      body: reproduceJobSchema,
      responses: accepted,
      errors: [404, 409, 503],
    },
    async ({ body }, req, res) => {
      // refuse now what the job would refuse: an unknown run, or one without a data pin
      const run = await oq.tracker.client.getRun(body.runId).catch((error) => {
        if (error instanceof NotFound) throw new NotFound(`No MLflow run with id ${body.runId}.`, [{ path: "runId", message: "unknown run" }]);
        throw error;
      });
      if (run.data.tags["openquant.data_pin.as_of_ms"] === undefined && !(await oq.store.getPin(body.runId))) {
        throw new Conflict(`Run ${body.runId} cannot be reproduced: it records no data pin (it was trained before runs were pinned to their data), so which bars it used is unknown.`, [
          { path: "runId", message: "no data pin" },
        ]);
      }
      const job = await jobRunner(oq).submit("reproduce", req.body, { trigger: "api" });
      const { result: _result, log: _log, ...summary } = job;
      res.status(202).location(`/jobs/${job.id}`).json({ jobId: job.id, location: `/jobs/${job.id}`, job: summary });
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/models/types",
      summary: "Model types with their hyperparameter schemas and defaults",
      tags,
      responses: { 200: { description: "Every model type", schema: z.array(modelTypeSchema) } },
    },
    async (_input, _req, res) => {
      res.json(
        modelTypes.map((t) => ({
          name: t.name,
          description: t.description,
          tasks: t.tasks,
          params: z.toJSONSchema(t.params, { io: "input", unrepresentable: "any" }),
          defaults: { ...(t.params.parse({}) as object), ...(oq.settings.models.defaults[t.name] ?? {}) },
        })),
      );
    },
  );

  defineRoute(
    router,
    {
      method: "post",
      path: "/models/predict",
      summary: "Predict with a model (run id or models:/name@alias) for a ticker and range",
      tags,
      body: predictBody,
      responses: { 200: { description: "Dates with predictions", schema: predictionSchema } },
      errors: [404, 503],
    },
    async ({ body }, _req, res) => {
      const { model, ...request } = body;
      const r = await oq.predict(model, request);
      res.json({ ...r, ts: undefined, predictions: Array.from(r.predictions, (v) => (Number.isFinite(v) ? v : null)) });
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/models/runs",
      summary: "Runs of an experiment with params and metrics, newest first",
      tags,
      query: z.strictObject({ experiment: z.string().min(1).max(200).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
      responses: { 200: { description: "Runs", schema: z.array(runSchema) } },
      errors: [404, 503],
    },
    async ({ query }, _req, res) => {
      res.json(await oq.compareRuns(query.experiment, query.limit));
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/models/registered",
      summary: "Registered models with their versions and aliases",
      tags,
      responses: { 200: { description: "Registered models", schema: z.array(z.record(z.string(), z.unknown())) } },
      errors: [503],
    },
    async (_input, _req, res) => {
      res.json(await oq.tracker.client.searchRegisteredModels());
    },
  );

  defineRoute(
    router,
    {
      method: "post",
      path: "/models/register",
      summary: "Register a run's model under a name and set an alias on the new version",
      tags,
      body: registerRequestSchema,
      responses: { 201: { description: "The new version", schema: z.object({ name: z.string(), version: z.string(), alias: z.string().optional() }) } },
      errors: [404, 503],
    },
    async ({ body }, _req, res) => {
      res.status(201).json(await oq.registerModel(body.runId, body.name, body.alias));
    },
  );
  return router;
}
