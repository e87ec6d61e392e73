/**
 * The files an import reads: one file, the supported files of a folder (not its subfolders), or a
 * glob whose wildcards (`*`, `?`) are in the last part of the path (`data/*.csv.gz`).
 */
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InvalidInput } from "../../errors.js";

/** The kinds of file an import reads. */
export type SourceFormat = "csv" | "parquet";

/** One file to import. */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  format: SourceFormat;
  /** The file name without its extension (`AAPL.csv.gz` → AAPL): the ticker when nothing else names one. */
  stem: string;
}

const EXTENSIONS: Array<[RegExp, SourceFormat]> = [
  [/\.csv(\.gz)?$/i, "csv"],
  [/\.parquet$/i, "parquet"],
];

/** The supported extensions, for messages. */
export const SUPPORTED_EXTENSIONS = ".csv, .csv.gz, .parquet";

function fail(message: string, path = "input"): never {
  throw new InvalidInput(message, [{ path, message }]);
}

function formatOf(path: string): SourceFormat | undefined {
  return EXTENSIONS.find(([re]) => re.test(path))?.[1];
}

function toSource(path: string): SourceFile {
  const format = formatOf(path);
  if (!format) fail(`Cannot import ${path}: unsupported file type; import ${SUPPORTED_EXTENSIONS} files.`);
  const stem = basename(path).replace(/\.(csv(\.gz)?|parquet)$/i, "");
  return { path, format, stem };
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".");
  return new RegExp(`^${body}$`);
}

/** The files behind `input` (a file, a folder or a glob), sorted by path; each a supported type. */
export function expandSources(input: string): SourceFile[] {
  const absolute = resolve(input);
  if (/[*?]/.test(basename(absolute))) {
    const dir = dirname(absolute);
    if (/[*?]/.test(dir)) fail(`Cannot import ${input}: wildcards are only supported in the file name part of the path.`);
    const re = globToRegExp(basename(absolute));
    const names = safeReaddir(dir, input).filter((n) => re.test(n) && statSync(join(dir, n)).isFile());
    if (names.length === 0) fail(`Cannot import ${input}: no file matches the pattern.`);
    return names.sort().map((n) => toSource(join(dir, n)));
  }
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(absolute);
  } catch {
    return fail(`Cannot import ${input}: no such file or folder.`);
  }
  if (stat.isFile()) return [toSource(absolute)];
  const names = safeReaddir(absolute, input)
    .filter((n) => formatOf(n) && statSync(join(absolute, n)).isFile())
    .sort();
  if (names.length === 0) fail(`Cannot import the folder ${input}: it holds no ${SUPPORTED_EXTENSIONS} file.`);
  return names.map((n) => toSource(join(absolute, n)));
}

function safeReaddir(dir: string, input: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return fail(`Cannot import ${input}: the folder ${dir} cannot be read.`);
  }
}

/** Where row `rowNo` (0-based, in file order) of `source` is, as a person counts: CSV line (header = 1) or Parquet row. */
export function lineOf(source: SourceFile, rowNo: number): number {
  return source.format === "csv" ? rowNo + 2 : rowNo + 1;
}

/** `file, line N` (or `row N` for Parquet), for messages. */
export function describeRow(source: SourceFile, rowNo: number): string {
  return `${source.path}, ${source.format === "csv" ? "line" : "row"} ${lineOf(source, rowNo)}`;
}
