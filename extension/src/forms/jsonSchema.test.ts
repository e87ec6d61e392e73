import { describe, expect, it } from "vitest";
import { errorsFromDetails, fieldsOf, initialValues, readForm } from "./jsonSchema.js";

// The JSON schemas the sidecar publishes (GET /features), written out by hand.
const BBANDS = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    period: { default: 20, type: "integer", minimum: 2, maximum: 100000 },
    devUp: { default: 2, type: "number", minimum: 0, maximum: 1000 },
    devDown: { default: 2, type: "number", minimum: 0, maximum: 1000 },
  },
  additionalProperties: false,
};
const VOLATILITY = {
  type: "object",
  properties: { periodsPerYear: { default: 252, type: "number", exclusiveMinimum: 0, maximum: 10000000 } },
};
// A model-hyperparameter-like schema with an enum, a boolean, a nullable number and a required string.
const MIXED = {
  type: "object",
  required: ["name"],
  properties: {
    objective: { enum: ["reg:squarederror", "reg:absoluteerror"], default: "reg:squarederror" },
    shuffle: { type: "boolean", default: true },
    maxDepth: { anyOf: [{ type: "integer", minimum: 1 }, { type: "null" }] },
    seed: { type: ["integer", "null"], default: null },
    name: { type: "string", title: "Run name", description: "shown in MLflow" },
    nested: { type: "object", properties: {} },
  },
};

describe("fieldsOf", () => {
  it("reads kinds, defaults and bounds in property order", () => {
    expect(fieldsOf(BBANDS).map((f) => [f.name, f.kind, f.default, f.minimum, f.maximum, f.required])).toEqual([
      ["period", "integer", 20, 2, 100000, false],
      ["devUp", "number", 2, 0, 1000, false],
      ["devDown", "number", 2, 0, 1000, false],
    ]);
  });

  it("unwraps nullable variants, keeps enums, titles and required, and skips what a form cannot show", () => {
    const fields = fieldsOf(MIXED);
    expect(fields.map((f) => f.name)).toEqual(["objective", "shuffle", "maxDepth", "seed", "name"]);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.objective).toMatchObject({ kind: "enum", options: ["reg:squarederror", "reg:absoluteerror"], required: false });
    expect(byName.maxDepth).toMatchObject({ kind: "integer", minimum: 1, required: false });
    expect(byName.seed).toMatchObject({ kind: "integer", required: false });
    expect(byName.name).toMatchObject({ kind: "string", label: "Run name", description: "shown in MLflow", required: true });
  });

  it("gives no fields for a schema without properties or for garbage", () => {
    expect(fieldsOf({ type: "object", properties: {} })).toEqual([]);
    expect(fieldsOf(null)).toEqual([]);
    expect(fieldsOf("nope")).toEqual([]);
  });
});

describe("initialValues and readForm", () => {
  it("prefills defaults as text and reads them back typed", () => {
    const fields = fieldsOf(BBANDS);
    const values = initialValues(fields);
    expect(values).toEqual({ period: "20", devUp: "2", devDown: "2" });
    expect(readForm(fields, values)).toEqual({ ok: true, params: { period: 20, devUp: 2, devDown: 2 } });
    expect(readForm(fields, { ...values, devUp: "2.5" })).toEqual({ ok: true, params: { period: 20, devUp: 2.5, devDown: 2 } });
  });

  it("refuses values outside the bounds, fractions for integers and non-numbers, one message per field", () => {
    const fields = fieldsOf(BBANDS);
    expect(readForm(fields, { period: "1", devUp: "1001", devDown: "x" })).toEqual({
      ok: false,
      errors: { period: "must be at least 2", devUp: "must be at most 1000", devDown: "must be a number" },
    });
    expect(readForm(fields, { period: "2.5", devUp: "0", devDown: "1000" })).toEqual({
      ok: false,
      errors: { period: "must be a whole number" },
    });
  });

  it("honours exclusive bounds", () => {
    const fields = fieldsOf(VOLATILITY);
    expect(readForm(fields, { periodsPerYear: "0" })).toEqual({ ok: false, errors: { periodsPerYear: "must be greater than 0" } });
    expect(readForm(fields, { periodsPerYear: "0.001" })).toEqual({ ok: true, params: { periodsPerYear: 0.001 } });
  });

  it("leaves empty optional fields out, requires required ones, and types enums and booleans", () => {
    const fields = fieldsOf(MIXED);
    const values = initialValues(fields);
    expect(values).toEqual({ objective: "reg:squarederror", shuffle: true, maxDepth: "", seed: "", name: "" });
    expect(readForm(fields, values)).toEqual({ ok: false, errors: { name: "is required" } });
    expect(readForm(fields, { ...values, name: " run 1 ", shuffle: false, maxDepth: "6" })).toEqual({
      ok: true,
      params: { objective: "reg:squarederror", shuffle: false, maxDepth: 6, name: "run 1" },
    });
    expect(readForm(fields, { ...values, name: "a", objective: "reg:other" })).toEqual({
      ok: false,
      errors: { objective: "must be one of reg:squarederror, reg:absoluteerror" },
    });
  });
});

describe("errorsFromDetails", () => {
  // The details of a real 400 from POST /data/ingest (captured from the sidecar by hand).
  const details = [
    { path: "tickers.0", message: "a ticker of 1 to 20 characters" },
    { path: "provider", message: 'Invalid option: expected one of "sample"|"csv"|"yahoo"' },
    { path: "hyperparameters.maxDepth", message: "must be at least 1" },
  ];

  it("maps each detail to the field its path starts with", () => {
    expect(errorsFromDetails(details)).toEqual({
      tickers: "a ticker of 1 to 20 characters",
      provider: 'Invalid option: expected one of "sample"|"csv"|"yahoo"',
      hyperparameters: "must be at least 1",
    });
  });

  it("keeps only the details under a prefix, named by the rest of the path", () => {
    expect(errorsFromDetails(details, "hyperparameters")).toEqual({ maxDepth: "must be at least 1" });
  });

  it("ignores details that are not path/message pairs", () => {
    expect(errorsFromDetails("oops")).toEqual({});
    expect(errorsFromDetails([{ path: 3 }, null, { path: "a", message: "m" }])).toEqual({ a: "m" });
  });
});
