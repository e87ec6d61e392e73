/**
 * The feature registry: every indicator by name — the built-ins and those users register from a
 * notebook — with its parameter schema, description, outputs and lookback. Names are unique; an
 * unknown name is an error that lists the close matches.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { Conflict, InvalidInput, NotFound } from "../errors.js";
import { closeMatches } from "../util/suggest.js";
import { validate } from "../util/validate.js";
import { builtinIndicators } from "./indicators/index.js";
import type { IndicatorDef, IndicatorInput, IndicatorParams } from "./indicators/types.js";

/** A registry entry: the indicator and where it came from. */
interface Entry {
  def: IndicatorDef;
  builtin: boolean;
  /** Hash of a custom feature's code, so a changed definition invalidates cached values. */
  codeHash: string;
}

/** What `listFeatures()` tells about each feature (JSON-friendly). */
export interface FeatureInfo {
  name: string;
  description: string;
  builtin: boolean;
  /** JSON Schema of the parameters (with defaults). */
  params: unknown;
  defaults: Record<string, unknown>;
  /** Output columns with the default parameters. */
  outputs: string[];
  /** Bars of history needed before the first value, with the default parameters. */
  lookback: number;
}

/** A feature a user defines in a notebook. */
export interface CustomFeature<P extends IndicatorParams = IndicatorParams> {
  /** snake_case name, unique in the registry. */
  name: string;
  description?: string;
  /** Zod object of the parameters, with defaults; default: no parameters. */
  params?: z.ZodType<P>;
  /** Bars of history before the first valid value: a number or a function of the params. */
  lookback: number | ((params: P) => number);
  /** Output column names; default: the feature's name. */
  outputs?: string[] | ((params: P) => string[]);
  /** The computation over the frame's columns: one array (or several, one per output) as long as the input. */
  compute: (input: IndicatorInput, params: P) => Float64Array | number[] | Array<Float64Array | number[]>;
}

const NAME = /^[a-z][a-z0-9_]{0,63}$/;

function wrapCustom(feature: CustomFeature): IndicatorDef {
  const params = feature.params ?? z.strictObject({});
  const outputs = (p: IndicatorParams) =>
    typeof feature.outputs === "function" ? feature.outputs(p) : (feature.outputs ?? [feature.name]);
  const lookback = (p: IndicatorParams) => (typeof feature.lookback === "function" ? feature.lookback(p) : feature.lookback);
  return {
    name: feature.name,
    description: feature.description ?? `Custom feature ${feature.name}.`,
    params: params as z.ZodType<IndicatorParams>,
    outputs,
    lookback,
    compute(input, p) {
      const n = input.close.length;
      let raw: ReturnType<CustomFeature["compute"]>;
      try {
        raw = feature.compute(input, p);
      } catch (error) {
        throw new InvalidInput(`Custom feature '${feature.name}' threw: ${(error as Error).message}`, [
          { path: feature.name, message: "the compute function threw" },
        ]);
      }
      const arrays = Array.isArray(raw) && raw.length > 0 && typeof raw[0] !== "number" ? (raw as Array<Float64Array | number[]>) : [raw as Float64Array | number[]];
      const names = outputs(p);
      if (arrays.length !== names.length) {
        throw new InvalidInput(
          `Custom feature '${feature.name}' returned ${arrays.length} arrays but declares ${names.length} outputs (${names.join(", ")}).`,
        );
      }
      return arrays.map((a, i) => {
        if (a.length !== n) {
          throw new InvalidInput(
            `Custom feature '${feature.name}' returned ${a.length} values for output '${names[i]}' but the frame has ${n} bars: return one value per bar (NaN during warm-up).`,
          );
        }
        return a instanceof Float64Array ? a : Float64Array.from(a, (v) => (typeof v === "number" ? v : Number.NaN));
      });
    },
  };
}

/** The set of known features. */
export class FeatureRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(builtins: readonly IndicatorDef[] = builtinIndicators) {
    for (const def of builtins) this.entries.set(def.name, { def, builtin: true, codeHash: "builtin" });
  }

  /** Registers a custom feature; a taken name is refused unless `replace` is set (built-ins cannot be replaced). */
  register<P extends IndicatorParams>(feature: CustomFeature<P>, options: { replace?: boolean } = {}): void {
    if (typeof feature !== "object" || feature === null) throw new InvalidInput("registerFeature needs a feature definition object.");
    if (typeof feature.name !== "string" || !NAME.test(feature.name)) {
      throw new InvalidInput(
        `Invalid feature name '${String(feature.name)}': use snake_case letters, digits and '_', starting with a letter (at most 64).`,
        [{ path: "name", message: "snake_case" }],
      );
    }
    if (typeof feature.compute !== "function") throw new InvalidInput(`Feature '${feature.name}' needs a compute function.`);
    if (typeof feature.lookback !== "number" && typeof feature.lookback !== "function") {
      throw new InvalidInput(`Feature '${feature.name}' needs a lookback: a number of bars or a function of its params.`);
    }
    const existing = this.entries.get(feature.name);
    if (existing?.builtin) throw new Conflict(`'${feature.name}' is a built-in feature and cannot be replaced; choose another name.`);
    if (existing && !options.replace) {
      throw new Conflict(`A feature named '${feature.name}' is already registered; pass { replace: true } to replace it.`);
    }
    const codeHash = createHash("sha256")
      .update(String(feature.compute))
      .update(String(feature.lookback))
      .update(String(feature.outputs ?? ""))
      .digest("hex")
      .slice(0, 16);
    this.entries.set(feature.name, { def: wrapCustom(feature as CustomFeature), builtin: false, codeHash });
  }

  /** Removes a custom feature. */
  unregister(name: string): void {
    const entry = this.entries.get(name);
    if (!entry) throw this.unknown(name);
    if (entry.builtin) throw new Conflict(`'${name}' is a built-in feature and cannot be removed.`);
    this.entries.delete(name);
  }

  private unknown(name: string): NotFound {
    const names = [...this.entries.keys()].sort();
    const close = closeMatches(name, names);
    return new NotFound(
      `Unknown feature '${name}'.${close.length ? ` Did you mean ${close.join(", ")}?` : ""} Known features: ${names.join(", ")}.`,
      [{ path: "name", message: "unknown feature" }],
    );
  }

  /** The indicator called `name`; NotFound with close matches otherwise. */
  get(name: string): IndicatorDef {
    const entry = this.entries.get(name);
    if (!entry) throw this.unknown(name);
    return entry.def;
  }

  /** Hash of a feature's definition: "builtin" or the hash of a custom feature's code. */
  codeHash(name: string): string {
    return this.entries.get(name)?.codeHash ?? "unknown";
  }

  /** Whether a feature of this name is registered. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Validates a feature's params (defaults applied); InvalidInput names the feature and the param. */
  parseParams(name: string, params: unknown): IndicatorParams {
    return validate(this.get(name).params, params ?? {}, `params of feature '${name}'`);
  }

  /** Every feature with its schema, defaults, outputs and lookback. */
  list(): FeatureInfo[] {
    return [...this.entries.values()]
      .map(({ def, builtin }) => {
        const defaults = def.params.parse({}) as Record<string, unknown>;
        return {
          name: def.name,
          description: def.description,
          builtin,
          params: z.toJSONSchema(def.params, { io: "input", unrepresentable: "any" }),
          defaults,
          outputs: def.outputs(defaults),
          lookback: def.lookback(defaults),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
