/** CLI: `openquant import <file|folder|glob>`: the user's own CSV or Parquet files into the store. */
import { type ImportResult, INTERVALS, type Interval, InvalidInput } from "@openquant/kernel-lib";
import type { Command } from "commander";
import { color } from "./output.js";
import { withPlatform } from "./platform.js";
import { renderTable } from "./table.js";

interface ImportFlags {
  ticker?: string;
  tickerColumn?: string;
  dateFormat?: string;
  interval: string;
  universe?: string;
}

function printImport(result: ImportResult): void {
  const rows = result.tickers.map((t) => ({
    ticker: t.ticker,
    first: t.firstBar?.slice(0, 10) ?? "",
    last: t.lastBar?.slice(0, 10) ?? "",
    received: t.received,
    inserted: t.inserted,
    updated: t.updated,
    unchanged: t.unchanged,
    rejected: t.rejected,
    skipped: t.skipped,
    version: t.dataVersion,
  }));
  process.stdout.write(renderTable(rows));
  for (const t of result.tickers) {
    for (const i of t.issues) process.stdout.write(color.yellow(`  ${t.ticker} ${i.file}, line ${i.line} (${i.date.slice(0, 10)}): ${i.reason}\n`));
    const unlisted = t.rejected + t.skipped - t.issues.length;
    if (unlisted > 0) process.stdout.write(color.yellow(`  ${t.ticker}: ${unlisted} more row(s) not stored\n`));
  }
  const { inserted, updated, unchanged, rejected, skipped } = result.totals;
  const summary = `imported ${result.files.length} file(s), ${result.tickers.length} ticker(s): ${inserted} bars inserted, ${updated} updated, ${unchanged} unchanged, ${rejected} rejected, ${skipped} skipped in ${result.durationMs} ms`;
  process.stdout.write(`${rejected + skipped === 0 ? color.green(summary) : color.yellow(summary)}\n`);
  if (result.universe?.recorded) {
    process.stdout.write(`universe ${result.universe.name}: ${result.universe.members.length} ticker(s) recorded as members over their imported bar ranges\n`);
  }
}

export function addImportCommands(program: Command): void {
  program
    .command("import")
    .description("Import your own files: CSV (also .csv.gz) or Parquet; a file, a folder of per-ticker files (ticker from the file name) or a glob such as 'data/*.csv'. One transaction: a bad file leaves nothing behind.")
    .argument("<input>", "a file, a folder or a glob (wildcards in the file name part)")
    .option("--ticker <ticker>", "the ticker of every row (files without a ticker column; default: the file name)")
    .option("--ticker-column <column>", "the column naming each row's ticker (default: a column called ticker or symbol)")
    .option("--date-format <format>", "M/D/YYYY, D/M/YYYY, YYYY-MM-DD, YYYYMMDD, epoch_s, epoch_ms or a strptime pattern (needed when day and month cannot be told apart)")
    .option("--interval <interval>", "bar interval", "1d")
    .option("--universe <name>", "the universe to record every imported ticker in, over its imported bar range")
    .action(async (input: string, flags: ImportFlags) => {
      if (!(INTERVALS as readonly string[]).includes(flags.interval)) throw new InvalidInput(`Unknown interval '${flags.interval}': use one of ${INTERVALS.join(", ")}.`);
      const result = await withPlatform((oq) =>
        oq.importFiles(input, {
          ticker: flags.ticker,
          tickerColumn: flags.tickerColumn,
          dateFormat: flags.dateFormat,
          interval: flags.interval as Interval,
          universe: flags.universe,
        }),
      );
      printImport(result);
    });
}
