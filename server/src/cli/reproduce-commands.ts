/** CLI: `openquant reproduce <run-id>`, and the data it relies on: `snapshot`, `snapshots`, `retention`. */
import { InvalidInput, type ReproduceResult } from "@openquant/kernel-lib";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { color } from "./output.js";
import { withPlatform } from "./platform.js";
import { renderTable } from "./table.js";

const show = (v: number) => (Number.isNaN(v) ? "NaN" : String(v));

/** The comparison as text: verdict, reason, per-metric table, predictions. */
export function renderReproduction(r: ReproduceResult): string {
  const verdict = r.match ? color.green("identical") : color.red("differs");
  const where = r.runId ? `MLflow run ${r.runId}` : `outbox run ${r.localRunId}`;
  const lines = [
    `reproduced ${r.originalRunId} as ${where}: ${verdict}`,
    `data: ${r.pin.ranges.map((x) => `${x.ticker} (${x.rows} bars)`).join(", ")} as of ${r.pin.asOfIso}${r.pin.snapshot ? ` (snapshot ${r.pin.snapshot})` : ""}`,
    `expected: ${r.deterministic ? "identical" : `within ${r.tolerance} (relative)`} — ${r.reason}`,
  ];
  for (const [name, v] of Object.entries(r.versionChanges)) lines.push(color.yellow(`${name} was ${v.original}, is ${v.now}`));
  const table = renderTable(
    r.metrics.map((m) => ({ metric: m.metric, original: show(m.original), reproduced: show(m.reproduced), abs_diff: show(m.absDiff), match: m.match ? "yes" : "NO" })),
  );
  const p = r.predictions;
  const predictions = `predictions: ${p.originalRows} original, ${p.reproducedRows} reproduced, max abs diff ${show(p.maxAbsDiff)} — ${p.match ? "match" : "DIFFER"}`;
  return `${lines.join("\n")}\n${table}${predictions}\n`;
}

function daysArg(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isFinite(days) || days < 0) throw new InvalidInput(`--days takes a number of days (0 or more), not '${value}'.`);
  return days;
}

/** Adds reproduce, snapshot, snapshots and retention. */
export function addReproduceCommands(program: Command): void {
  program
    .command("reproduce")
    .description("Retrain an MLflow run from exactly the data and spec it pinned, log the new run, and compare metrics and predictions (exit code 3 when they differ).")
    .argument("<run-id>", "the MLflow run id (32 hex characters)")
    .option("--json", "print the comparison as JSON")
    .action(async (runId: string, flags: { json?: boolean }) => {
      const bar = new SingleBar({ format: "reproducing {bar} {percentage}% | {message}", stream: process.stderr, hideCursor: true, clearOnComplete: true });
      const result = await withPlatform(async (oq) => {
        bar.start(100, 0, { message: "" });
        try {
          return await oq.reproduce(runId, { onProgress: (p) => bar.update(Math.round(p.fraction * 100), { message: p.message }) });
        } finally {
          bar.stop();
        }
      });
      process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : renderReproduction(result));
      if (!result.match) process.exitCode = 3;
    });

  program
    .command("snapshot")
    .description("Freeze the current bars of some tickers (default all) under a name, for reads and training with asOf=<name>.")
    .argument("<name>", "snapshot name (a letter, then letters, digits, '_', '-', '.')")
    .argument("[tickers...]", "tickers to include (default every stored one)")
    .option("--description <text>", "what the snapshot is for")
    .action(async (name: string, tickers: string[], flags: { description?: string }) => {
      const s = await withPlatform((oq) => oq.snapshot(name, tickers.length ? tickers : undefined, flags.description));
      process.stdout.write(`${color.green(`snapshot ${s.name}`)} at ${s.createdAt}: ${s.tickers.map((t) => t.ticker).join(", ")}\n`);
    });

  program
    .command("snapshots")
    .description("List snapshots, newest first.")
    .action(async () => {
      const all = await withPlatform((oq) => oq.snapshots());
      process.stdout.write(renderTable(all.map((s) => ({ name: s.name, created: s.createdAt, tickers: s.tickers.length, description: s.description ?? "" }))));
    });

  program
    .command("retention")
    .description("Drop bar revisions superseded more than --days ago (default configs/data_sources.yaml retention.revision_days) that no snapshot or run needs.")
    .option("--days <n>", "age in days")
    .option("--force", "also drop revisions snapshots and runs need (those runs can then no longer be reproduced)")
    .action(async (flags: { days?: string; force?: boolean }) => {
      const days = daysArg(flags.days);
      const r = await withPlatform((oq) => oq.applyRetention({ ...(days !== undefined ? { olderThanDays: days } : {}), force: flags.force === true }));
      process.stdout.write(`removed ${r.removed} revision(s) superseded before ${r.cutoff}; kept ${r.kept} that snapshots or runs need\n`);
      if (r.affectedRuns.length || r.affectedSnapshots.length) {
        process.stdout.write(color.yellow(`no longer reproducible: runs ${r.affectedRuns.join(", ") || "-"}; snapshots ${r.affectedSnapshots.join(", ") || "-"}\n`));
      }
    });
}
