/**
 * Form fields from a JSON schema (an object schema whose properties are numbers, integers,
 * booleans, strings or enums, as the sidecar publishes for features and model hyperparameters),
 * and client-side validation of what the user typed. Pure: no React, no DOM.
 */

/** The kinds of field a form can render. */
export type FieldKind = "number" | "integer" | "boolean" | "string" | "enum";

/** One form field read from a property of the schema. */
export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** The property's title, else its name. */
  label: string;
  description?: string;
  default?: unknown;
  /** Inclusive bounds; exclusive bounds are kept apart so the message can say which. */
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  /** Choices of an enum field. */
  options?: readonly (string | number | boolean)[];
  /** A value must be given (listed in `required`, or non-nullable with no default). */
  required: boolean;
}

/** What the user typed: text for numbers and strings (so a half-typed "1." stays), booleans as such. */
export type FormValues = Record<string, string | boolean>;

/** Field name → message. */
export type FieldErrors = Record<string, string>;

/** The outcome of reading a form: typed params, or one message per field in error. */
export type FormResult = { ok: true; params: Record<string, unknown> } | { ok: false; errors: FieldErrors };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

// A property may be `{ type: "number" }`, `{ type: ["number", "null"] }` or `{ anyOf: [{…}, { type: "null" }] }`.
function unwrap(property: JsonObject): { schema: JsonObject; nullable: boolean } {
  const variants = Array.isArray(property.anyOf) ? property.anyOf : Array.isArray(property.oneOf) ? property.oneOf : undefined;
  if (variants) {
    const nonNull = variants.filter((v): v is JsonObject => isObject(v) && v.type !== "null");
    const nullable = nonNull.length < variants.length;
    if (nonNull.length === 1) return { schema: { ...property, ...nonNull[0], anyOf: undefined, oneOf: undefined }, nullable };
  }
  if (Array.isArray(property.type)) {
    const types = property.type.filter((t) => t !== "null");
    return { schema: { ...property, type: types[0] }, nullable: types.length < property.type.length };
  }
  return { schema: property, nullable: property.nullable === true };
}

function kindOf(schema: JsonObject): FieldKind | undefined {
  if (Array.isArray(schema.enum)) return "enum";
  if (schema.const !== undefined) return "enum";
  switch (schema.type) {
    case "number":
    case "integer":
    case "boolean":
    case "string":
      return schema.type;
    default:
      return undefined;
  }
}

/** The fields of an object schema, in property order; properties of kinds a form cannot show are left out. */
export function fieldsOf(schema: unknown): FieldSpec[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const fields: FieldSpec[] = [];
  for (const [name, raw] of Object.entries(schema.properties)) {
    if (!isObject(raw)) continue;
    const { schema: property, nullable } = unwrap(raw);
    const kind = kindOf(property);
    if (!kind) continue;
    const options = kind === "enum" ? ((Array.isArray(property.enum) ? property.enum : [property.const]) as FieldSpec["options"]) : undefined;
    fields.push({
      name,
      kind,
      label: typeof property.title === "string" ? property.title : name,
      description: typeof property.description === "string" ? property.description : undefined,
      default: property.default,
      minimum: num(property.minimum),
      maximum: num(property.maximum),
      exclusiveMinimum: num(property.exclusiveMinimum),
      exclusiveMaximum: num(property.exclusiveMaximum),
      options,
      required: required.has(name) || (!nullable && property.default === undefined && kind !== "boolean"),
    });
  }
  return fields;
}

/** The form's starting values: each field's default, or empty. */
export function initialValues(fields: readonly FieldSpec[]): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (field.kind === "boolean") values[field.name] = field.default === true;
    else values[field.name] = field.default === undefined || field.default === null ? "" : String(field.default);
  }
  return values;
}

function rangeError(field: FieldSpec, value: number): string | undefined {
  if (field.minimum !== undefined && value < field.minimum) return `must be at least ${field.minimum}`;
  if (field.maximum !== undefined && value > field.maximum) return `must be at most ${field.maximum}`;
  if (field.exclusiveMinimum !== undefined && value <= field.exclusiveMinimum) return `must be greater than ${field.exclusiveMinimum}`;
  if (field.exclusiveMaximum !== undefined && value >= field.exclusiveMaximum) return `must be less than ${field.exclusiveMaximum}`;
  return undefined;
}

/** Reads one field: its typed value (undefined when left empty) or why it is invalid. */
export function readField(field: FieldSpec, raw: string | boolean | undefined): { value?: unknown; error?: string } {
  if (field.kind === "boolean") return { value: raw === true };
  const text = typeof raw === "string" ? raw.trim() : "";
  if (text === "") return field.required ? { error: "is required" } : {};
  if (field.kind === "string") return { value: text };
  if (field.kind === "enum") {
    const match = field.options?.find((o) => String(o) === text);
    return match === undefined ? { error: `must be one of ${field.options?.map(String).join(", ")}` } : { value: match };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: "must be a number" };
  if (field.kind === "integer" && !Number.isInteger(value)) return { error: "must be a whole number" };
  const outOfRange = rangeError(field, value);
  return outOfRange ? { error: outOfRange } : { value };
}

/** Validates every field; typed params (empty optional fields left out) or the errors by field. */
export function readForm(fields: readonly FieldSpec[], values: FormValues): FormResult {
  const params: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const field of fields) {
    const { value, error } = readField(field, values[field.name]);
    if (error) errors[field.name] = error;
    else if (value !== undefined) params[field.name] = value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, params };
}

/**
 * Field errors from an API error's details (`[{ path: "a.b", message }]`): each detail whose path
 * starts with `prefix` goes to the field named by the rest of its path (its first segment).
 */
export function errorsFromDetails(details: unknown, prefix = ""): FieldErrors {
  const errors: FieldErrors = {};
  if (!Array.isArray(details)) return errors;
  const head = prefix ? `${prefix}.` : "";
  for (const detail of details) {
    if (!isObject(detail) || typeof detail.path !== "string" || typeof detail.message !== "string") continue;
    if (!detail.path.startsWith(head)) continue;
    const field = detail.path.slice(head.length).split(".")[0];
    if (field && !(field in errors)) errors[field] = detail.message;
  }
  return errors;
}
