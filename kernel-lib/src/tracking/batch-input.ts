/**
 * Checks a LogBatch against MLflow's rules and turns it into wire entities. Everything wrong is
 * reported at once, each item named, before a single request is sent.
 */
import { type FieldIssue, InvalidInput } from "../errors.js";
import type { WireBatch } from "./batching.js";
import { MAX_PARAM_VALUE_LENGTH, MAX_TAG_VALUE_LENGTH } from "./limits.js";
import { toWireValue } from "./metric-value.js";
import { keyProblem } from "./names.js";
import type { LogBatch } from "./types.js";

function checkKeyValues(
  kind: "params" | "tags",
  record: Record<string, string>,
  maxValue: number,
  issues: FieldIssue[],
): Array<{ key: string; value: string }> {
  return Object.entries(record).map(([key, value]) => {
    const problem = keyProblem(key);
    if (problem) issues.push({ path: `${kind}.${key}`, message: `key ${problem}` });
    if (typeof value !== "string") {
      issues.push({ path: `${kind}.${key}`, message: `value must be a string, got ${typeof value}` });
    } else if (value.length > maxValue) {
      const hint = kind === "params" ? "; log long values (e.g. a full feature list) as an artifact instead" : "";
      issues.push({ path: `${kind}.${key}`, message: `value is ${value.length} characters; MLflow allows at most ${maxValue}${hint}` });
    }
    return { key, value };
  });
}

/** Validates `batch` and converts it to MLflow's wire entities; throws InvalidInput naming each bad item. */
export function toWireBatch(batch: LogBatch): WireBatch {
  const issues: FieldIssue[] = [];
  const params = checkKeyValues("params", batch.params ?? {}, MAX_PARAM_VALUE_LENGTH, issues);
  const tags = checkKeyValues("tags", batch.tags ?? {}, MAX_TAG_VALUE_LENGTH, issues);
  const metrics = (batch.metrics ?? []).map((m, i) => {
    const problem = keyProblem(m.key);
    if (problem) issues.push({ path: `metrics[${i}].key`, message: `'${m.key}' ${problem}` });
    if (typeof m.value !== "number") issues.push({ path: `metrics[${i}].value`, message: `must be a number, got ${typeof m.value}` });
    if (!Number.isSafeInteger(m.step)) issues.push({ path: `metrics[${i}].step`, message: `must be an integer, got ${m.step}` });
    if (!Number.isSafeInteger(m.timestamp) || m.timestamp < 0) {
      issues.push({ path: `metrics[${i}].timestamp`, message: `must be epoch milliseconds, got ${m.timestamp}` });
    }
    return { key: m.key, value: toWireValue(m.value), timestamp: m.timestamp, step: m.step };
  });
  if (issues.length > 0) {
    const summary = issues
      .slice(0, 5)
      .map((i) => `${i.path}: ${i.message}`)
      .join("; ");
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
    throw new InvalidInput(`Cannot log to MLflow: ${summary}${more}`, issues);
  }
  return { params, tags, metrics };
}
