/**
 * The Model Playground's training form as data: its values, their client-side validation, and the
 * training spec (the body of POST /models/train) they become. The sidecar validates again; its
 * error details (paths like "split.testFraction") are mapped back onto the form's fields.
 */
import * as z from "zod/mini";
import { type FieldErrors, type FieldSpec, type FormValues, readForm } from "../forms/index.js";

/** One chosen feature: an indicator name and its parameters (defaults when left out). */
export interface FeatureChoice {
  name: string;
  params?: Record<string, unknown>;
}

/** The body of POST /models/train, as far as the panel builds it. */
export interface TrainSpec {
  tickers: string[];
  start?: string;
  end?: string;
  featureSet: string | FeatureChoice[];
  horizon: number;
  task: "regression" | "classification";
  model: { type: string; params: Record<string, unknown> };
  split:
    | { method: "train_test"; testFraction: number; embargo: number }
    | { method: "walk_forward"; folds: number; mode: "expanding" | "rolling"; window?: number; embargo: number };
  runName?: string;
}

/** Everything the training form holds. */
export interface TrainFormValues {
  modelType: string;
  /** Hyperparameters as typed in the schema-generated form (read with the model type's fields). */
  params: FormValues;
  task: "regression" | "classification";
  /** A named set from configs/features.yaml, or features chosen one by one. */
  featureMode: "named" | "chosen";
  featureSetName: string;
  /** Chosen features as typed, e.g. "returns(period=1), rsi, volatility(period=20)". */
  featuresText: string;
  features: FeatureChoice[];
  /** Tickers separated by commas or spaces. */
  tickers: string;
  /** Optional YYYY-MM-DD bounds of the data used. */
  start: string;
  end: string;
  horizon: number;
  splitMethod: "train_test" | "walk_forward";
  testFraction: number;
  folds: number;
  walkMode: "expanding" | "rolling";
  /** Training window of a rolling walk-forward, in bars. */
  window: number;
  /** Bars dropped after each test block before training resumes. */
  embargo: number;
  runName: string;
}

/** A form field's name. */
export type TrainField = keyof TrainFormValues;

/** Messages per field; a field without a message is valid. */
export type TrainFieldErrors = Partial<Record<TrainField, string>>;

/** The form's starting values: a linear model on the default feature set, 20% held out. */
export const DEFAULT_TRAIN_FORM: TrainFormValues = {
  modelType: "linear",
  params: {},
  task: "regression",
  featureMode: "named",
  featureSetName: "default",
  featuresText: "",
  features: [],
  tickers: "",
  start: "",
  end: "",
  horizon: 5,
  splitMethod: "train_test",
  testFraction: 0.2,
  folds: 3,
  walkMode: "expanding",
  window: 500,
  embargo: 0,
  runName: "",
};

const TICKER = /^(?=.*[A-Za-z0-9])[A-Za-z0-9.^=_-]{1,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const whole = (message: string) => z.refine((v: number) => Number.isInteger(v), message);
const wholeBars = (min: number, message: string) => z.number().check(whole(message), z.minimum(min, message));

// One checker per field, so each message lands next to its own field.
const fieldChecks: { [K in TrainField]?: z.ZodMiniType } = {
  modelType: z.string().check(z.minLength(1, "choose a model type")),
  featureSetName: z.string().check(z.minLength(1, "name a feature set, e.g. default")),
  horizon: z.number().check(whole("a whole number of bars"), z.minimum(1, "at least 1 bar"), z.maximum(1000, "at most 1000 bars")),
  testFraction: z.number().check(z.gt(0, "between 0 and 1, e.g. 0.2"), z.lt(1, "between 0 and 1, e.g. 0.2")),
  folds: wholeBars(1, "a whole number of folds, at least 1"),
  window: wholeBars(1, "a whole number of bars, at least 1"),
  embargo: wholeBars(0, "a whole number of bars, 0 or more"),
  runName: z.string().check(z.maxLength(200, "at most 200 characters")),
};

const FEATURE = /^([a-z][a-z0-9_]*)\s*(?:\(([^()]*)\))?$/i;

/** Reads "returns(period=1), rsi" into features with numeric (or text) params; names the first bad item. */
export function parseFeatureList(text: string): { features: FeatureChoice[]; error?: string } {
  const features: FeatureChoice[] = [];
  // commas inside parentheses separate params, not features
  for (const item of text.split(/,(?![^()]*\))/).map((s) => s.trim()).filter(Boolean)) {
    const match = FEATURE.exec(item);
    if (!match) return { features, error: `'${item}' is not name or name(param=value, …)` };
    const params: Record<string, unknown> = {};
    for (const pair of (match[2] ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
      const [key, value, extra] = pair.split("=").map((s) => s.trim());
      if (!key || value === undefined || value === "" || extra !== undefined) return { features, error: `'${pair}' in ${match[1]} is not param=value` };
      params[key] = value !== "" && Number.isFinite(Number(value)) ? Number(value) : value;
    }
    features.push(Object.keys(params).length > 0 ? { name: match[1].toLowerCase(), params } : { name: match[1].toLowerCase() });
  }
  return { features };
}

/** The tickers typed in the form: split on commas and spaces, upper-cased, without duplicates. */
export function parseTickers(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,]+/)) if (part) seen.add(part.toUpperCase());
  return [...seen];
}

