/** Universes over HTTP: list, read (a version, or as of a time), define, delete, point-in-time members; ticker attributes. */
import {
  dateInput,
  membershipSchema,
  type OpenQuant,
  tickerAttributesSchema,
  tickerSchema,
  universeDefinitionSchema,
  universeNameSchema,
} from "@openquant/kernel-lib";
import express, { Router } from "express";
import { z } from "zod";
import { defineRoute } from "../http/openapi-route.js";

const nameParam = z.strictObject({ name: universeNameSchema });

/** A version query: ?version=3, or ?asOf=<time> for the version current then. */
const versionQuery = z
  .strictObject({
    version: z.coerce.number().int().min(1).max(1_000_000).optional(),
    asOf: dateInput.optional(),
  })
  .refine((q) => q.version === undefined || q.asOf === undefined, { message: "give version or asOf, not both", path: ["version"] });

const universeInfoSchema = z.looseObject({
  name: z.string(),
  description: z.string().nullable(),
  kind: z.enum(["list", "csv", "rule"]),
  version: z.number().int(),
  definition: z.looseObject({ kind: z.string() }),
  source: z.string(),
  tickers: z.number().int(),
  spells: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Routes of /universes and of ticker attributes. */
export function universeRoutes(oq: OpenQuant): Router {
  const router = Router();
  const tags = ["universes"];

  defineRoute(
    router,
    {
      method: "get",
      path: "/universes",
      summary: "Every universe (its current version), by name",
      tags,
      responses: { 200: { description: "Universes without their memberships", schema: z.array(universeInfoSchema) } },
    },
    async (_input, _req, res) => {
      res.json(await oq.universes.list());
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/universes/:name",
      summary: "A universe with its memberships: the current version, ?version=N, or ?asOf=<time> for the version current then",
      tags,
      params: nameParam,
      query: versionQuery,
      responses: {
        200: { description: "The universe version and its membership spells (from/to inclusive days; to null = still a member)", schema: universeInfoSchema.extend({ memberships: z.array(membershipSchema) }) },
      },
      errors: [404],
    },
    async ({ params, query }, _req, res) => {
      res.json(await oq.universes.get(params.name, query));
    },
  );

  defineRoute(
    router,
    {
      method: "put",
      path: "/universes/:name",
      summary: "Define or redefine a universe (list, csv or rule); a change makes a new version, the same definition again changes nothing",
      description:
        "Body: { kind: 'list', tickers: [ticker | { ticker, from?, to? }] }, { kind: 'csv', csv: '<ticker,from,to text>' } or { kind: 'rule', top, by, window, rebalance, minPrice, candidates, start, end }. A rule is evaluated on the stored bars at each rebalance date, reading only bars up to that date.",
      tags,
      params: nameParam,
      query: z.strictObject({ source: z.enum(["api", "cli", "notebook", "yaml", "worker", "import", "sample"]).default("api") }),
      body: universeDefinitionSchema,
      // a membership CSV may be large
      before: [express.json({ limit: "16mb" })],
      responses: { 200: { description: "The version now current", schema: universeInfoSchema } },
      errors: [404],
    },
    async ({ params, query, body }, _req, res) => {
      res.json(await oq.store.defineUniverse(params.name, body, { source: query.source }));
    },
  );

  defineRoute(
    router,
    {
      method: "delete",
      path: "/universes/:name",
      summary: "Delete a universe's name (its versions stay readable with ?version= for runs that pinned them)",
      tags,
      params: nameParam,
      responses: { 204: { description: "Deleted" } },
      errors: [404],
    },
    async ({ params }, _req, res) => {
      await oq.universes.delete(params.name);
      res.status(204).end();
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/universes/:name/members",
      summary: "The tickers that are members on a date (point in time)",
      tags,
      params: nameParam,
      query: z
        .strictObject({ date: dateInput, version: z.coerce.number().int().min(1).max(1_000_000).optional(), asOf: dateInput.optional() })
        .refine((q) => q.version === undefined || q.asOf === undefined, { message: "give version or asOf, not both", path: ["version"] }),
      responses: {
        200: { description: "Members on that date, sorted", schema: z.object({ universe: z.string(), date: z.string(), tickers: z.array(z.string()) }) },
      },
      errors: [404],
    },
    async ({ params, query }, _req, res) => {
      const tickers = await oq.universes.members(params.name, query.date, { version: query.version, asOf: query.asOf });
      res.json({ universe: params.name, date: new Date(query.date).toISOString().slice(0, 10), tickers });
    },
  );

  defineRoute(
    router,
    {
      method: "put",
      path: "/data/attributes",
      summary: "Set ticker attributes (sector, industry, name, exchange, currency); a field left out keeps its value, null clears it",
      tags: ["data"],
      body: z.strictObject({ rows: z.array(tickerAttributesSchema).min(1).max(100_000) }),
      before: [express.json({ limit: "16mb" })],
      responses: { 200: { description: "How many rows were written", schema: z.object({ written: z.number().int() }) } },
    },
    async ({ body }, _req, res) => {
      res.json(await oq.setTickerAttributes(body.rows));
    },
  );

  defineRoute(
    router,
    {
      method: "post",
      path: "/data/attributes/query",
      summary: "Attributes of some tickers (all that have any when tickers is left out)",
      tags: ["data"],
      body: z.strictObject({ tickers: z.array(tickerSchema).max(100_000).optional() }),
      responses: { 200: { description: "One row per ticker that has attributes", schema: z.array(tickerAttributesSchema) } },
    },
    async ({ body }, _req, res) => {
      res.json(await oq.tickerAttributes(body.tickers));
    },
  );

  return router;
}
