/**
 * Puts a run's parameter values into a copy of the notebook, as papermill does: a new cell tagged
 * `injected-parameters` right after the cell tagged `parameters`. tslab accepts a `const` declared
 * again in a later cell (the later one wins), so the injected cell re-declares each parameter with
 * its declared keyword; an assignment would fail for `const`.
 */
import { InvalidInput } from "../errors.js";
import { hasTag, type NotebookCell, type NotebookDocument } from "./notebook-format.js";
import { type NotebookParameter, type ParameterValue, parametersCellIndex } from "./notebook-params.js";

/** The tag of the cell the runner adds. */
export const INJECTED_TAG = "injected-parameters";

/** A value as a TypeScript literal: strings JSON-escaped, numbers and booleans as written. */
export function literal(value: ParameterValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InvalidInput(`${value} is not a number a notebook can take.`);
    return String(value);
  }
  return value ? "true" : "false";
}

/** The TypeScript source of the injected cell. */
export function injectedSource(declared: NotebookParameter[], values: Record<string, ParameterValue>): string {
  const lines = ["// Parameters injected by OpenQuant for this run"];
  for (const p of declared) {
    if (Object.hasOwn(values, p.name)) lines.push(`${p.keyword} ${p.name} = ${literal(values[p.name])};`);
  }
  return lines.join("\n");
}

function uniqueId(notebook: NotebookDocument, base: string): string {
  const ids = new Set(notebook.cells.map((c) => (c as { id?: unknown }).id));
  let id = base;
  for (let i = 2; ids.has(id); i++) id = `${base}-${i}`;
  return id;
}

/**
 * A copy of `notebook` with the values injected after its parameters cell (earlier injected cells
 * are dropped). With no values, the copy is returned as it is.
 */
export function injectParameters(
  notebook: NotebookDocument,
  declared: NotebookParameter[],
  values: Record<string, ParameterValue>,
): NotebookDocument {
  const copy = structuredClone(notebook);
  copy.cells = copy.cells.filter((c) => !hasTag(c, INJECTED_TAG));
  if (Object.keys(values).length === 0) return copy;
  const at = parametersCellIndex(copy);
  if (at < 0) throw new InvalidInput("This notebook has no cell tagged 'parameters', so it takes no parameters.");
  const cell: NotebookCell = {
    cell_type: "code",
    id: uniqueId(copy, INJECTED_TAG),
    metadata: { tags: [INJECTED_TAG] },
    execution_count: null,
    outputs: [],
    source: injectedSource(declared, values),
  };
  copy.cells.splice(at + 1, 0, cell);
  return copy;
}
