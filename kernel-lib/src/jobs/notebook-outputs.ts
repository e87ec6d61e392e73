/**
 * Where a run's executed notebook and HTML go: `<outputs>/<notebook>/<UTC stamp>.ipynb` and `.html`,
 * and how a record names them (relative to the project home when inside it).
 */
import { closeSync, mkdirSync, openSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";

/** `20261126T010203Z` for a date. */
export function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/** A fresh output file `<outputsDir>/<name>/<stamp>.ipynb`, created so no other run takes the same name. */
export function reserveOutput(outputsDir: string, name: string, startedAt: Date): string {
  const dir = join(outputsDir, ...name.split("/"));
  mkdirSync(dir, { recursive: true });
  const stamp = utcStamp(startedAt);
  for (let n = 1; ; n++) {
    const file = join(dir, `${stamp}${n === 1 ? "" : `-${n}`}.ipynb`);
    try {
      closeSync(openSync(file, "wx"));
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

/** The HTML rendering beside an executed notebook. */
export function htmlBeside(notebookFile: string): string {
  return notebookFile.replace(/\.ipynb$/, ".html");
}

/** A file as a record shows it: relative to `home` (with /) when inside it, else absolute. */
export function shownPath(home: string, file: string): string {
  const rel = relative(home, file);
  return rel.startsWith("..") || isAbsolute(rel) ? file : rel.split(sep).join("/");
}

/** The file a record's path names. */
export function recordedPath(home: string, shown: string): string {
  return isAbsolute(shown) ? shown : join(home, shown);
}
