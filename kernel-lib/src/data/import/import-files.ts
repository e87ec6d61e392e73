/**
 * Importing a user's files into the store: every file staged through DuckDB's readers, checked and
 * upserted in ONE transaction, so a bad row in any file leaves nothing behind, and importing the
 * same files again changes nothing (inserted 0, data versions unchanged).
 */
import type { DuckStore } from "../store/duck-store.js";
import { validate } from "../../util/validate.js";
import { parseDateFormatOption } from "./date-formats.js";
import { type ImportedMembership, type ImportedTicker, type ImportRequest, type ImportResult, importRequestSchema } from "./import-types.js";
import { expandSources } from "./sources.js";
import { createStaging, STAGED, stageFile } from "./stage.js";
import { RepeatedKey, upsertStaged } from "./upsert.js";

/** The provider name the `tickers` table shows for imported bars. */
export const IMPORT_PROVIDER = "import";

/** The memberships a universe records for an import: each ticker over its first to last imported bar. */
export function importedMemberships(result: Pick<ImportResult, "tickers">): ImportedMembership[] {
  return result.tickers
    .filter((t) => t.firstBar !== null && t.lastBar !== null)
    .map((t) => ({ ticker: t.ticker, from: t.firstBar as string, to: t.lastBar as string }));
}

/** Imports `request.input` (a file, folder or glob) into `store` in one transaction. */
export async function importFiles(store: DuckStore, request: ImportRequest | (Partial<ImportRequest> & { input: string })): Promise<ImportResult> {
  const started = performance.now();
  const r = validate(importRequestSchema, request, "import request");
  if (r.dateFormat) parseDateFormatOption(r.dateFormat); // a bad format fails before any file is read
  const sources = expandSources(r.input);
  const run = (checkDuplicates: boolean) =>
    store.bulkWrite(async (conn, recordedAt) => {
      await createStaging(conn);
      try {
        for (const [fileNo, source] of sources.entries()) await stageFile(conn, source, fileNo, r);
        return await upsertStaged(conn, { checkDuplicates, interval: r.interval, stamp: recordedAt, provider: IMPORT_PROVIDER, sources });
      } finally {
        await conn.run(`DROP TABLE IF EXISTS ${STAGED}`).catch(() => undefined);
      }
    });
  let tickers: ImportedTicker[];
  try {
    tickers = await run(false);
  } catch (error) {
    // the key refused a repeated row (rolled back): again, with the check that names both rows
    if (!(error instanceof RepeatedKey)) throw error;
    tickers = await run(true);
  }
  const sum = (key: "received" | "inserted" | "updated" | "unchanged" | "rejected" | "skipped") => tickers.reduce((a, t) => a + t[key], 0);
  const result: ImportResult = {
    files: sources.map((s) => s.path),
    interval: r.interval,
    tickers,
    totals: { received: sum("received"), inserted: sum("inserted"), updated: sum("updated"), unchanged: sum("unchanged"), rejected: sum("rejected"), skipped: sum("skipped") },
    universe: null,
    durationMs: Math.round(performance.now() - started),
  };
  if (r.universe) result.universe = { name: r.universe, members: importedMemberships(result), recorded: false };
  return result;
}
