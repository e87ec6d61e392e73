/**
 * Notebooks over HTTP: the runnable notebooks with their parameters, a run as a `notebook` job,
 * the run history, and a run's executed notebook or its HTML rendering.
 */
import {
  NOTEBOOK_RUN_STATUSES,
  type NotebookRunner,
  notebookRunHandoverSchema,
  notebookRunRequestSchema,
  notebookRunSchema,
  InvalidInput,
  type OpenQuant,
  Unavailable,
} from "@openquant/kernel-lib";
import express, { Router } from "express";
import { z } from "zod";
import { defineRoute } from "../http/openapi-route.js";
import { jobRunner } from "./jobs.js";

const parameterValue = z.union([z.string(), z.number(), z.boolean()]);

/** A notebook and the parameters its cell tagged `parameters` declares. */
const notebookInfoSchema = z.object({
  path: z.string().describe("Relative to the notebooks folder"),
  parameters: z.array(z.object({ name: z.string(), type: z.enum(["string", "number", "boolean"]), default: parameterValue })),
  problem: z.string().optional().describe("Why its parameters cell cannot be read"),
});

/** The policy of a run's HTML rendering: inline scripts, styles and data: images only, in a sandbox. */
const HTML_OUTPUT_CSP = "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** A notebook's outputs can hold a chart library (plotly.js is ~5 MB), and its HTML again: well under this. */
const HANDOVER_LIMIT = "64mb";

const runIdParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, "a run id") }).strict();

const runsQuery = z
  .object({
    notebook: z.string().max(500).optional(),
    status: z.enum(NOTEBOOK_RUN_STATUSES).optional(),
    scheduleId: z.string().max(64).optional(),
    jobId: z.string().max(80).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(50),
  })
  .strict();

/** The sidecar's notebook runner (it exists only in the process that owns the DuckDB file). */
function runner(oq: OpenQuant): NotebookRunner {
  if (!oq.notebookRunner) throw new Unavailable("Notebooks run in the sidecar that owns the DuckDB file; this process reaches it in client mode.");
  return oq.notebookRunner;
}

export function notebookRoutes(oq: OpenQuant): Router {
  const router = Router();
  const tags = ["notebooks"];

  defineRoute(
    router,
    {
      method: "get",
      path: "/notebooks",
      summary: "The notebooks in notebooks/ with the parameters each declares",
      tags,
      responses: { 200: { description: "Notebooks, by path", schema: z.object({ notebooks: z.array(notebookInfoSchema) }) } },
      errors: [404, 503],
    },
    async (_input, _req, res) => {
      res.json({ notebooks: runner(oq).notebooks() });
    },
  );

  defineRoute(
    router,
    {
      method: "post",
      path: "/notebooks/run",
      summary: "Run a notebook with parameters, as a job",
      description:
        "The path must lie inside notebooks/ and each parameter must be declared in the notebook's cell tagged `parameters` " +
        "with a literal of the same type; both are checked before the job is queued. The run's record (GET /notebooks/runs?jobId=) " +
        "holds its status, output paths and, on failure, the failing cell.",
      tags,
      body: notebookRunRequestSchema,
      responses: { 202: { description: "The job was queued; follow it at `location`", schema: "JobAccepted" } },
      errors: [404, 503],
    },
    async ({ body }, _req, res) => {
      // refused here (400/404) rather than as a failed job: no kernel starts for a bad request
      runner(oq).prepare(body.notebook, body.parameters);
      const job = await jobRunner(oq).submit("notebook", body, { trigger: "api" });
      const { result: _result, log: _log, ...summary } = job;
      res.status(202).location(`/jobs/${job.id}`).json({ jobId: job.id, location: `/jobs/${job.id}`, job: summary });
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/notebooks/runs",
      summary: "Notebook runs, newest first",
      tags,
      query: runsQuery,
      responses: { 200: { description: "Runs", schema: z.object({ runs: z.array(notebookRunSchema) }) } },
      errors: [503],
    },
    async ({ query }, _req, res) => {
      res.json({ runs: await runner(oq).runs(query) });
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/notebooks/runs/:id",
      summary: "One notebook run",
      tags,
      params: runIdParam,
      responses: { 200: { description: "The run", schema: notebookRunSchema } },
      errors: [404, 503],
    },
    async ({ params }, _req, res) => {
      res.json(await runner(oq).getRun(params.id));
    },
  );

  // `openquant worker`s run notebook jobs on their own machines and hand each finished run over here
  defineRoute(
    router,
    {
      method: "put",
      path: "/notebooks/runs/:id",
      summary: "Keep a finished run executed by a worker, with its executed notebook and HTML",
      description:
        "Workers call this when a notebook job they ran ends: the files are written under this sidecar's outputs/ and the run joins its " +
        "history, so GET /notebooks/runs and the panels show it as an in-process run. Sending the same run again replaces its files.",
      tags,
      params: runIdParam,
      body: notebookRunHandoverSchema,
      before: [express.json({ limit: HANDOVER_LIMIT })],
      responses: { 200: { description: "The run as kept here (paths under this sidecar's outputs/)", schema: notebookRunSchema } },
      errors: [404, 503],
    },
    async ({ params, body }, _req, res) => {
      if (body.run.id !== params.id) {
        throw new InvalidInput(`The path names run '${params.id}' but the body holds run '${body.run.id}'.`, [{ path: "run.id", message: "the id in the path" }]);
      }
      res.json(await runner(oq).importRun(body));
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/notebooks/runs/:id/output",
      summary: "A run's executed notebook (ipynb) or its HTML rendering (html)",
      tags,
      params: runIdParam,
      query: z.object({ format: z.enum(["html", "ipynb"]).default("html") }).strict(),
      responses: {
        200: { description: "The HTML page, or the notebook's JSON with format=ipynb", schema: z.string(), contentType: "text/html", alternatives: ["application/x-ipynb+json"] },
      },
      errors: [404, 503],
    },
    async ({ params, query }, _req, res) => {
      const output = await runner(oq).output(params.id, query.format);
      res.type(output.contentType);
      // a notebook's HTML carries its own inline scripts (charts): let them run, but sandboxed
      // in an opaque origin with nothing to fetch, so they cannot call the API as the user
      if (query.format === "html") res.setHeader("Content-Security-Policy", HTML_OUTPUT_CSP);
      if (query.format === "ipynb") res.attachment(output.path.split("/").pop() as string);
      res.sendFile(output.path);
    },
  );

  return router;
}
