/**
 * Loads and validates settings: configs/*.yaml, then OPENQUANT_* environment variables.
 * A bad file or value fails with a message naming the file (or variable), the key and what is allowed.
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { z } from "zod";
import { InvalidInput } from "../errors.js";
import { readEnvOverrides } from "./env.js";
import { findProjectRoot } from "./root.js";
import { configFiles, runtimeSchema, type Settings } from "./schema.js";
import { readTokenFile } from "./token.js";
import { redactFromLogs } from "../util/logger.js";

/** Where to load from; everything defaults to the project root and process.env. */
export interface LoadOptions {
  /** Project root; default OPENQUANT_HOME or the nearest folder holding configs/ and the root package.json. */
  home?: string;
  /** Folder of the YAML files; default OPENQUANT_CONFIG_DIR or `<home>/configs`. */
  configDir?: string;
  /** Environment to read overrides from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Overrides applied last, for tests and embedding (same keys as the runtime settings). */
  overrides?: Record<string, unknown>;
}

function describeIssues(source: string, error: z.ZodError, keyOf: (path: PropertyKey[]) => string): string {
  const lines = error.issues.map((i) => `  - ${keyOf(i.path)}: ${i.message}`);
  return `Invalid configuration in ${source}:\n${lines.join("\n")}`;
}

function readYaml(path: string): unknown {
  if (!existsSync(path)) return {};
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InvalidInput(`Cannot read configuration file ${path}: ${(e as Error).message}`);
  }
  try {
    return parseYaml(text) ?? {};
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? ` (line ${e.linePos[0].line})` : "";
    throw new InvalidInput(`Configuration file ${path} is not valid YAML${where}: ${(e as Error).message}`);
  }
}

function parseFile<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  const result = schema.safeParse(readYaml(path));
  if (!result.success) {
    const message = describeIssues(path, result.error, (p) => `key '${p.map(String).join(".") || "(top level)"}'`);
    throw new InvalidInput(message, [
      ...result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    ]);
  }
  return result.data;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** Loads, validates and returns all settings. Throws InvalidInput naming the bad file or variable and key. */
export function loadSettings(options: LoadOptions = {}): Settings {
  const env = options.env ?? process.env;
  const home = resolve(options.home ?? env.OPENQUANT_HOME ?? findProjectRoot(process.cwd()));
  const configDir = resolve(home, options.configDir ?? env.OPENQUANT_CONFIG_DIR ?? "configs");

  const runtimeInput: Record<string, unknown> = {
    home,
    config_dir: configDir,
    data_dir: "data",
    log_dir: "logs",
    outputs_dir: "outputs",
    notebooks_dir: "notebooks",
    venv_dir: ".venv",
  };
  // configs/server.yaml first, so the environment overrides it
  const server = parseFile(join(configDir, configFiles.server.file), configFiles.server.schema);
  runtimeInput.server = { allowed_hosts: server.allowedHosts, ...(server.auth ? { auth: server.auth } : {}) };
  const fromEnv = readEnvOverrides(env);
  for (const v of fromEnv) setPath(runtimeInput, v.path, v.value);
  for (const [key, value] of Object.entries(options.overrides ?? {})) runtimeInput[key] = value;
  if (runtimeInput.duckdb_path === undefined) runtimeInput.duckdb_path = join(String(runtimeInput.data_dir), "openquant.duckdb");

  const parsed = runtimeSchema.safeParse(runtimeInput);
  if (!parsed.success) {
    const byPath = new Map(fromEnv.map((v) => [v.path.join("."), v.name]));
    const message = describeIssues("the environment", parsed.error, (p) => {
      const key = p.map(String).join(".");
      const variable = byPath.get(key);
      return variable ? `${variable} (setting '${key}')` : `setting '${key}'`;
    });
    throw new InvalidInput(message);
  }
  const runtime = parsed.data;
  for (const key of ["data_dir", "duckdb_path", "log_dir", "outputs_dir", "notebooks_dir", "venv_dir"] as const) {
    if (!isAbsolute(runtime[key])) runtime[key] = resolve(home, runtime[key]);
  }
  // every door finds the token the sidecar keeps in the data folder; OPENQUANT_TOKEN wins over it
  if (runtime.server.auth === "token" && runtime.server.token === undefined) runtime.server.token = readTokenFile(runtime.data_dir);
  redactFromLogs(runtime.server.token);

  return {
    ...runtime,
    dataSources: parseFile(join(configDir, configFiles.dataSources.file), configFiles.dataSources.schema),
    features: parseFile(join(configDir, configFiles.features.file), configFiles.features.schema),
    models: parseFile(join(configDir, configFiles.models.file), configFiles.models.schema),
    universes: parseFile(join(configDir, configFiles.universes.file), configFiles.universes.schema),
  };
}
