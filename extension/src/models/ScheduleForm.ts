/**
 * The schedule form as data: values for the ingest, train and notebook kinds, their client-side
 * checks (the cron's shape; its meaning is the sidecar's to judge), the body they become, and the
 * mapping of the sidecar's error paths ("cron", "params.tickers"…) back onto the fields.
 */
import type { Schedule, ScheduleInput, ScheduleKind } from "../schemas/schedules.js";
import { parseTickers } from "./ModelTrainSpec.js";

/** Everything the schedule form holds; each kind reads its own fields. */
export interface ScheduleFormValues {
  /** Optional id of a new schedule (letters, digits, '_' or '-'); fixed once created. */
  id: string;
  kind: ScheduleKind;
  cron: string;
  timezone: string;
  enabled: boolean;
  /** ingest and train: tickers separated by commas or spaces. */
  tickers: string;
  /** ingest: the data provider. */
  provider: string;
  /** train: model type, named feature set, horizon, and where to register the model (optional). */
  modelType: string;
  featureSet: string;
  horizon: string;
  registerName: string;
  registerAlias: string;
  /** notebook: path relative to notebooks/, its parameters as typed, and a timeout in seconds. */
  notebook: string;
  parameters: Record<string, string | boolean>;
  timeoutSeconds: string;
}

/** A form field's name. */
export type ScheduleField = Exclude<keyof ScheduleFormValues, "parameters"> | `parameters.${string}`;

/** Messages per field. */
export type ScheduleFieldErrors = Partial<Record<ScheduleField, string>>;

/** A new schedule's starting values: a nightly ingestion at 22:00 UTC on weekdays. */
export const DEFAULT_SCHEDULE_FORM: ScheduleFormValues = {
  id: "",
  kind: "ingest",
  cron: "0 22 * * 1-5",
  timezone: "UTC",
  enabled: true,
  tickers: "",
  provider: "sample",
  modelType: "linear",
  featureSet: "default",
  horizon: "5",
  registerName: "",
  registerAlias: "",
  notebook: "",
  parameters: {},
  timeoutSeconds: "",
};

const NICKNAMES = /^@(yearly|annually|monthly|weekly|daily|hourly)$/i;
const CRON_FIELD = /^[0-9A-Za-z*?,/#LW-]+$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ALIAS = /^[A-Za-z][\w-]{0,63}$/;

/** What is wrong with a cron expression's shape (5 or 6 fields, or @daily…), or undefined. */
export function cronShapeProblem(cron: string): string | undefined {
  const text = cron.trim();
  if (!text) return "a cron expression, e.g. 0 22 * * 1-5 (22:00 on weekdays)";
  if (NICKNAMES.test(text)) return undefined;
  const fields = text.split(/\s+/);
  if (fields.length < 5 || fields.length > 6) {
    return `${fields.length} field${fields.length === 1 ? "" : "s"}: a cron needs 5 (minute hour day month weekday) or 6 (with seconds first)`;
  }
  const bad = fields.find((f) => !CRON_FIELD.test(f));
  return bad ? `'${bad}' is not a cron field (digits, names, * , - / ? L W #)` : undefined;
}

function positiveInteger(text: string): boolean {
  return /^\d+$/.test(text.trim()) && Number(text) > 0;
}

/** Checks the form's fields for the chosen kind; empty when it may be sent. */
export function validateScheduleForm(values: ScheduleFormValues, editing = false): ScheduleFieldErrors {
  const errors: ScheduleFieldErrors = {};
  const cron = cronShapeProblem(values.cron);
  if (cron) errors.cron = cron;
  if (!values.timezone.trim()) errors.timezone = "a time zone, e.g. UTC or America/New_York";
  if (!editing && values.id.trim() && !ID.test(values.id.trim())) errors.id = "letters, digits, '_' or '-', at most 64";
  if (values.kind === "ingest" || values.kind === "train") {
    if (parseTickers(values.tickers).length === 0) errors.tickers = "at least one ticker, e.g. ACME.SAMPLE";
  }
  if (values.kind === "ingest" && !values.provider.trim()) errors.provider = "a provider, e.g. sample";
  if (values.kind === "train") {
    if (!values.modelType.trim()) errors.modelType = "choose a model type";
    if (!values.featureSet.trim()) errors.featureSet = "a named feature set, e.g. default";
    if (!positiveInteger(values.horizon)) errors.horizon = "a whole number of bars, at least 1";
    if (values.registerAlias.trim() && !values.registerName.trim()) errors.registerName = "name the model to set an alias on it";
    if (values.registerAlias.trim() && !ALIAS.test(values.registerAlias.trim())) {
      errors.registerAlias = "letters, digits, '_' or '-', starting with a letter";
    }
  }
  if (values.kind === "notebook") {
    if (!values.notebook.trim()) errors.notebook = "choose a notebook";
    if (values.timeoutSeconds.trim() && !positiveInteger(values.timeoutSeconds)) errors.timeoutSeconds = "whole seconds, at least 1";
  }
  return errors;
}

function notebookParameters(values: ScheduleFormValues, types: Record<string, string>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, raw] of Object.entries(values.parameters)) {
    if (typeof raw === "boolean") out[name] = raw;
    else if (types[name] === "number" && raw.trim() !== "" && Number.isFinite(Number(raw))) out[name] = Number(raw);
    else if (raw.trim() !== "") out[name] = raw;
  }
  return out;
}

