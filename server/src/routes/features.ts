/** Features over HTTP: the registry, and computing a feature set for a ticker and range. */
import { featureRangeSchema, featureSetInputSchema, type OpenQuant, tickerSchema } from "@openquant/kernel-lib";
import { Router } from "express";
import { z } from "zod";
import { defineRoute } from "../http/openapi-route.js";

const featureInfoSchema = z.object({
  name: z.string(),
  description: z.string(),
  builtin: z.boolean(),
  params: z.unknown().describe("JSON Schema of the parameters"),
  defaults: z.record(z.string(), z.unknown()),
  outputs: z.array(z.string()),
  lookback: z.number(),
});

const computeBody = z
  .strictObject({
    ticker: tickerSchema,
    featureSet: featureSetInputSchema.default("default"),
  })
  .extend(featureRangeSchema.shape);

const featureFrameSchema = z.object({
  ticker: z.string(),
  interval: z.string(),
  featureSetHash: z.string(),
  dataVersion: z.number(),
  dates: z.array(z.string()),
  close: z.array(z.number().nullable()),
  columns: z.record(z.string(), z.array(z.number().nullable())),
});

const nullable = (a: Float64Array) => Array.from(a, (v) => (Number.isFinite(v) ? v : null));

export function featureRoutes(oq: OpenQuant): Router {
  const router = Router();
  const tags = ["features"];

  defineRoute(
    router,
    {
      method: "get",
      path: "/features",
      summary: "The feature registry: names, parameter schemas with defaults, descriptions, outputs, lookback",
      tags,
      responses: { 200: { description: "Every feature", schema: z.array(featureInfoSchema) } },
    },
    async (_input, _req, res) => {
      res.json(oq.listFeatures());
    },
  );

  defineRoute(
    router,
    {
      method: "post",
      path: "/features/compute",
      summary: "Compute a feature set for a ticker over a date range",
      description: "Cached by ticker, interval, feature-set hash, range and the ticker's data version. NaN (warm-up) travels as null.",
      tags,
      body: computeBody,
      responses: { 200: { description: "Feature columns aligned with the bars' dates", schema: featureFrameSchema } },
      errors: [404],
    },
    async ({ body }, _req, res) => {
      const { ticker, featureSet, ...range } = body;
      const frame = await oq.features(ticker, featureSet, range);
      res.json({
        ticker: frame.ticker,
        interval: frame.interval,
        featureSetHash: frame.featureSetHash,
        dataVersion: frame.dataVersion,
        dates: Array.from(frame.ts, (t) => new Date(t).toISOString()),
        close: nullable(frame.close),
        columns: Object.fromEntries(Object.entries(frame.columns).map(([k, v]) => [k, nullable(v)])),
      });
    },
  );
  return router;
}
