/**
 * kill -9 of a process in the middle of an upsert: the real DuckDB file must open cleanly, hold
 * no partial batch, and take a re-run without duplicate rows.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Database } from "../src/data/store/database.js";
import { DuckStore } from "../src/data/store/duck-store.js";

const ROWS = 200_000;

function killMidWrite(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, "fixtures", "bulk-writer.mjs"), path, String(ROWS)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let committed = -1;
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split("\n")) {
        const m = /^committed (\d+)$/.exec(line);
        if (m) committed = Math.max(committed, Number(m[1]));
      }
      // kill while the third batch is being written (after it started, before it committed)
      if (out.includes("writing 2") && !out.includes("committed 2")) {
        setTimeout(() => child.kill("SIGKILL"), 150);
      }
    });
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve(committed) : reject(new Error(`writer exited: ${signal}`))));
  });
}

describe("a crash during a write", () => {
  it("leaves the previous state intact and a re-run completes with no duplicates", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "oq-crash-")), "crash.duckdb");
    const committed = await killMidWrite(path);
    expect(committed).toBeGreaterThanOrEqual(1);

    const db = await Database.open(path);
    try {
      const store = new DuckStore(db);
      const counts = (
        await db.connection.runAndReadAll("SELECT ticker, count(*) AS n FROM ohlcv GROUP BY ticker ORDER BY ticker")
      ).getRowObjects();
      // every stored batch is whole: committed ones complete, the interrupted one absent or whole
      for (const c of counts) expect(Number(c.n)).toBe(ROWS);
      expect(counts.length).toBeGreaterThanOrEqual(committed + 1);
      const infos = await store.listTickers();
      expect(infos.map((i) => i.ticker).sort()).toEqual(counts.map((c) => String(c.ticker)).sort());
      for (const info of infos) expect(info.rows).toBe(ROWS);

      const again = await store.readBars({ ticker: "CRASH0" });
      const rewrite = await store.writeBars(again, "sample");
      expect(rewrite).toMatchObject({ inserted: 0, updated: 0, unchanged: ROWS });
      const dup = (
        await db.connection.runAndReadAll("SELECT count(*) AS n FROM (SELECT ticker, ts FROM ohlcv GROUP BY ALL HAVING count(*) > 1)")
      ).getRowObjects()[0];
      expect(Number(dup.n)).toBe(0);
    } finally {
      db.close();
    }
  });
});
