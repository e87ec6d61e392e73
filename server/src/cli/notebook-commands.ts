/**
 * CLI: `openquant notebook run <path> -p name=value …`, `openquant notebook runs`, `openquant notebook list`.
 * With a sidecar running, the run is a job there; without one, this process runs the notebook itself
 * (without opening the DuckDB file, so the notebook's own `openQuant()` can).
 */
import {
  HttpNotebooks,
  InvalidInput,
  loadSettings,
  type NotebookInfo,
  type NotebookRun,
  NotebookRunner,
  type ParameterValue,
  type Settings,
  SidecarClient,
} from "@openquant/kernel-lib";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { color } from "./output.js";
import { renderTable } from "./table.js";

/** The notebook API this invocation uses: the sidecar's when one answers, else a local runner. */
interface Notebooks {
  notebooks(): Promise<NotebookInfo[]>;
  run(path: string, values: Record<string, ParameterValue>, options: Parameters<NotebookRunner["run"]>[2]): Promise<NotebookRun>;
  runs(query: Parameters<NotebookRunner["runs"]>[0]): Promise<NotebookRun[]>;
}

async function notebooksApi(settings: Settings): Promise<Notebooks> {
  const client = new SidecarClient(settings.api_url ?? `http://${settings.server.host}:${settings.server.port}`, settings.server.token, 600_000);
  try {
    await client.request("GET", "/health");
    return new HttpNotebooks(client);
  } catch (error) {
    // a 503 from /health is still a sidecar, one that owns the file
    if ((error as { code?: string }).code === "UNAVAILABLE" && !/cannot be reached/.test((error as Error).message)) return new HttpNotebooks(client);
  }
  const runner = new NotebookRunner(settings);
  return { notebooks: async () => runner.notebooks(), run: (p, v, o) => runner.run(p, v, o), runs: (q) => runner.runs(q) };
}

/** Collects repeated `-p name=value` options. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Turns `name=value` texts into values of the types the notebook declares (unknown names stay text for the check to name). */
export function parseAssignments(assignments: string[], declared: NotebookInfo["parameters"]): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  for (const a of assignments) {
    const eq = a.indexOf("=");
    if (eq <= 0) throw new InvalidInput(`-p takes name=value, got '${a}' (e.g. -p ticker=BANK.SAMPLE -p lookback=60).`);
    const name = a.slice(0, eq);
    const text = a.slice(eq + 1);
    const type = declared.find((p) => p.name === name)?.type;
    if (type === "number" && text.trim() !== "" && Number.isFinite(Number(text))) values[name] = Number(text);
    else if (type === "boolean" && (text === "true" || text === "false")) values[name] = text === "true";
    else values[name] = text;
  }
  return values;
}

const seconds = (ms: number | null) => (ms === null ? "" : `${(ms / 1000).toFixed(1)} s`);

export function addNotebookCommands(program: Command): void {
  const notebook = program.command("notebook").description("Run notebooks from notebooks/ with parameters, and list their runs.");

  notebook
    .command("run")
    .description("Run a notebook through the tslab kernel with parameters; save it and its HTML under outputs/.")
    .argument("<path>", "notebook path relative to notebooks/, e.g. 05-daily-report.ipynb")
    .option("-p, --param <name=value>", "a parameter value (repeatable); converted to the type the parameters cell declares", collect, [])
    .option("--timeout <seconds>", "stop the run after this many seconds")
    .action(async (path: string, flags: { param: string[]; timeout?: string }) => {
      const settings = loadSettings();
      const api = await notebooksApi(settings);
      const info = (await api.notebooks()).find((n) => n.path === path.replace(/^\.\//, ""));
      const values = parseAssignments(flags.param, info?.parameters ?? []);
      const timeoutSeconds = flags.timeout === undefined ? undefined : Number(flags.timeout);
      if (timeoutSeconds !== undefined && !(Number.isInteger(timeoutSeconds) && timeoutSeconds > 0)) throw new InvalidInput("--timeout takes a whole number of seconds.");
      const bar = new SingleBar({ format: "notebook {bar} {percentage}% | {message}", stream: process.stderr, hideCursor: true, clearOnComplete: true });
      bar.start(100, 0, { message: "starting the kernel" });
      let run: NotebookRun;
      try {
        run = await api.run(path, values, { trigger: "cli", timeoutSeconds, onProgress: (p) => bar.update(Math.round(p.fraction * 100), { message: p.message }) });
      } finally {
        bar.stop();
      }
      const line = `${run.notebook}: ${run.status} in ${seconds(run.durationMs)} (run ${run.id})`;
      process.stdout.write(`${run.status === "succeeded" ? color.green(line) : color.red(line)}\n`);
      process.stdout.write(`output: ${run.outputPath}\nhtml:   ${run.htmlPath ?? "(none)"}\n`);
      if (run.error) {
        process.stdout.write(`${color.red(`cell ${run.error.cellIndex ?? "?"}: ${run.error.ename}: ${run.error.message}`)}\n`);
        process.exitCode = 1;
      }
    });

  notebook
    .command("runs")
    .description("List notebook runs, newest first.")
    .option("--notebook <path>", "only this notebook's runs")
    .option("--limit <n>", "at most this many", "20")
    .action(async (flags: { notebook?: string; limit: string }) => {
      const api = await notebooksApi(loadSettings());
      const runs = await api.runs({ notebook: flags.notebook, limit: Number(flags.limit) || 20 });
      process.stdout.write(
        renderTable(
          runs.map((r) => ({
            run: r.id.slice(0, 8),
            notebook: r.notebook,
            status: r.status,
            trigger: r.trigger,
            started: r.startedAt.slice(0, 19).replace("T", " "),
            duration: seconds(r.durationMs),
            output: r.outputPath ?? "",
            error: r.error ? `cell ${r.error.cellIndex ?? "?"}: ${r.error.ename}` : "",
          })),
        ),
      );
    });

  notebook
    .command("list")
    .description("List the notebooks in notebooks/ with their parameters.")
    .action(async () => {
      const api = await notebooksApi(loadSettings());
      process.stdout.write(
        renderTable(
          (await api.notebooks()).map((n) => ({
            notebook: n.path,
            parameters: n.parameters.map((p) => `${p.name}: ${p.type} = ${JSON.stringify(p.default)}`).join(", ") || n.problem || "",
          })),
        ),
      );
    });
}
