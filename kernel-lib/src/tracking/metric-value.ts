/**
 * Metric values on the wire. JSON has no NaN or Infinity, so MLflow's protobuf JSON uses the
 * strings "NaN", "Infinity" and "-Infinity"; we write and read them the same way.
 */

/** A metric value as MLflow's JSON carries it. */
export type WireMetricValue = number | "NaN" | "Infinity" | "-Infinity";

/** Encodes a number for MLflow's JSON. */
export function toWireValue(value: number): WireMetricValue {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  return value;
}

/** Decodes a metric value from MLflow's JSON (a number, or one of the special strings). */
export function fromWireValue(value: unknown): number {
  if (typeof value === "number") return value;
  if (value === "NaN") return Number.NaN;
  if (value === "Infinity") return Number.POSITIVE_INFINITY;
  if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return Number.NaN;
}
