/** CLI: `openquant features <ticker> --set …` and `openquant features --list`. */
import { featureRows, InvalidInput, isoDay } from "@openquant/kernel-lib";
import type { Command } from "commander";
import { withPlatform } from "./platform.js";
import { renderTable } from "./table.js";

interface Flags {
  list?: boolean;
  set: string;
  start?: string;
  end?: string;
  interval: string;
  format: string;
}

/** "default", a set name, or comma-separated feature names with optional params: "rsi,sma:period=50". */
function parseSet(text: string, known: Set<string>): string | Array<{ name: string; params: Record<string, number> }> {
  if (!text.includes(",") && !text.includes(":") && !known.has(text)) return text;
  return text.split(",").map((part) => {
    const [name, paramText] = part.trim().split(":");
    const params: Record<string, number> = {};
    for (const kv of (paramText ?? "").split(";").filter(Boolean)) {
      const [k, v] = kv.split("=");
      if (!k || v === undefined || Number.isNaN(Number(v))) throw new InvalidInput(`Cannot read parameter '${kv}' of ${name}: write name:param=number, e.g. sma:period=50.`);
      params[k] = Number(v);
    }
    return { name, params };
  });
}

export function addFeatureCommands(program: Command): void {
  program
    .command("features")
    .description("Compute a feature set for a ticker, or list the features (--list).")
    .argument("[ticker]")
    .option("--list", "list every feature with its parameters and outputs")
    .option("--set <set>", "a set from configs/features.yaml, or features: rsi,sma:period=50,macd", "default")
    .option("--start <date>", "first date, YYYY-MM-DD")
    .option("--end <date>", "last date, YYYY-MM-DD")
    .option("--interval <interval>", "bar interval", "1d")
    .option("--format <format>", "table | csv", "table")
    .action(async (ticker: string | undefined, flags: Flags) => {
      if (!["table", "csv"].includes(flags.format)) throw new InvalidInput(`Unknown format '${flags.format}': use table or csv.`);
      if (flags.list) {
        const features = await withPlatform(async (oq) => oq.listFeatures());
        process.stdout.write(
          renderTable(
            features.map((f) => ({
              name: f.name,
              params: JSON.stringify(f.defaults),
              outputs: f.outputs.join(" "),
              lookback: f.lookback,
              description: f.description,
            })),
          ),
        );
        return;
      }
      if (!ticker) throw new InvalidInput("Name a ticker (openquant features ACME.SAMPLE), or use --list.");
      const frame = await withPlatform(async (oq) => {
        const known = new Set(oq.listFeatures().map((f) => f.name));
        return oq.features(ticker, parseSet(flags.set, known), { start: flags.start, end: flags.end, interval: flags.interval as never });
      });
      const rows: Array<Record<string, string | number>> = featureRows(frame).map((r) => ({
        ...r,
        date: frame.interval === "1d" ? isoDay(Date.parse(String(r.date))) : r.date,
      }));
      if (flags.format === "csv") {
        const cols = Object.keys(rows[0] ?? {});
        process.stdout.write(`${cols.join(",")}\n${rows.map((r) => cols.map((c) => r[c]).join(",")).join("\n")}\n`);
      } else process.stdout.write(renderTable(rows));
    });
}
