/** CLI: `openquant universe list|show|define|members|delete`. */
import { readFileSync } from "node:fs";
import { InvalidInput, NotFound, type UniverseDefinitionInput, type UniverseInfo } from "@openquant/kernel-lib";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { color } from "./output.js";
import { withPlatform } from "./platform.js";
import { renderTable } from "./table.js";

interface DefineFlags {
  file?: string;
  tickers?: string;
  rule?: string;
  description?: string;
}

function versionArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidInput(`--version '${value}' is not a version: a whole number from 1.`, [{ path: "version", message: "a whole number from 1" }]);
  return n;
}

/** A rule from a YAML file: its fields at the top level (`kind: rule` may be left out). */
function readRule(path: string): UniverseDefinitionInput {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new NotFound(`Cannot read the rule file ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}.`, [{ path: "rule", message: "unreadable" }]);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new InvalidInput(`The rule file ${path} is not valid YAML: ${(error as Error).message}`, [{ path: "rule", message: "not YAML" }]);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidInput(`The rule file ${path} must hold the rule's fields, e.g. "top: 300", "by: median_dollar_volume", "window: 60".`, [{ path: "rule", message: "not a mapping" }]);
  }
  return { kind: "rule", ...(value as object) } as UniverseDefinitionInput;
}

/** The definition the flags describe: exactly one of --file, --tickers, --rule. */
function definitionFrom(flags: DefineFlags): UniverseDefinitionInput {
  const given = (["file", "tickers", "rule"] as const).filter((k) => flags[k] !== undefined);
  if (given.length !== 1) {
    throw new InvalidInput(
      `Give exactly one of --file members.csv, --tickers A,B,C or --rule rule.yaml${given.length ? ` (got ${given.map((g) => `--${g}`).join(" and ")})` : ""}.`,
      [{ path: "definition", message: "one of --file, --tickers, --rule" }],
    );
  }
  const description = flags.description === undefined ? {} : { description: flags.description };
  if (flags.file !== undefined) return { kind: "csv", file: flags.file, ...description };
  if (flags.tickers !== undefined) {
    return { kind: "list", tickers: flags.tickers.split(",").map((t) => t.trim()).filter(Boolean), ...description };
  }
  return { ...readRule(flags.rule as string), ...description } as UniverseDefinitionInput;
}

function infoRow(u: UniverseInfo) {
  return { name: u.name, kind: u.kind, version: u.version, tickers: u.tickers, spells: u.spells, source: u.source, updated: u.updatedAt.slice(0, 19).replace("T", " "), description: u.description ?? "" };
}

export function addUniverseCommands(program: Command): void {
  const universe = program.command("universe").description("Universes: named, versioned, point-in-time sets of tickers.");

  universe
    .command("list")
    .description("List universes (their current versions).")
    .action(async () => {
      const list = await withPlatform((oq) => oq.universes.list());
      process.stdout.write(renderTable(list.map(infoRow)));
    });

  universe
    .command("show")
    .description("Show a universe's definition and memberships.")
    .argument("<name>")
    .option("--version <n>", "an older version", versionArg)
    .option("--format <format>", "table | csv | json", "table")
    .action(async (name: string, flags: { version?: number; format: string }) => {
      if (!["table", "csv", "json"].includes(flags.format)) throw new InvalidInput(`Unknown format '${flags.format}': use table, csv or json.`);
      const u = await withPlatform((oq) => oq.universes.get(name, { version: flags.version }));
      if (flags.format === "json") {
        process.stdout.write(`${JSON.stringify(u)}\n`);
        return;
      }
      if (flags.format === "csv") {
        process.stdout.write(`ticker,from,to\n${u.memberships.map((m) => `${m.ticker},${m.from},${m.to ?? ""}`).join("\n")}\n`);
        return;
      }
      process.stdout.write(`${color.bold(`${u.name} v${u.version}`)} (${u.kind}, ${u.tickers} tickers, ${u.spells} spells, defined by ${u.source} ${u.updatedAt})\n`);
      if (u.description) process.stdout.write(`${u.description}\n`);
      if (u.kind === "rule") process.stdout.write(`rule: ${JSON.stringify(u.definition)}\n`);
      process.stdout.write(renderTable(u.memberships.map((m) => ({ ticker: m.ticker, from: m.from, to: m.to ?? "(open)" }))));
    });

  universe
    .command("define")
    .description("Define or redefine a universe; a change makes a new version (old versions stay).")
    .argument("<name>")
    .option("--file <members.csv>", "a membership CSV: ticker,from,to (to may be empty)")
    .option("--tickers <a,b,c>", "a comma-separated list of tickers (members always)")
    .option("--rule <rule.yaml>", "a rule in YAML: top, by, window, rebalance, minPrice, candidates, start, end")
    .option("--description <text>", "what the universe is")
    .action(async (name: string, flags: DefineFlags) => {
      const definition = definitionFrom(flags);
      const [before, after] = await withPlatform(async (oq) => {
        const known = (await oq.universes.list()).find((u) => u.name === name);
        return [known, await oq.universes.define(name, definition, { source: "cli" })] as const;
      });
      const what = before?.version === after.version ? "unchanged" : before ? "redefined" : "defined";
      process.stdout.write(`${color.green(`${what} ${after.name} v${after.version}`)}: ${after.tickers} tickers, ${after.spells} membership spells (${after.kind})\n`);
    });

  universe
    .command("members")
    .description("The tickers that are members on a date (point in time).")
    .argument("<name>")
    .requiredOption("--date <date>", "YYYY-MM-DD")
    .option("--version <n>", "an older version", versionArg)
    .action(async (name: string, flags: { date: string; version?: number }) => {
      const tickers = await withPlatform((oq) => oq.universes.members(name, flags.date, { version: flags.version }));
      process.stdout.write(tickers.length ? `${tickers.join("\n")}\n` : `(no members of ${name} on ${flags.date})\n`);
    });

  universe
    .command("delete")
    .description("Delete a universe's name (runs that pinned a version can still read it).")
    .argument("<name>")
    .action(async (name: string) => {
      await withPlatform((oq) => oq.universes.delete(name));
      process.stdout.write(`deleted ${name}\n`);
    });
}