function checkField(field: TrainField, values: TrainFormValues, errors: TrainFieldErrors): void {
  const check = fieldChecks[field];
  if (!check) return;
  const value = values[field];
  if (typeof value === "number" && !Number.isFinite(value)) {
    errors[field] = "enter a number";
    return;
  }
  const result = z.safeParse(check, value);
  if (!result.success) errors[field] = result.error.issues[0]?.message ?? "invalid";
}

/** Checks the form; returns the messages of the fields that would be refused (empty when valid). */
export function validateTrainForm(values: TrainFormValues): TrainFieldErrors {
  const errors: TrainFieldErrors = {};
  const fields: TrainField[] = ["modelType", "horizon", "embargo", "runName"];
  fields.push(values.featureMode === "named" ? "featureSetName" : "features");
  if (values.splitMethod === "train_test") fields.push("testFraction");
  else fields.push("folds", ...(values.walkMode === "rolling" ? (["window"] as const) : []));
  for (const field of fields) checkField(field, values, errors);

  const tickers = parseTickers(values.tickers);
  if (tickers.length === 0) errors.tickers = "at least one ticker, e.g. ACME.SAMPLE";
  else {
    const bad = tickers.filter((t) => !TICKER.test(t));
    if (bad.length > 0) errors.tickers = `not a ticker: ${bad.join(", ")}`;
  }
  if (values.featureMode === "chosen") {
    const parsed = parseFeatureList(values.featuresText);
    if (parsed.error) errors.features = parsed.error;
    else if (values.features.length === 0) errors.features = "choose at least one feature, e.g. returns(period=1), rsi";
  }
  for (const key of ["start", "end"] as const) {
    const value = values[key].trim();
    if (value && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) errors[key] = "a date as YYYY-MM-DD";
  }
  if (!errors.start && !errors.end && values.start && values.end && values.start >= values.end) {
    errors.end = "must be after the start";
  }
  return errors;
}

/** The outcome of checking the whole form: the spec to send, or the messages per field. */
export type TrainFormCheck = { ok: true; spec: TrainSpec } | { ok: false; errors: TrainFieldErrors; paramErrors: FieldErrors };

/** Checks the form and the hyperparameters (`paramFields`: the model type's fields) and builds the spec. */
export function checkTrainForm(values: TrainFormValues, paramFields: readonly FieldSpec[]): TrainFormCheck {
  const errors = validateTrainForm(values);
  const params = readForm(paramFields, values.params);
  if (!params.ok || Object.keys(errors).length > 0) return { ok: false, errors, paramErrors: params.ok ? {} : params.errors };
  return { ok: true, spec: toTrainSpec(values, params.params) };
}

/** The training spec the form describes, with the hyperparameters already read; check the form first. */
export function toTrainSpec(values: TrainFormValues, params: Record<string, unknown>): TrainSpec {
  const spec: TrainSpec = {
    tickers: parseTickers(values.tickers),
    featureSet: values.featureMode === "named" ? values.featureSetName.trim() : values.features,
    horizon: values.horizon,
    task: values.task,
    model: { type: values.modelType, params },
    split:
      values.splitMethod === "train_test"
        ? { method: "train_test", testFraction: values.testFraction, embargo: values.embargo }
        : {
            method: "walk_forward",
            folds: values.folds,
            mode: values.walkMode,
            ...(values.walkMode === "rolling" ? { window: values.window } : {}),
            embargo: values.embargo,
          },
  };
  if (values.start.trim()) spec.start = values.start.trim();
  if (values.end.trim()) spec.end = values.end.trim();
  if (values.runName.trim()) spec.runName = values.runName.trim();
  return spec;
}

// The spec's paths (as the sidecar reports them) and the form field each belongs to.
const SPEC_PATH_FIELDS: Array<[prefix: string, field: TrainField]> = [
  ["model.params", "params"],
  ["model", "modelType"],
  ["tickers", "tickers"],
  ["featureSet", "featureSetName"],
  ["horizon", "horizon"],
  ["task", "task"],
  ["start", "start"],
  ["end", "end"],
  ["split.testFraction", "testFraction"],
  ["split.folds", "folds"],
  ["split.window", "window"],
  ["split.mode", "walkMode"],
  ["split.embargo", "embargo"],
  ["split", "splitMethod"],
  ["runName", "runName"],
];

/** The form field a sidecar error path (e.g. "split.testFraction", "tickers.0") concerns, if any. */
export function fieldOfSpecPath(path: string, featureMode: TrainFormValues["featureMode"] = "named"): TrainField | undefined {
  for (const [prefix, field] of SPEC_PATH_FIELDS) {
    if (path === prefix || path.startsWith(`${prefix}.`)) {
      return field === "featureSetName" && featureMode === "chosen" ? "features" : field;
    }
  }
  return undefined;
}
