/**
 * Flattens a nested spec (a model spec, a training request) into MLflow params with dotted keys,
 * so the whole config is logged with the run and each part can be filtered on:
 * `{ model: { type: "xgboost", params: { max_depth: 6 } } }` → `model.type = xgboost`, `model.params.max_depth = 6`.
 */
import { MAX_PARAM_VALUE_LENGTH } from "./limits.js";

/** A value `flattenParams` accepts at the leaves. */
export type ParamLeaf = string | number | boolean | bigint | null | undefined | Date;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function leafString(value: unknown): string {
  if (value === null) return "null";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return toJson(value) ?? String(value);
}

const isLeaf = (value: unknown): boolean => !Array.isArray(value) && !isPlainObject(value);

// JSON.stringify throws on bigint; write it as its digits.
const toJson = (value: unknown): string => JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));

/**
 * Flattens `spec` into `{ "a.b.c": "value" }`. Objects nest with dots; arrays of plain values become one
 * JSON value (`tickers = ["SPY","QQQ"]`) when that fits MLflow's 6000-character limit, otherwise they and
 * arrays of objects are indexed (`features.0.name`). Empty objects and arrays are kept as `{}` / `[]`;
 * undefined values are left out.
 */
export function flattenParams(spec: Record<string, unknown>, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (value: unknown, key: string): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      if (value.length === 0) out[key] = "[]";
      else if (value.every(isLeaf) && toJson(value).length <= MAX_PARAM_VALUE_LENGTH) out[key] = toJson(value);
      else
        value.forEach((item, index) => {
          visit(item, `${key}.${index}`);
        });
      return;
    }
    if (isPlainObject(value)) {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      if (entries.length === 0 && key !== "") out[key] = "{}";
      for (const [child, v] of entries) visit(v, key === "" ? child : `${key}.${child}`);
      return;
    }
    out[key] = leafString(value);
  };
  visit(spec, prefix);
  return out;
}
