/** CLI: `openquant train`, `openquant predict`, `openquant runs`. */
import { readFileSync } from "node:fs";
import { InvalidInput, isoDay, type TrainSpec } from "@openquant/kernel-lib";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { parse } from "yaml";
import { color } from "./output.js";
import { withPlatform } from "./platform.js";
import { renderTable } from "./table.js";

function readSpec(file: string): TrainSpec {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new InvalidInput(`Cannot read the training config ${file}: ${(error as Error).message}`);
  }
  const training = (doc as { training?: unknown } | null)?.training ?? doc;
  if (!training || typeof training !== "object") throw new InvalidInput(`${file} holds no training spec (a 'training:' section).`);
  return training as TrainSpec;
}

const fmt = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? "" : Number.isInteger(v) ? String(v) : Math.abs(v) < 0.01 ? v.toExponential(3) : v.toFixed(4);

export function addModelCommands(program: Command): void {
  program
    .command("train")
    .description("Train a model from a spec (configs/model_config.yaml's training section), evaluate it and log it to MLflow.")
    .option("--config <file>", "YAML file with a training spec", "configs/model_config.yaml")
    .option("--model <type>", "model type to use instead of the config's (linear, ridge, random_forest, xgboost, lightgbm)")
    .option("--cv <folds>", "cross-validate walk-forward with this many folds instead of a train/test split")
    .option("--register <name@alias>", "register the trained model under name (and alias)")
    .action(async (flags: { config: string; model?: string; cv?: string; register?: string }) => {
      const spec = readSpec(flags.config);
      if (flags.model) spec.model = { ...(spec.model ?? {}), type: flags.model, params: flags.model === spec.model?.type ? spec.model.params : {} };
      if (flags.register) {
        const [name, alias] = flags.register.split("@");
        spec.register = { name, alias };
      }
      const bar = new SingleBar({ format: "training {bar} {percentage}% | {message}", stream: process.stderr, hideCursor: true, clearOnComplete: true });
      const result = await withPlatform(async (oq) => {
        bar.start(100, 0, { message: "" });
        const onProgress = (p: { fraction: number; message: string }) => bar.update(Math.round(p.fraction * 100), { message: p.message });
        try {
          if (flags.cv) {
            const folds = Number(flags.cv);
            if (!Number.isInteger(folds) || folds < 2) throw new InvalidInput("--cv takes a whole number of folds, at least 2.");
            return await oq.crossValidate({ ...spec, split: { method: "walk_forward", folds } }, { onProgress });
          }
          return await oq.train(spec, { onProgress });
        } finally {
          bar.stop();
        }
      });
      process.stdout.write(
        renderTable(
          result.folds.map((f) => ({ fold: f.fold, train: f.trainRows, test: f.testRows, from: f.testStart.slice(0, 10), to: f.testEnd.slice(0, 10), ...Object.fromEntries(Object.entries(f.metrics).slice(0, 6).map(([k, v]) => [k, fmt(v)])) })),
        ),
      );
      process.stdout.write(
        renderTable(
          result.backtests.map((b) => ({
            ticker: b.ticker,
            total_return: fmt(b.summary.total_return),
            sharpe: fmt(b.summary.sharpe),
            max_drawdown: fmt(b.summary.max_drawdown),
            bh_total_return: fmt(b.summary.bh_total_return),
            bh_sharpe: fmt(b.summary.bh_sharpe),
          })),
        ),
      );
      const where = result.destination === "mlflow" ? `MLflow run ${result.runId}` : `outbox run ${result.localRunId} (MLflow unreachable; replayed when it is back)`;
      process.stdout.write(`${color.green(`${result.spec.model.type}: ${where}`)}${result.registered ? ` — registered ${result.registered.name} v${result.registered.version}${result.registered.alias ? `@${result.registered.alias}` : ""}` : ""}\n`);
    });

  program
    .command("predict")
    .description("Predict with a model for a ticker.")
    .argument("<ticker>")
    .requiredOption("--run <ref>", "run id, runs:/<id>/model or models:/<name>@<alias>")
    .option("--start <date>", "first date, YYYY-MM-DD")
    .option("--end <date>", "last date, YYYY-MM-DD")
    .option("--format <format>", "table | csv", "table")
    .action(async (ticker: string, flags: { run: string; start?: string; end?: string; format: string }) => {
      if (!["table", "csv"].includes(flags.format)) throw new InvalidInput(`Unknown format '${flags.format}': use table or csv.`);
      const r = await withPlatform((oq) => oq.predict(flags.run, { ticker, start: flags.start, end: flags.end }));
      const rows = Array.from(r.ts, (t, i) => ({ date: isoDay(t), prediction: r.predictions[i] }));
      if (flags.format === "csv") process.stdout.write(`date,prediction\n${rows.map((x) => `${x.date},${x.prediction}`).join("\n")}\n`);
      else process.stdout.write(renderTable(rows));
    });

  program
    .command("runs")
    .description("List an experiment's runs with their key metrics, newest first.")
    .option("--experiment <name>", "experiment (default from configs/model_config.yaml)")
    .option("--limit <n>", "at most this many", "20")
    .action(async (flags: { experiment?: string; limit: string }) => {
      const runs = await withPlatform((oq) => oq.compareRuns(flags.experiment, Number(flags.limit) || 20));
      process.stdout.write(
        renderTable(
          runs.map((r) => ({
            run: r.runId,
            name: r.runName,
            status: r.status,
            model: r.modelType,
            started: r.startTime.slice(0, 16).replace("T", " "),
            rmse: fmt(r.metrics.rmse),
            ic: fmt(r.metrics.ic),
            accuracy: fmt(r.metrics.accuracy),
            sharpe: fmt(r.metrics.bt_mean_sharpe),
          })),
        ),
      );
    });
}
