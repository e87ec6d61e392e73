/** Typed calls of the sidecar's feature routes. */
import { requestAPI } from "../api.js";
import { type ComputeRequest, type FeatureFrame, FeatureFrameSchema, type FeatureInfo, FeatureListSchema } from "../schemas/features.js";
import { GET } from "./get.js";

/** The feature registry: names, parameter schemas with defaults, outputs, lookback (GET /features). */
export function listFeatures(): Promise<FeatureInfo[]> {
  return requestAPI("features", GET, { schema: FeatureListSchema });
}

/** Computes a feature set for a ticker over a range (POST /features/compute). */
export function computeFeatures(request: ComputeRequest): Promise<FeatureFrame> {
  return requestAPI("features/compute", { method: "POST", body: JSON.stringify(request) }, { schema: FeatureFrameSchema });
}
