/**
 * One writer per DuckDB file (DESIGN.md decision 2): the real sidecar owns the file while two
 * notebook-like processes write and read at the same time — one told where the sidecar is
 * (OPENQUANT_API_URL), one not (it finds the file held and goes through the sidecar by itself).
 * No lock errors, no lost rows.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort, type SidecarHandle, startSidecar } from "../src/services/index.js";

const run = promisify(execFile);
const ROUNDS = 40;

describe("a notebook and the sidecar at once", () => {
  let sidecar: SidecarHandle | undefined;
  afterAll(async () => sidecar?.stop());

  it("both read and write with no lock errors and no lost rows", async () => {
    const home = inject("home");
    const dir = mkdtempSync(join(tmpdir(), "oq-two-"));
    const port = await freePort();
    const env = {
      ...process.env,
      OPENQUANT_HOME: home,
      OPENQUANT_DATA_DIR: join(dir, "data"),
      OPENQUANT_LOG_DIR: join(dir, "logs"),
      OPENQUANT_PORT: String(port),
      MLFLOW_TRACKING_URI: inject("mlflowUrl"),
    };
    sidecar = await startSidecar({ home, port, logFile: join(dir, "sidecar.log"), env });
    const script = join(home, "kernel-lib", "e2e", "fixtures", "notebook-client.mjs");

    let polls = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const res = await fetch(`${sidecar?.url}/data/tickers`, { headers: sidecar?.headers() });
        expect(res.status).toBe(200);
        polls++;
      }
    })();
    const [told, found] = await Promise.all([
      run(process.execPath, [script, "TOLD", String(ROUNDS)], { env: { ...env, OPENQUANT_API_URL: sidecar.url }, cwd: home }),
      run(process.execPath, [script, "FOUND", String(ROUNDS)], { env, cwd: home }),
    ]);
    polling = false;
    await poller;

    expect(JSON.parse(told.stdout)).toEqual({ mode: "client", written: ROUNDS * 50 });
    expect(JSON.parse(found.stdout)).toEqual({ mode: "client", written: ROUNDS * 50 });
    expect(`${told.stderr}${found.stderr}`).not.toMatch(/lock/i);
    expect(polls).toBeGreaterThan(5);
    const tickers = (await (await fetch(`${sidecar.url}/data/tickers`, { headers: sidecar.headers() })).json()) as Array<{ ticker: string; rows: number }>;
    expect(tickers.map((t) => [t.ticker, t.rows])).toEqual([
      ["FOUND", ROUNDS * 50],
      ["TOLD", ROUNDS * 50],
    ]);
  });
});
