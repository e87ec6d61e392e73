/**
 * `oq.universes`: define, read and delete universes, the same in embedded and client mode (the
 * store is the DuckDB file or the sidecar). A csv definition given by `file` is read here, in the
 * defining process, and stored with its text, so every version keeps exactly what it was built from.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { InvalidInput, NotFound } from "../../errors.js";
import type { Logger } from "../../util/logger.js";
import type { DefineUniverseOptions, MarketStore } from "../store/types.js";
import type { Universe, UniverseDefinitionInput, UniverseInfo, UniverseVersionQuery } from "./schema.js";

/** Reads the CSV a csv definition names by `file` (relative to `baseDir`), unless it carries its text already. */
export function withCsvText(definition: UniverseDefinitionInput, baseDir: string): UniverseDefinitionInput {
  if (definition?.kind !== "csv" || definition.csv !== undefined || definition.file === undefined) return definition;
  const path = resolve(baseDir, definition.file);
  try {
    return { ...definition, csv: readFileSync(path, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a folder, not a file" : (error as Error).message;
    throw new (code === "ENOENT" ? NotFound : InvalidInput)(`Cannot read the membership CSV ${definition.file}: ${why}. Give a path to a CSV with the columns ticker,from,to.`, [
      { path: "file", message: why },
    ]);
  }
}

/** Options of `oq.universes.define`. */
export interface DefineOptions extends DefineUniverseOptions {
  /** Folder a csv definition's `file` is relative to (default: the current directory). */
  baseDir?: string;
}

/** Universes: named, versioned, point-in-time sets of tickers (see schema.ts for the three ways to define one). */
export class Universes {
  constructor(
    private readonly store: MarketStore,
    private readonly logger?: Logger,
  ) {}

  /** The current version of every universe, by name. */
  list(): Promise<UniverseInfo[]> {
    return this.store.listUniverses();
  }

  /** A universe with its memberships; `{ version }` or `{ asOf }` reads an older version. Unknown → NotFound listing the known ones. */
  get(name: string, query: UniverseVersionQuery = {}): Promise<Universe> {
    return this.store.getUniverse(name, query);
  }

  /**
   * Defines or redefines a universe: `{ kind: "list", tickers }`, `{ kind: "csv", file | csv }` or
   * `{ kind: "rule", top, by, window, rebalance, minPrice, candidates, start, end }`. A change makes
   * a new version (the old ones stay); the same definition again changes nothing.
   */
  define(name: string, definition: UniverseDefinitionInput, options: DefineOptions = {}): Promise<UniverseInfo> {
    const { baseDir, ...rest } = options;
    return this.store.defineUniverse(name, withCsvText(definition, baseDir ?? process.cwd()), { source: "notebook", ...rest });
  }

  /** Deletes a universe's name (runs that pinned a version can still read it by version). */
  delete(name: string): Promise<void> {
    return this.store.deleteUniverse(name);
  }

  /** The tickers that are members on `date` (point in time: a ticker that left or was delisted is not, and was before). */
  members(name: string, date: string | number | Date, query: UniverseVersionQuery = {}): Promise<string[]> {
    return this.store.universeMembers(name, date, query);
  }

  /**
   * Defines every universe of configs/universes.yaml (a new version only where one changed); csv
   * files are relative to `configDir`. A rule that cannot be evaluated yet (no bars stored on a
   * first start) is skipped with a warning instead of stopping the sidecar; any other problem is
   * an InvalidInput naming the file and the universe.
   */
  async defineFromConfig(universes: Record<string, UniverseDefinitionInput>, configDir: string): Promise<UniverseInfo[]> {
    const out: UniverseInfo[] = [];
    for (const [name, definition] of Object.entries(universes)) {
      try {
        out.push(await this.store.defineUniverse(name, withCsvText(definition, configDir), { source: "yaml" }));
      } catch (error) {
        if (definition.kind === "rule" && (error instanceof InvalidInput || error instanceof NotFound)) {
          this.logger?.warn({ universe: name, err: (error as Error).message }, `configs/universes.yaml: rule universe '${name}' not defined yet`);
          continue;
        }
        throw new InvalidInput(`configs/universes.yaml, universe '${name}': ${(error as Error).message}`, (error as InvalidInput).details ?? [], { cause: error });
      }
    }
    if (out.length) this.logger?.info({ universes: out.map((u) => `${u.name}@${u.version}`) }, "universes from configs/universes.yaml defined");
    return out;
  }
}
