/** CLI: `openquant ingest`, `openquant tickers`, `openquant data`. */
import { frameRows, type IngestResult, InvalidInput, isoDay } from "@openquant/kernel-lib";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { color } from "./output.js";
import { withPlatform } from "./platform.js";
import { renderTable } from "./table.js";

interface IngestFlags {
  universe?: string;
  provider?: "sample" | "csv" | "yahoo";
  file?: string;
  start?: string;
  end?: string;
  interval: string;
  full?: boolean;
}

function printIngest(result: IngestResult): void {
  const rows = result.tickers.map((t) => ({
    ticker: t.ticker,
    status: t.status,
    fetched: t.fetched,
    inserted: t.inserted,
    updated: t.updated,
    rejected: t.rejected,
    error: t.error?.message ?? "",
  }));
  process.stdout.write(renderTable(rows));
  for (const t of result.tickers) {
    for (const r of t.rejectedBars) process.stdout.write(color.yellow(`  ${t.ticker} row ${r.row} (${r.ts}): ${r.reason}\n`));
  }
  const { inserted, updated, failed } = result.totals;
  const summary = `${result.status}: ${inserted} bars inserted, ${updated} updated, ${failed} of ${result.tickers.length} tickers failed (run ${result.runId})`;
  process.stdout.write(`${result.status === "ok" ? color.green(summary) : color.yellow(summary)}\n`);
}

export function addDataCommands(program: Command): void {
  program
    .command("ingest")
    .description("Fetch bars for tickers and store them (incremental: continues from the last stored bar).")
    .argument("[tickers...]", "tickers, e.g. ACME.SAMPLE or AAPL (or --universe)")
    .option("--universe <name>", "ingest every ticker of a stored universe; sample500 loads the offline 500-ticker sample market")
    .option("--provider <name>", "sample | csv | yahoo (default from configs/data_sources.yaml)")
    .option("--file <path>", "CSV file to import (with --provider csv and one ticker)")
    .option("--start <date>", "first date, YYYY-MM-DD")
    .option("--end <date>", "last date, YYYY-MM-DD")
    .option("--interval <interval>", "bar interval", "1d")
    .option("--full", "refetch the whole range instead of continuing from the last stored bar")
    .action(async (tickers: string[], flags: IngestFlags) => {
      if ((tickers.length > 0) === Boolean(flags.universe)) {
        throw new InvalidInput("Name the tickers to ingest, or --universe <name> (e.g. --universe sample500), not both.", [{ path: "tickers", message: "tickers or --universe" }]);
      }
      const bar = new SingleBar({
        format: "ingesting {bar} {value}/{total} tickers | {ticker}",
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      });
      const result = await withPlatform(async (oq) => {
        bar.start(tickers.length || 1, 0, { ticker: "" });
        try {
          return await oq.ingest(flags.universe ? { universe: flags.universe } : tickers, {
            provider: flags.provider,
            file: flags.file,
            start: flags.start,
            end: flags.end,
            interval: flags.interval as never,
            full: flags.full ?? false,
            trigger: "cli",
            onProgress: (p) => {
              bar.setTotal(p.total);
              bar.update(p.done, { ticker: p.ticker });
            },
          });
        } finally {
          bar.stop();
        }
      });
      printIngest(result);
      if (flags.universe) process.stdout.write(`universe ${flags.universe}: ${result.tickers.length} ticker(s) ingested\n`);
      if (result.status !== "ok") process.exitCode = 1;
    });

  program
    .command("tickers")
    .description("List stored tickers with provider, first/last bar and rows.")
    .action(async () => {
      const tickers = await withPlatform((oq) => oq.tickers());
      process.stdout.write(
        renderTable(
          tickers.map((t) => ({
            ticker: t.ticker,
            interval: t.interval,
            provider: t.provider,
            first: t.firstBar?.slice(0, 10) ?? "",
            last: t.lastBar?.slice(0, 10) ?? "",
            rows: t.rows,
            version: t.dataVersion,
          })),
        ),
      );
    });

  program
    .command("data")
    .description("Print a ticker's bars.")
    .argument("<ticker>")
    .option("--start <date>", "first date, YYYY-MM-DD")
    .option("--end <date>", "last date, YYYY-MM-DD")
    .option("--interval <interval>", "bar interval", "1d")
    .option("--format <format>", "table | csv | json", "table")
    .action(async (ticker: string, flags: { start?: string; end?: string; interval: string; format: string }) => {
      if (!["table", "csv", "json"].includes(flags.format)) {
        throw new InvalidInput(`Unknown format '${flags.format}': use table, csv or json.`);
      }
      const frame = await withPlatform((oq) => oq.bars(ticker, { start: flags.start, end: flags.end, interval: flags.interval }));
      const rows = frameRows(frame).map((b) => ({
        date: frame.interval === "1d" ? isoDay(b.ts) : new Date(b.ts).toISOString(),
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        adj_close: b.adjClose,
        volume: b.volume,
      }));
      if (flags.format === "json") process.stdout.write(`${JSON.stringify(rows)}\n`);
      else if (flags.format === "csv") {
        process.stdout.write(`date,open,high,low,close,adj_close,volume\n`);
        for (const r of rows) process.stdout.write(`${Object.values(r).join(",")}\n`);
      } else process.stdout.write(renderTable(rows));
    });
}
