import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSettings } from "../../config/load.js";
import { Database } from "../store/database.js";
import { DuckStore } from "../store/duck-store.js";
import { Universes } from "./universes.js";

describe("universes from configs/universes.yaml", () => {
  const dbs: Database[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });
  const configDir = (yaml: string) => {
    const dir = mkdtempSync(join(tmpdir(), "oq-universes-yaml-"));
    writeFileSync(join(dir, "universes.yaml"), yaml);
    return dir;
  };

  it("refuses a rule with an unknown field at load time, naming the file and the key", () => {
    const dir = configDir("universes:\n  liquid:\n    kind: rule\n    top: 300\n    windw: 60\n");
    expect(() => loadSettings({ home: dir, configDir: dir, env: {} })).toThrow(/universes\.yaml:\n\s+- key 'universes\.liquid': Unrecognized key: "windw"/);
    // every entry commented out reads as no universes
    const empty = configDir("universes:\n#  x: {}\n");
    expect(loadSettings({ home: empty, configDir: empty, env: {} }).universes.universes).toEqual({});
  });

  it("defines lists and CSVs, skips a rule that has no bars yet, and names the universe of a bad CSV", async () => {
    const db = await Database.open(join(mkdtempSync(join(tmpdir(), "oq-universes-yaml-db-")), "t.duckdb"));
    dbs.push(db);
    const universes = new Universes(new DuckStore(db));
    const dir = configDir("");
    writeFileSync(join(dir, "m.csv"), "ticker,from,to\nAAA,2020-01-01,\n");
    const defined = await universes.defineFromConfig(
      { a: { kind: "list", tickers: ["AAA"] }, b: { kind: "csv", file: "m.csv" }, c: { kind: "rule", top: 5 } },
      dir,
    );
    expect(defined.map((u) => [u.name, u.source])).toEqual([
      ["a", "yaml"],
      ["b", "yaml"],
    ]);
    writeFileSync(join(dir, "bad.csv"), "ticker,from,to\nAAA,2020-01-01,\nAAA,2020-06-01,\n");
    await expect(universes.defineFromConfig({ d: { kind: "csv", file: "bad.csv" } }, dir)).rejects.toThrow(
      /configs\/universes\.yaml, universe 'd': .*AAA has overlapping memberships: line 2 of bad\.csv/,
    );
  });
});
