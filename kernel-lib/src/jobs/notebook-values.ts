/**
 * Checks the parameter values of a run against what the notebook declares, before any kernel
 * starts: every name must be declared, and every value must have the declared literal's type.
 */
import { z } from "zod";
import { type FieldIssue, InvalidInput } from "../errors.js";
import { validate } from "../util/validate.js";
import type { NotebookParameter, ParameterValue } from "./notebook-params.js";

/** Parameter values as a run receives them: name → string, number or boolean. */
export const parameterValuesSchema = z.record(
  z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/, "a TypeScript identifier"),
  z.union([z.string().max(10_000), z.number().refine(Number.isFinite, "a finite number"), z.boolean()]),
);

/** Parameter values of a run. */
export type ParameterValues = Record<string, ParameterValue>;

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return `${typeof value} (${text.length > 40 ? `${text.slice(0, 37)}...` : text})`;
}

/**
 * Returns `given` once every name is declared in `declared` and every value has the declared type;
 * otherwise InvalidInput naming each bad parameter, the expected type and the given one.
 */
export function checkParameterValues(declared: NotebookParameter[], given: unknown, notebook: string): ParameterValues {
  const values = validate(parameterValuesSchema, given ?? {}, `parameters of ${notebook}`);
  const byName = new Map(declared.map((p) => [p.name, p]));
  const known = declared.map((p) => `${p.name} (${p.type})`).join(", ");
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(values)) {
    const p = byName.get(name);
    if (!p) {
      const hint = declared.length ? `it declares ${known}` : "it has no cell tagged 'parameters'";
      issues.push({ path: `parameters.${name}`, message: `unknown parameter '${name}': ${notebook} does not declare it (${hint})` });
    } else if (typeof value !== p.type) {
      issues.push({
        path: `parameters.${name}`,
        message: `parameter '${name}' expects a ${p.type} (declared ${JSON.stringify(p.default)} in the parameters cell), got a ${describe(value)}`,
      });
    }
  }
  if (issues.length) throw new InvalidInput(`Invalid parameters for ${notebook}: ${issues.map((i) => i.message).join("; ")}.`, issues);
  return values;
}
