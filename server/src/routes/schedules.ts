/** Schedules over HTTP: list, create, edit, pause, delete, run now, run history. */
import { type OpenQuant, scheduleInputSchema, schedulePatchSchema } from "@openquant/kernel-lib";
import { Router } from "express";
import { z } from "zod";
import { defineRoute } from "../http/openapi-route.js";
import { scheduleRunSchema, scheduleSchema } from "../http/openapi-schemas.js";

const idParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a schedule id") }).strict();

export function scheduleRoutes(oq: OpenQuant): Router {
  const router = Router();
  const schedules = oq.schedules;
  const tags = ["schedules"];

  defineRoute(
    router,
    { method: "get", path: "/schedules", summary: "Every schedule", tags, responses: { 200: { description: "Schedules", schema: z.array(scheduleSchema) } } },
    async (_input, _req, res) => {
      res.json(await schedules.list());
    },
  );
  defineRoute(
    router,
    {
      method: "post",
      path: "/schedules",
      summary: "Create a schedule",
      tags,
      body: scheduleInputSchema,
      responses: { 201: { description: "The schedule", schema: "Schedule" } },
      errors: [409],
    },
    async (_input, req, res) => {
      // the scheduler validates again (cron, time zone, the kind's params) with its own messages
      res.status(201).json(await schedules.create(req.body));
    },
  );
  defineRoute(
    router,
    { method: "get", path: "/schedules/:id", summary: "One schedule", tags, params: idParam, responses: { 200: { description: "The schedule", schema: "Schedule" } }, errors: [404] },
    async ({ params }, _req, res) => {
      res.json(await schedules.get(params.id));
    },
  );
  defineRoute(
    router,
    {
      method: "put",
      path: "/schedules/:id",
      summary: "Change a schedule (pause with enabled: false)",
      tags,
      params: idParam,
      body: schedulePatchSchema,
      responses: { 200: { description: "The schedule", schema: "Schedule" } },
      errors: [404],
    },
    async ({ params }, req, res) => {
      res.json(await schedules.update(params.id, req.body));
    },
  );
  defineRoute(
    router,
    { method: "delete", path: "/schedules/:id", summary: "Delete a schedule", tags, params: idParam, responses: { 204: { description: "Deleted" } }, errors: [404] },
    async ({ params }, _req, res) => {
      await schedules.remove(params.id);
      res.status(204).end();
    },
  );
  defineRoute(
    router,
    {
      method: "post",
      path: "/schedules/:id/run",
      summary: "Run a schedule now",
      description:
        "By default the answer is the finished run. With `wait=false` it is 202 as soon as the run has started (status `running`, or " +
        "`skipped` when the previous run is still going), with the run's address in `Location`: follow it there, as the panel does, " +
        "rather than hold a request open for a long retraining.",
      tags,
      params: idParam,
      query: z.object({ wait: z.enum(["true", "false"]).default("true").describe("Answer once the run has finished (true) or started (false)") }).strict(),
      responses: {
        200: { description: "The finished run", schema: "ScheduleRun" },
        202: { description: "The run has started; follow it at `Location`", schema: "ScheduleRun" },
      },
      errors: [404],
    },
    async ({ params, query }, _req, res) => {
      const wait = query.wait === "true";
      const run = await schedules.runNow(params.id, { wait });
      if (wait) {
        res.json(run);
        return;
      }
      res.status(202).location(`/schedules/${params.id}/runs/${run.id}`).json(run);
    },
  );
  defineRoute(
    router,
    {
      method: "get",
      path: "/schedules/:id/runs/:runId",
      summary: "One run of a schedule",
      tags,
      params: idParam.extend({ runId: z.uuid("a run id") }).strict(),
      responses: { 200: { description: "The run", schema: "ScheduleRun" } },
      errors: [404],
    },
    async ({ params }, _req, res) => {
      res.json(await schedules.getRun(params.id, params.runId));
    },
  );
  defineRoute(
    router,
    {
      method: "get",
      path: "/schedules/:id/runs",
      summary: "A schedule's runs, newest first",
      tags,
      params: idParam,
      query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }).strict(),
      responses: { 200: { description: "Runs", schema: z.array(scheduleRunSchema) } },
      errors: [404],
    },
    async ({ params, query }, _req, res) => {
      res.json(await schedules.runs(params.id, query.limit));
    },
  );
  return router;
}
