/** The notebooks a user can run: every `.ipynb` inside the notebooks folder, with its declared parameters. */
import { readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { readNotebook } from "./notebook-format.js";
import { type NotebookParameter, notebookParameters } from "./notebook-params.js";
import { isInside, notebooksRoot } from "./notebook-path.js";

/** A runnable notebook and the parameters it takes. */
export interface NotebookInfo {
  /** Relative to the notebooks folder. */
  path: string;
  parameters: Array<Pick<NotebookParameter, "name" | "type" | "default">>;
  /** Why its parameters cannot be read (it cannot run with parameters until fixed). */
  problem?: string;
}

function walk(root: string, dir: string, prefix: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // hidden folders and Jupyter's checkpoints are not notebooks a user means to run
    if (entry.name.startsWith(".")) continue;
    const full = join(dir, entry.name);
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      continue;
    }
    if (!isInside(root, real)) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory() || (entry.isSymbolicLink() && !entry.name.endsWith(".ipynb"))) {
      if (prefix.split("/").length < 8) walk(root, full, rel, found);
    } else if (entry.name.endsWith(".ipynb")) found.push(rel);
  }
}

/** Every notebook under `notebooksDir` (sorted by path) with its parameters. */
export function listNotebooks(notebooksDir: string): NotebookInfo[] {
  const root = notebooksRoot(notebooksDir);
  const paths: string[] = [];
  walk(root, root, "", paths);
  return paths.sort().map((path) => {
    try {
      const parameters = notebookParameters(readNotebook(join(root, path), path), path);
      return { path, parameters: parameters.map(({ name, type, default: d }) => ({ name, type, default: d })) };
    } catch (error) {
      return { path, parameters: [], problem: (error as Error).message };
    }
  });
}
