/**
 * Response schemas shared by routes and published under `components.schemas` of the OpenAPI
 * document. They describe what the routes send (kernel-lib's types), so clients can rely on them.
 */
import { INTERVALS, JOB_STATUSES } from "@openquant/kernel-lib";
import { z } from "zod";

const isoTime = z.string().describe("ISO 8601 time, UTC");

/** `{ error: { code, message, details } }`: the body of every error response. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe("INVALID_INPUT, UNAUTHORIZED, NOT_FOUND, METHOD_NOT_ALLOWED, CONFLICT, RATE_LIMITED, UNAVAILABLE or INTERNAL"),
    message: z.string().describe("What went wrong and what to do about it"),
    details: z.array(z.object({ path: z.string(), message: z.string() })).describe("The offending fields"),
    requestId: z.string().optional(),
  }),
});

const jobProgressSchema = z.object({
  fraction: z.number().min(0).max(1),
  message: z.string().nullable(),
  counters: z.record(z.string(), z.number()),
});

/** A job as listed. */
export const jobSummarySchema = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.unknown(),
  status: z.enum(JOB_STATUSES),
  progress: jobProgressSchema,
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  trigger: z.string(),
  createdAt: isoTime,
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  cancelRequested: z.boolean(),
});

/** A job with its result and log tail. */
export const jobSchema = jobSummarySchema.extend({
  result: z.unknown().describe("The job's result once it succeeded (for ingest: the IngestResult)"),
  log: z.array(z.string()).describe("The last lines of the job's log, oldest first"),
});

/** The answer to a request that started a job. */
export const jobAcceptedSchema = z.object({
  jobId: z.string(),
  location: z.string().describe("Where to follow the job: GET it, or its /events stream"),
  job: jobSummarySchema,
});

/** GET /health */
// Without the token a caller learns up/down only: no versions, paths or timings (those fields are then absent).
export const healthReportSchema = z.object({
  status: z.enum(["up", "degraded", "down"]),
  version: z.string().optional(),
  uptimeSeconds: z.number().optional(),
  time: isoTime.optional(),
  components: z.array(
    z.object({
      name: z.string(),
      status: z.enum(["up", "degraded", "down"]),
      latencyMs: z.number().nullable().optional(),
      version: z.string().nullable().optional(),
      details: z.record(z.string(), z.unknown()).optional(),
      error: z.string().optional(),
    }),
  ),
});

/** One stored ticker. */
export const tickerInfoSchema = z.object({
  ticker: z.string(),
  interval: z.enum(INTERVALS),
  provider: z.string(),
  firstBar: isoTime.nullable(),
  lastBar: isoTime.nullable(),
  lastIngestedAt: isoTime.nullable(),
  rows: z.number().int(),
  dataVersion: z.number().int(),
});

/** A stored schedule. */
export const scheduleSchema = z.object({
  id: z.string(),
  kind: z.string(),
  cron: z.string(),
  timezone: z.string(),
  enabled: z.boolean(),
  params: z.record(z.string(), z.unknown()),
  source: z.enum(["config", "api"]),
  createdAt: isoTime,
  updatedAt: isoTime,
  nextRun: isoTime.nullable().optional(),
});

/** One run of a schedule. */
export const scheduleRunSchema = z.object({
  id: z.string(),
  scheduleId: z.string(),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  status: z.enum(["running", "ok", "failed", "skipped", "interrupted"]),
  summary: z.unknown(),
  error: z.string().nullable(),
  trigger: z.enum(["cron", "manual"]),
});

/** Schemas published by name; a ResponseSpec may name one instead of giving a schema. */
export const componentSchemas: Record<string, z.ZodType> = {
  ErrorBody: errorBodySchema,
  Job: jobSchema,
  JobSummary: jobSummarySchema,
  JobAccepted: jobAcceptedSchema,
  HealthReport: healthReportSchema,
  TickerInfo: tickerInfoSchema,
  Schedule: scheduleSchema,
  ScheduleRun: scheduleRunSchema,
};
