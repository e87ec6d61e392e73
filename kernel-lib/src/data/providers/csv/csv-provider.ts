/**
 * The `csv` provider: imports a user's file of bars under the ticker name the user gives.
 * The file is read on every fetch, so edits to it are picked up; see parse-bars-csv.ts for the rules.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import { InvalidInput } from "../../../errors.js";
import { validate } from "../../../util/validate.js";
import type { FetchedFrame, FetchRequest, MarketDataProvider } from "../provider.js";
import { validateFetchRequest } from "../request.js";
import { selectTimeRange } from "../slice.js";
import { parseBarsCsv } from "./parse-bars-csv.js";

/** Options of the csv provider. */
export interface CsvProviderOptions {
  /** Path of the CSV file; a relative path is resolved against the current directory. */
  file: string;
}

const optionsSchema = z.object({ file: z.string().min(1, "the path of a CSV file") }).strict();

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "the file does not exist"
        : code === "EISDIR"
          ? "it is a directory, not a file"
          : code === "EACCES"
            ? "permission denied"
            : (e as Error).message;
    throw new InvalidInput(`Cannot read CSV file ${path}: ${why}.`, [{ path: "file", message: why }], { cause: e });
  }
}

/** Imports bars from a user's CSV file (Yahoo's download layout or the plain one). */
export class CsvProvider implements MarketDataProvider {
  /** The provider's name in configs and requests. */
  readonly name = "csv" as const;
  /** Absolute path of the file. */
  readonly file: string;

  constructor(options: CsvProviderOptions) {
    this.file = resolve(validate(optionsSchema, options, "csv provider options").file);
  }

  async fetch(request: FetchRequest, signal?: AbortSignal): Promise<FetchedFrame> {
    const { ticker, interval, start, end } = validateFetchRequest(request);
    signal?.throwIfAborted();
    const text = await readText(this.file);
    signal?.throwIfAborted();
    const { frame } = parseBarsCsv(text, { file: this.file, ticker, interval });
    const inRange = (ts: number | undefined) =>
      ts === undefined || ((start === undefined || ts >= start) && (end === undefined || ts <= end));
    return { ...selectTimeRange(frame, start, end), skipped: frame.skipped.filter((s) => inRange(s.ts)) };
  }
}
