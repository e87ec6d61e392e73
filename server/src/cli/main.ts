/** The `openquant` command line. Each command is a thin layer over kernel-lib or the service launchers. */
import { VERSION } from "@openquant/kernel-lib";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { addDataCommands } from "./data-commands.js";
import { addFeatureCommands } from "./feature-commands.js";
import { addImportCommands } from "./import-commands.js";
import { addModelCommands } from "./model-commands.js";
import { addNotebookCommands } from "./notebook-commands.js";
import { reportError } from "./output.js";
import { addReproduceCommands } from "./reproduce-commands.js";
import { serve } from "./serve.js";
import { addUniverseCommands } from "./universe-commands.js";
import { up } from "./up.js";
import { worker } from "./worker.js";

function portArg(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError("a port is a whole number from 1 to 65535");
  return port;
}

function countArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError("a whole number from 1 to 64");
  return n;
}

/** Builds the CLI program (exported for tests). */
export function buildProgram(): Command {
  const program = new Command("openquant")
    .description("OpenQuant: market data, features, models and schedules from the command line.")
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();

  program
    .command("serve")
    .description("Run the REST sidecar (owns the DuckDB file while it runs).")
    .option("--host <host>", "address to bind (default 127.0.0.1; the token is always required unless OPENQUANT_AUTH=none, which is loopback-only)")
    .option("--port <port>", "port (default 8000)", portArg)
    .action(async (opts: { host?: string; port?: number }) => {
      await serve(opts);
    });

  program
    .command("up")
    .description("Start MLflow, the sidecar and JupyterLab on loopback, with sample data; Ctrl-C stops them.")
    .option("--no-jupyter", "do not start JupyterLab")
    .action(async (opts: { jupyter: boolean }) => {
      await up({ jupyter: opts.jupyter });
    });

  program
    .command("worker")
    .description("Take jobs from the work queue in Redis (a sidecar with OPENQUANT_QUEUE=redis puts them there); needs REDIS_URL and OPENQUANT_API_URL.")
    .option("--concurrency <n>", "jobs at once (default OPENQUANT_WORKER_CONCURRENCY, 1)", countArg)
    .option("--name <name>", "name shown as a job's processedBy (default host:pid)")
    .option("--heartbeat <file>", "rewrite this file every 5 s (a container healthcheck reads its age)")
    .action(async (opts: { concurrency?: number; name?: string; heartbeat?: string }) => {
      await worker(opts);
    });

  addDataCommands(program);
  addImportCommands(program);
  addFeatureCommands(program);
  addModelCommands(program);
  addNotebookCommands(program);
  addReproduceCommands(program);
  addUniverseCommands(program);
  return program;
}

/** Runs the CLI; never prints a stack trace for a user's mistake. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.exitCode = reportError(error);
  }
}
