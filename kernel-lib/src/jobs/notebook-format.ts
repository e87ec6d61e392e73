/**
 * The parts of the Jupyter notebook format (nbformat 4) the runner reads and writes. Everything
 * else in a notebook is kept as it is, so an executed copy differs only where the kernel wrote.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { InvalidInput } from "../errors.js";

/** A cell's source: nbformat allows one string or a list of lines. */
const sourceSchema = z.union([z.string(), z.array(z.string())]);

/** One notebook cell (other keys pass through untouched). */
export const notebookCellSchema = z.looseObject({
  cell_type: z.string(),
  source: sourceSchema,
  metadata: z.looseObject({ tags: z.array(z.string()).optional() }).optional(),
});

/** A notebook file, nbformat 4. */
export const notebookSchema = z.looseObject({
  nbformat: z.literal(4),
  nbformat_minor: z.number().int().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  cells: z.array(notebookCellSchema),
});

/** One notebook cell. */
export type NotebookCell = z.output<typeof notebookCellSchema>;
/** A notebook document. */
export type NotebookDocument = z.output<typeof notebookSchema>;

/** The cell's source as one string. */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** True when the cell carries `tag` in its metadata. */
export function hasTag(cell: NotebookCell, tag: string): boolean {
  return cell.metadata?.tags?.includes(tag) ?? false;
}

/** Parses notebook JSON text; `where` names the file in the error. */
export function parseNotebook(text: string, where: string): NotebookDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInput(`${where} is not a notebook: its JSON does not parse (${(error as Error).message}).`);
  }
  const parsed = notebookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInput(`${where} is not an nbformat 4 notebook: ${issue.path.map(String).join(".") || "(top level)"}: ${issue.message}.`);
  }
  return parsed.data;
}

/** Reads and parses a notebook file. */
export function readNotebook(path: string, where = path): NotebookDocument {
  return parseNotebook(readFileSync(path, "utf8"), where);
}
