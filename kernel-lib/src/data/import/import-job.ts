/** The "import" job: an import of files run in the process that owns the DuckDB file (the sidecar). */
import type { JobHandler } from "../../jobs/job-types.js";
import { type ImportRequest, type ImportResult, importRequestSchema } from "./import-types.js";

/** What the job calls: the embedded `OpenQuant.importFiles`. */
export type ImportFunction = (request: ImportRequest) => Promise<ImportResult>;

/** The import job's handler; its result is the ImportResult. */
export function importJobHandler(run: ImportFunction): JobHandler<typeof importRequestSchema, ImportResult> {
  return {
    params: importRequestSchema,
    description: "Import CSV or Parquet files (a file, a folder of per-ticker files or a glob) into the store in one transaction.",
    run: async (params, ctx) => {
      ctx.progress({ fraction: 0, message: `importing ${params.input}` });
      ctx.log(`importing ${params.input}`);
      const result = await run(params);
      const t = result.totals;
      ctx.log(`done: ${result.files.length} file(s), ${result.tickers.length} ticker(s), ${t.inserted} new, ${t.updated} revised, ${t.unchanged} unchanged, ${t.rejected} rejected, ${t.skipped} skipped`);
      return result;
    },
  };
}
