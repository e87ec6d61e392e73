/**
 * The sidecar's `GET /health` answer. Unknown extra fields are dropped rather than rejected, so a
 * newer sidecar still works with this panel.
 */
import * as z from "zod/mini";

/** up: working; degraded: working without an optional part; down: not working. */
export const ComponentStatusSchema = z.enum(["up", "degraded", "down"]);

/** One component's measured health (duckdb, cache, mlflow, scheduler, jobs…). */
export const ComponentHealthSchema = z.object({
  name: z.string(),
  status: ComponentStatusSchema,
  latencyMs: z.nullable(z.number()),
  version: z.nullable(z.string()),
  details: z.optional(z.record(z.string(), z.unknown())),
  error: z.optional(z.string()),
});

/** The whole platform's health. */
export const HealthSchema = z.object({
  status: ComponentStatusSchema,
  version: z.string(),
  uptimeSeconds: z.number(),
  time: z.string(),
  components: z.array(ComponentHealthSchema),
});

/** up | degraded | down. */
export type ComponentStatus = z.infer<typeof ComponentStatusSchema>;
/** One row of the health table. */
export type ComponentHealth = z.infer<typeof ComponentHealthSchema>;
/** The `GET /health` body. */
export type Health = z.infer<typeof HealthSchema>;
