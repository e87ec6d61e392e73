/** `openquant universe …` as a user runs it: real processes over one real DuckDB file, the sample provider. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";


describe("openquant universe", () => {
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "oq-universe-cli-"));
    env = { ...process.env, OPENQUANT_DATA_DIR: join(dir, "data"), OPENQUANT_LOG_DIR: join(dir, "logs"), NO_COLOR: "1" };
    expect((await cli("ingest", "ACME.SAMPLE", "BANK.SAMPLE", "NOVA.SAMPLE", "--start", "2024-01-01", "--end", "2024-06-30")).code).toBe(0);
  });
  const cli = (...args: string[]) => runCli(env, ...args);

  it("defines from tickers, a CSV and a rule, lists, shows, answers members and deletes", async () => {
    expect((await cli("universe", "define", "pair", "--tickers", "ACME.SAMPLE,BANK.SAMPLE")).stdout).toMatch(/defined pair v1: 2 tickers, 2 membership spells \(list\)/);
    expect((await cli("universe", "define", "pair", "--tickers", "ACME.SAMPLE,BANK.SAMPLE")).stdout).toMatch(/unchanged pair v1/);

    const csv = join(dir, "members.csv");
    writeFileSync(csv, "ticker,from,to\nACME.SAMPLE,2024-01-01,2024-03-31\nNOVA.SAMPLE,2024-04-01,\n");
    expect((await cli("universe", "define", "history", "--file", csv, "--description", "index history")).stdout).toMatch(/defined history v1: 2 tickers/);
    const rule = join(dir, "rule.yaml");
    writeFileSync(rule, "candidates: [ACME.SAMPLE, BANK.SAMPLE, NOVA.SAMPLE]\ntop: 1\nwindow: 10\nrebalance: monthly\n");
    const defined = await cli("universe", "define", "top1", "--rule", rule);
    expect(defined.code, defined.stderr).toBe(0);
    expect(defined.stdout).toMatch(/defined top1 v1: \d tickers, \d+ membership spells \(rule\)/);

    const list = await cli("universe", "list");
    expect(list.stdout).toMatch(/^history\s+csv\s+1\s+2\s+2\s+cli\s.*index history$/m);
    expect(list.stdout).toMatch(/^pair\s+list\s+1\s+2\s+2\s+cli/m);
    expect(list.stdout).toMatch(/^top1\s+rule\s+1\s/m);

    const show = await cli("universe", "show", "history", "--format", "csv");
    expect(show.stdout).toBe("ticker,from,to\nACME.SAMPLE,2024-01-01,2024-03-31\nNOVA.SAMPLE,2024-04-01,\n");
    expect((await cli("universe", "show", "history")).stdout).toMatch(/NOVA\.SAMPLE\s+2024-04-01\s+\(open\)/);
    expect((await cli("universe", "members", "history", "--date", "2024-02-15")).stdout).toBe("ACME.SAMPLE\n");
    expect((await cli("universe", "members", "history", "--date", "2024-05-15")).stdout).toBe("NOVA.SAMPLE\n");
    // a rule re-chooses one ticker each month: exactly one member on a trading day after the first window
    expect((await cli("universe", "members", "top1", "--date", "2024-05-15")).stdout.trim().split("\n")).toHaveLength(1);

    expect((await cli("universe", "delete", "pair")).stdout).toBe("deleted pair\n");
    expect((await cli("universe", "list")).stdout).not.toMatch(/^pair/m);
  });

  it("reports bad input with what to do, never a stack", async () => {
    const unknown = await cli("universe", "members", "histroy", "--date", "2024-01-02");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No universe 'histroy'\. Did you mean history\?/);
    const both = await cli("universe", "define", "x", "--tickers", "ACME.SAMPLE", "--rule", "r.yaml");
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/Give exactly one of --file members\.csv, --tickers A,B,C or --rule rule\.yaml \(got --tickers and --rule\)/);
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "ticker,from,to\nACME.SAMPLE,2024-05-01,2024-01-01\n");
    const backwards = await cli("universe", "define", "x", "--file", bad);
    expect(backwards.stderr).toMatch(/line 2 of .*bad\.csv: ACME\.SAMPLE ends 2024-01-01, before it starts 2024-05-01/);
    const rule = join(dir, "typo.yaml");
    writeFileSync(rule, "top: 5\nwindows: 60\n");
    expect((await cli("universe", "define", "x", "--rule", rule)).stderr).toMatch(/Unrecognized key: "windows"/);
    const missing = await cli("universe", "define", "x", "--file", join(dir, "nope.csv"));
    expect(missing.stderr).toMatch(/Cannot read the membership CSV .*nope\.csv: no such file/);
    for (const r of [unknown, both, backwards, missing]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("ingests a universe's tickers with openquant ingest --universe, and wants tickers or a universe, not both", async () => {
    expect((await cli("universe", "define", "duo", "--tickers", "ACME.SAMPLE,VOLT.SAMPLE")).code).toBe(0);
    const ingested = await cli("ingest", "--universe", "duo", "--start", "2025-06-02");
    expect(ingested.code, ingested.stderr).toBe(0);
    expect(ingested.stdout).toMatch(/universe duo: 2 ticker\(s\) ingested/);
    expect(ingested.stdout).toMatch(/VOLT\.SAMPLE/);
    const neither = await cli("ingest");
    expect(neither.code).toBe(1);
    expect(neither.stderr).toMatch(/Name the tickers to ingest, or --universe <name>/);
    expect((await cli("ingest", "ACME.SAMPLE", "--universe", "duo")).code).toBe(1);
    const unknown = await cli("ingest", "--universe", "nowhere");
    expect(unknown.stderr).toMatch(/No universe 'nowhere'.*sample500/);
  });
});
