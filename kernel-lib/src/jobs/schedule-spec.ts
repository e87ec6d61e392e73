/** The schema of a schedule: what runs (kind + params), when (cron + time zone), and whether it is enabled. */
import { Cron } from "croner";
import { z } from "zod";
import { InvalidInput } from "../errors.js";

/** Kinds of scheduled work. */
export const SCHEDULE_KINDS = ["ingest", "features", "train", "notebook"] as const;
/** One of SCHEDULE_KINDS. */
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** True when `tz` is an IANA time zone this runtime knows (e.g. America/New_York). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The cron expression's problem, or undefined when croner accepts it. */
export function cronProblem(expression: string, timezone = "UTC"): string | undefined {
  try {
    new Cron(expression, { timezone, paused: true }).stop();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const scheduleShape = {
  kind: z.enum(SCHEDULE_KINDS),
  cron: z.string().min(1).max(120),
  timezone: z.string().default("UTC"),
  enabled: z.boolean().default(true),
  params: z.record(z.string(), z.unknown()).default({}),
};

/** A new schedule as given by a user (id optional: generated from kind when missing). */
export const scheduleInputSchema = z
  .object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, '_' or '-', at most 64").optional(), ...scheduleShape })
  .strict();

/** A change to a schedule: any of its fields but the id (no defaults: what is not given stays). */
export const schedulePatchSchema = z
  .object({
    kind: z.enum(SCHEDULE_KINDS),
    cron: z.string().min(1).max(120),
    timezone: z.string(),
    enabled: z.boolean(),
    params: z.record(z.string(), z.unknown()),
  })
  .partial()
  .strict();

/** A new schedule as a user gives it (before defaults). */
export type ScheduleInput = z.input<typeof scheduleInputSchema>;
/** Changes to a schedule; fields left out keep their value. */
export type SchedulePatch = z.input<typeof schedulePatchSchema>;

/** A stored schedule. */
export interface Schedule {
  id: string;
  kind: ScheduleKind;
  cron: string;
  timezone: string;
  enabled: boolean;
  params: Record<string, unknown>;
  /** "config" when it came from configs/data_sources.yaml, "api" when created at run time. */
  source: "config" | "api";
  createdAt: string;
  updatedAt: string;
  /** Next fire time (ISO), null when disabled. */
  nextRun?: string | null;
}

/** Throws InvalidInput when the cron expression or the time zone is not usable. */
export function checkTiming(cron: string, timezone: string): void {
  if (!isTimeZone(timezone)) {
    throw new InvalidInput(`Unknown time zone '${timezone}': use an IANA name such as America/New_York or UTC.`, [
      { path: "timezone", message: "an IANA time zone" },
    ]);
  }
  const problem = cronProblem(cron, timezone);
  if (problem) {
    throw new InvalidInput(
      `Invalid cron expression '${cron}': ${problem}. Example: '30 16 * * 1-5' (16:30 on weekdays).`,
      [{ path: "cron", message: problem }],
    );
  }
}
