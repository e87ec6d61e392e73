/** Jobs over HTTP: list, status with result or error and log tail, a Server-Sent Events stream, cancel. */
import { JOB_STATUSES, type JobEvent, type JobRunner, type OpenQuant, Unavailable } from "@openquant/kernel-lib";
import { Router } from "express";
import { z } from "zod";
import { defineRoute } from "../http/openapi-route.js";
import { jobSummarySchema } from "../http/openapi-schemas.js";

/** How long DELETE waits for a running job to stop before answering 202. */
const CANCEL_WAIT_MS = 5_000;

/** The sidecar's job runner (it exists only in the process that owns the DuckDB file). */
export function jobRunner(oq: OpenQuant): JobRunner {
  if (!oq.jobs) throw new Unavailable("Jobs run in the sidecar that owns the DuckDB file; this process reaches it in client mode.");
  return oq.jobs;
}

/** Options of the job routes. */
export interface JobRouteOptions {
  /** Time between SSE heartbeat comments (default 15 s), which keep proxies from closing an idle stream. */
  heartbeatMs?: number;
}

const idParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, "a job id") }).strict();

/** One event of the stream as OpenAPI 3.1 tools read it: its name, and its data (JSON text). */
const jobEventSchema = z.object({
  event: z.enum(["status", "progress", "log"]),
  data: z.string().describe("JSON: the job (status), { jobId, progress } (progress) or { jobId, line } (log)"),
});

function sse(event: JobEvent): string {
  const data = event.type === "status" ? event.job : event.type === "progress" ? { jobId: event.jobId, progress: event.progress } : { jobId: event.jobId, line: event.line };
  return `event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function jobRoutes(oq: OpenQuant, options: JobRouteOptions = {}): Router {
  const router = Router();
  const tags = ["jobs"];
  const heartbeatMs = options.heartbeatMs ?? 15_000;

  defineRoute(
    router,
    {
      method: "get",
      path: "/jobs",
      summary: "Jobs, newest first",
      tags,
      query: z
        .object({
          status: z.enum(JOB_STATUSES).optional(),
          kind: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "a job kind").optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(50),
        })
        .strict(),
      responses: { 200: { description: "Jobs without their result and log", schema: z.array(jobSummarySchema) } },
      errors: [503],
    },
    async ({ query }, _req, res) => {
      res.json(await jobRunner(oq).list(query));
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/jobs/:id",
      summary: "One job: status, progress, result or error, log tail",
      tags,
      params: idParam,
      responses: { 200: { description: "The job", schema: "Job" } },
      errors: [404, 503],
    },
    async ({ params }, _req, res) => {
      res.json(await jobRunner(oq).get(params.id));
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/jobs/:id/events",
      summary: "Server-Sent Events of one job until it ends",
      description:
        "`status` events carry the whole job (the first one is its current state), `progress` events `{ jobId, progress }`, " +
        "`log` events `{ jobId, line }`. A comment line is sent as a heartbeat. The stream ends after the final status.",
      tags,
      params: idParam,
      responses: { 200: { description: "An event stream; the schema is that of one event", schema: jobEventSchema, contentType: "text/event-stream" } },
      errors: [404, 503],
    },
    async ({ params }, _req, res) => {
      const abort = new AbortController();
      // subscribes (or answers 404) before any byte of the stream is sent
      const events = await jobRunner(oq).watch(params.id, abort.signal);
      res.on("close", () => abort.abort());
      res.status(200).set({
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      });
      res.flushHeaders();
      const heartbeat = setInterval(() => res.write(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
      try {
        for await (const event of events) res.write(sse(event));
      } finally {
        clearInterval(heartbeat);
        res.end();
      }
    },
  );

  defineRoute(
    router,
    {
      method: "delete",
      path: "/jobs/:id",
      summary: "Cancel a job",
      description: `A queued job is cancelled at once; a running one is asked to stop and the answer waits up to ${CANCEL_WAIT_MS / 1000} s (200 once cancelled, else 202 while it stops).`,
      tags,
      params: idParam,
      responses: {
        200: { description: "The job, cancelled", schema: "Job" },
        202: { description: "Cancellation asked; the job is still stopping", schema: "Job" },
      },
      errors: [404, 409, 503],
    },
    async ({ params }, _req, res) => {
      const job = await jobRunner(oq).cancel(params.id, { waitMs: CANCEL_WAIT_MS });
      res.status(job.status === "running" ? 202 : 200).json(job);
    },
  );

  return router;
}
