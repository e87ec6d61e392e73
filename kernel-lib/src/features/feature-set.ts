/**
 * Feature sets: lists of `{ name, params }` from configs/features.yaml or a request, resolved
 * against the registry (params validated, defaults applied) and given a stable hash.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { featureRefSchema } from "../config/schema.js";
import { InvalidInput, NotFound } from "../errors.js";
import { validate } from "../util/validate.js";
import type { IndicatorDef, IndicatorParams } from "./indicators/types.js";
import type { FeatureRegistry } from "./registry.js";

/** A feature set as given: a set name from configs/features.yaml, or a list of `{ name, params? }`. */
export const featureSetInputSchema = z.union([z.string().min(1), z.array(featureRefSchema).min(1, "at least one feature")]);
/** A feature set: a set name from configs/features.yaml ("default") or a list of `{ name, params? }`. */
export type FeatureSetInput = z.input<typeof featureSetInputSchema>;

/** One resolved feature: its definition, validated params and output columns. */
export interface ResolvedFeature {
  name: string;
  params: IndicatorParams;
  def: IndicatorDef;
  outputs: string[];
  lookback: number;
}

/** A resolved feature set with its stable hash. */
export interface ResolvedFeatureSet {
  features: ResolvedFeature[];
  /** Every output column, in order. */
  columns: string[];
  /** max(lookback) over the set. */
  lookback: number;
  /** sha256 (16 hex) of the canonical definition: names, params with defaults, custom code hashes. */
  hash: string;
  /** The canonical definition that was hashed (logged with training runs). */
  definition: Array<{ name: string; params: IndicatorParams }>;
}

/** JSON with object keys sorted, so equal definitions hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Resolves a feature set: a named set from `sets` or an explicit list. Duplicate output columns are refused. */
export function resolveFeatureSet(
  input: FeatureSetInput,
  registry: FeatureRegistry,
  sets: Record<string, Array<{ name: string; params?: Record<string, unknown> }>>,
): ResolvedFeatureSet {
  const given = validate(featureSetInputSchema, input, "feature set");
  let list: Array<{ name: string; params?: Record<string, unknown> }>;
  if (typeof given === "string") {
    const named = sets[given];
    if (!named) {
      throw new NotFound(`No feature set '${given}' in configs/features.yaml. Known sets: ${Object.keys(sets).join(", ") || "(none)"}.`, [
        { path: "featureSet", message: "unknown set" },
      ]);
    }
    list = named;
  } else {
    list = given;
  }
  const features = list.map((f) => {
    const def = registry.get(f.name);
    const params = registry.parseParams(f.name, f.params);
    return { name: f.name, params, def, outputs: def.outputs(params), lookback: def.lookback(params) };
  });
  const columns = features.flatMap((f) => f.outputs);
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new InvalidInput(`The feature set computes column '${c}' twice: remove the duplicate feature.`);
    seen.add(c);
  }
  const definition = features.map((f) => ({ name: f.name, params: f.params }));
  const hash = createHash("sha256")
    .update(canonical(definition.map((d) => ({ ...d, code: registry.codeHash(d.name) }))))
    .digest("hex")
    .slice(0, 16);
  return { features, columns, lookback: Math.max(0, ...features.map((f) => f.lookback)), hash, definition };
}
