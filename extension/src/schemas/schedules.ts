/**
 * The sidecar's schedule answers (GET /schedules, /schedules/{id}/runs) and the bodies the panel
 * sends. Unknown extra fields are dropped, so a newer sidecar still works with this panel.
 */
import * as z from "zod/mini";

/** Kinds of scheduled work the panel can create. */
export const SCHEDULE_KINDS = ["ingest", "train", "notebook"] as const;

/** A stored schedule. `kind` stays a string: the sidecar may know kinds this panel does not create. */
export const ScheduleSchema = z.object({
  id: z.string(),
  kind: z.string(),
  cron: z.string(),
  timezone: z.string(),
  enabled: z.boolean(),
  params: z.record(z.string(), z.unknown()),
  source: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextRun: z.optional(z.nullable(z.string())),
});

/** GET /schedules */
export const SchedulesSchema = z.array(ScheduleSchema);

/** How a schedule's run ended (running while it goes). */
export const ScheduleRunStatusSchema = z.enum(["running", "ok", "failed", "skipped", "interrupted"]);

/** One run of a schedule. */
export const ScheduleRunSchema = z.object({
  id: z.string(),
  scheduleId: z.string(),
  startedAt: z.string(),
  finishedAt: z.nullable(z.string()),
  status: ScheduleRunStatusSchema,
  summary: z.unknown(),
  error: z.nullable(z.string()),
  trigger: z.string(),
});

/** GET /schedules/{id}/runs */
export const ScheduleRunsSchema = z.array(ScheduleRunSchema);

/** One of ingest, train, notebook. */
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];
/** A stored schedule with its next fire time. */
export type Schedule = z.infer<typeof ScheduleSchema>;
/** One run of a schedule. */
export type ScheduleRun = z.infer<typeof ScheduleRunSchema>;
/** running | ok | failed | skipped | interrupted. */
export type ScheduleRunStatus = z.infer<typeof ScheduleRunStatusSchema>;

/** The body of POST /schedules. */
export interface ScheduleInput {
  id?: string;
  kind: ScheduleKind;
  cron: string;
  timezone: string;
  enabled: boolean;
  params: Record<string, unknown>;
}

/** The body of PUT /schedules/{id}: what changes. */
export type SchedulePatch = Partial<Omit<ScheduleInput, "id">>;
