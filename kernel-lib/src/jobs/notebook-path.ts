/**
 * The path guard of the notebook runner: only `.ipynb` files inside the notebooks folder run.
 * `..` segments and absolute paths are refused outright; symlinks are followed and the real path
 * must still lie inside the folder, so no link can smuggle in a notebook from elsewhere.
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, resolve, sep } from "node:path";
import { z } from "zod";
import { InvalidInput, NotFound } from "../errors.js";
import { validate } from "../util/validate.js";

/** A notebook path as given by a user: relative to the notebooks folder, ending in .ipynb. */
export const notebookPathSchema = z
  .string()
  .min(7)
  .max(500)
  .regex(/^[^\0]+\.ipynb$/, "a path ending in .ipynb, relative to the notebooks folder (e.g. 05-daily-report.ipynb)");

/** A notebook that passed the guard. */
export interface NotebookLocation {
  /** The path relative to the notebooks folder, with '/' separators (e.g. "reports/daily.ipynb"). */
  path: string;
  /** The real absolute path of the file. */
  absolute: string;
  /** The path without ".ipynb": names the notebook's outputs folder. */
  name: string;
}

const field = (message: string) => [{ path: "notebook", message }];

/** The real path of the notebooks folder; NotFound when it does not exist. */
export function notebooksRoot(notebooksDir: string): string {
  if (!existsSync(notebooksDir)) {
    throw new NotFound("The notebooks folder does not exist: create notebooks/ in the project or set OPENQUANT_NOTEBOOKS_DIR.");
  }
  return realpathSync(notebooksDir);
}

/** True when `real` is `root` itself or lies below it. */
export function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Checks `input` and returns where the notebook really is. Absolute paths, `..` segments and
 * symlinks leading outside are InvalidInput; a missing notebook is NotFound.
 */
export function resolveNotebookPath(notebooksDir: string, input: unknown): NotebookLocation {
  const given = validate(notebookPathSchema, input, "notebook path");
  if (isAbsolute(given) || /^[\\/]/.test(given) || /^[A-Za-z]:/.test(given)) {
    throw new InvalidInput(`Notebook path '${given}' is absolute: give a path relative to the notebooks folder, e.g. 05-daily-report.ipynb.`, field("relative to notebooks/"));
  }
  const segments = given.split(/[\\/]+/);
  if (segments.includes("..")) {
    throw new InvalidInput(`Notebook path '${given}' climbs out with '..': only notebooks inside the notebooks folder run.`, field("no '..' segments"));
  }
  const path = segments.filter((s) => s !== "." && s !== "").join("/");
  const root = notebooksRoot(notebooksDir);
  const candidate = resolve(root, path);
  if (!existsSync(candidate)) {
    throw new NotFound(`No notebook '${path}' in the notebooks folder: GET /notebooks (or oq.notebooks()) lists the ones there.`, field("unknown notebook"));
  }
  const absolute = realpathSync(candidate);
  if (!isInside(root, absolute)) {
    throw new InvalidInput(`Notebook path '${path}' is a link that leads outside the notebooks folder: only notebooks inside it run.`, field("inside notebooks/"));
  }
  if (!statSync(absolute).isFile()) throw new InvalidInput(`'${path}' is not a notebook file.`, field("a .ipynb file"));
  return { path, absolute, name: path.slice(0, -".ipynb".length) };
}
