/** The sidecar's feature registry (GET /features) and computed features (POST /features/compute). */
import * as z from "zod/mini";

/** One registered feature: its parameters' JSON schema with defaults, and the columns it outputs. */
export const FeatureInfoSchema = z.object({
  name: z.string(),
  description: z.string(),
  builtin: z.boolean(),
  /** JSON Schema of the parameters (an object schema). */
  params: z.unknown(),
  defaults: z.record(z.string(), z.unknown()),
  outputs: z.array(z.string()),
  lookback: z.number(),
});

/** GET /features's answer. */
export const FeatureListSchema = z.array(FeatureInfoSchema);

/** Feature columns aligned with the bars' dates; warm-up values are null. */
export const FeatureFrameSchema = z.object({
  ticker: z.string(),
  interval: z.string(),
  featureSetHash: z.string(),
  dataVersion: z.number(),
  dates: z.array(z.string()),
  /** The (adjusted, by default) close the features were computed on. */
  close: z.array(z.nullable(z.number())),
  columns: z.record(z.string(), z.array(z.nullable(z.number()))),
});

/** A registered feature. */
export type FeatureInfo = z.infer<typeof FeatureInfoSchema>;
/** Computed feature columns. */
export type FeatureFrame = z.infer<typeof FeatureFrameSchema>;

/** One feature of a feature set, with its parameters. */
export interface FeatureRef {
  name: string;
  params?: Record<string, unknown>;
}

/** The body of POST /features/compute. */
export interface ComputeRequest {
  ticker: string;
  featureSet: string | FeatureRef[];
  /** YYYY-MM-DD or an ISO datetime. */
  start?: string;
  end?: string;
  interval?: string;
  /** Compute on split- and dividend-adjusted prices (the sidecar's default is true). */
  adjusted?: boolean;
}
