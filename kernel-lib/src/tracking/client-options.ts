/** The options of MlflowClient, validated with zod. */
import { z } from "zod";
import { validate } from "../util/validate.js";

/** MlflowClient's options as the caller writes them. */
export const mlflowClientOptionsSchema = z
  .object({
    trackingUri: z
      .string()
      .regex(/^https?:\/\/[^/\s]+/, "an http:// or https:// URL of an MLflow tracking server, e.g. http://127.0.0.1:5000"),
    timeoutMs: z.number().int().min(100).max(600_000).default(10_000),
    retries: z.number().int().min(0).max(10).default(3),
    backoffMs: z.number().int().min(0).max(60_000).default(250),
    maxBackoffMs: z.number().int().min(0).max(300_000).default(4_000),
    artifactTimeoutMs: z.number().int().min(1_000).default(600_000),
  })
  .strict();

/** How to reach MLflow: `{ trackingUri, timeoutMs?, retries? }` and finer knobs. */
export type MlflowClientOptions = z.input<typeof mlflowClientOptionsSchema>;

/** The options with defaults filled in. */
export type ResolvedClientOptions = z.output<typeof mlflowClientOptionsSchema>;

/** Validates client options (InvalidInput on a bad value) and strips the tracking URI's trailing slashes. */
export function resolveClientOptions(options: MlflowClientOptions): ResolvedClientOptions {
  const resolved = validate(mlflowClientOptionsSchema, options, "MLflow client options");
  return { ...resolved, trackingUri: resolved.trackingUri.replace(/\/+$/, "") };
}
