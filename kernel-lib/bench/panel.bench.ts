/**
 * The research path's first step, measured: loading the sample500 market offline into a fresh
 * DuckDB file, then `oq.panel("sample500", { featureSet: "default" })` over its 21 years, with the
 * process's peak resident memory. No baseline runs here (there is no other panel builder to run);
 * the numbers are for the closing note and the next issues' aims.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings } from "../src/config/load.js";
import { openQuant } from "../src/openquant.js";
import { printTable, progress, timeIt } from "./report.js";

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

export async function benchPanel(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "oq-bench-panel-"));
  const settings = loadSettings({ env: { ...process.env, OPENQUANT_DATA_DIR: join(dir, "data"), OPENQUANT_LOG_DIR: join(dir, "logs"), OPENQUANT_LOG_LEVEL: "error", OPENQUANT_AUTH: "none" } });
  const oq = await openQuant({ settings, mode: "embedded", component: "bench" });
  try {
    progress("ingesting sample500 (500 tickers, 2005-2025)");
    let bars = 0;
    const loadMs = await timeIt(async () => {
      bars = (await oq.ingest({ universe: "sample500" })).totals.inserted;
    });
    const afterLoad = peakRssMb();
    progress("building the panel: sample500 × the default feature set");
    let shape = "";
    const panelMs = await timeIt(async () => {
      const p = await oq.panel("sample500", { featureSet: "default", fields: ["close", "volume"] });
      shape = `${p.dates.length} dates × ${p.tickers.length} tickers × ${p.fields.length} columns`;
    });
    printTable("sample500: offline load and panel (peak RSS of this process)", [
      { work: `ingest --universe sample500 (${bars.toLocaleString("en-US")} bars)`, seconds: loadMs / 1000, "peak RSS MB": afterLoad },
      { work: `panel, default feature set (${shape})`, seconds: panelMs / 1000, "peak RSS MB": peakRssMb() },
    ]);
  } finally {
    await oq.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