/** The schedule's `params` for its kind; `parameterTypes` tells notebook parameters that are numbers. */
export function scheduleParams(values: ScheduleFormValues, parameterTypes: Record<string, string> = {}): Record<string, unknown> {
  switch (values.kind) {
    case "ingest":
      return { tickers: parseTickers(values.tickers), provider: values.provider.trim() };
    case "train": {
      const name = values.registerName.trim();
      const alias = values.registerAlias.trim();
      return {
        tickers: parseTickers(values.tickers),
        model: { type: values.modelType.trim() },
        featureSet: values.featureSet.trim(),
        horizon: Number(values.horizon),
        ...(name ? { register: { name, ...(alias ? { alias } : {}) } } : {}),
      };
    }
    case "notebook":
      return {
        notebook: values.notebook.trim(),
        parameters: notebookParameters(values, parameterTypes),
        ...(values.timeoutSeconds.trim() ? { timeoutSeconds: Number(values.timeoutSeconds) } : {}),
      };
  }
}

/** The body of POST /schedules. */
export function toScheduleInput(values: ScheduleFormValues, parameterTypes: Record<string, string> = {}): ScheduleInput {
  return {
    ...(values.id.trim() ? { id: values.id.trim() } : {}),
    kind: values.kind,
    cron: values.cron.trim(),
    timezone: values.timezone.trim(),
    enabled: values.enabled,
    params: scheduleParams(values, parameterTypes),
  };
}

function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/** The form's values for editing a stored schedule (fields the form does not know keep their defaults). */
export function formOfSchedule(schedule: Schedule): ScheduleFormValues {
  const p = schedule.params;
  const model = (p.model ?? {}) as { type?: unknown };
  const register = (p.register ?? {}) as { name?: unknown; alias?: unknown };
  const parameters: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries((p.parameters ?? {}) as Record<string, unknown>)) {
    parameters[name] = typeof value === "boolean" ? value : text(value);
  }
  return {
    ...DEFAULT_SCHEDULE_FORM,
    id: schedule.id,
    kind: (["ingest", "train", "notebook"].includes(schedule.kind) ? schedule.kind : "ingest") as ScheduleKind,
    cron: schedule.cron,
    timezone: schedule.timezone,
    enabled: schedule.enabled,
    tickers: Array.isArray(p.tickers) ? p.tickers.map(text).join(", ") : "",
    provider: text(p.provider) || DEFAULT_SCHEDULE_FORM.provider,
    modelType: text(model.type) || DEFAULT_SCHEDULE_FORM.modelType,
    featureSet: typeof p.featureSet === "string" ? p.featureSet : DEFAULT_SCHEDULE_FORM.featureSet,
    horizon: text(p.horizon) || DEFAULT_SCHEDULE_FORM.horizon,
    registerName: text(register.name),
    registerAlias: text(register.alias),
    notebook: text(p.notebook),
    parameters,
    timeoutSeconds: text(p.timeoutSeconds),
  };
}

// The sidecar's error paths and the form field each belongs to (the first match wins). The
// scheduler reports a kind's params without the "params." prefix (e.g. "tickers"), the route with it.
const PATH_FIELDS: Array<[prefix: string, field: ScheduleField]> = [
  ["id", "id"],
  ["kind", "kind"],
  ["cron", "cron"],
  ["timezone", "timezone"],
  ["tickers", "tickers"],
  ["provider", "provider"],
  ["model", "modelType"],
  ["featureSet", "featureSet"],
  ["horizon", "horizon"],
  ["register.alias", "registerAlias"],
  ["register", "registerName"],
  ["notebook", "notebook"],
  ["timeoutSeconds", "timeoutSeconds"],
];

/** The form field an error path concerns ("cron", "tickers", "params.parameters.ticker"…), if any. */
export function fieldOfSchedulePath(path: string): ScheduleField | undefined {
  const rest = path.startsWith("params.") ? path.slice("params.".length) : path;
  const param = /^parameters\.([^.]+)/.exec(rest);
  if (param) return `parameters.${param[1]}`;
  return PATH_FIELDS.find(([prefix]) => rest === prefix || rest.startsWith(`${prefix}.`))?.[1];
}

/** Field messages from an API error's details (`[{ path, message }]`); unmatched details are skipped. */
export function scheduleErrorsFromDetails(details: unknown): ScheduleFieldErrors {
  const errors: ScheduleFieldErrors = {};
  if (!Array.isArray(details)) return errors;
  for (const d of details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof d?.path !== "string" || typeof d.message !== "string") continue;
    const field = fieldOfSchedulePath(d.path);
    if (field && !(field in errors)) errors[field] = d.message;
  }
  return errors;
}
