/**
 * Universes and panels end to end: the real DuckDB file, the real app in-process, YAML universes
 * defined at start, REST (JSON and Arrow), and a client-mode process reading the same through the sidecar.
 */
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings, type OpenQuant, openQuant } from "@openquant/kernel-lib";
import { tableFromIPC } from "apache-arrow";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp } from "../src/app.js";
import { testPlatform } from "./helpers.js";

const TICKERS = ["ACME.SAMPLE", "BANK.SAMPLE", "NOVA.SAMPLE"];
const RULE = { kind: "rule", candidates: TICKERS, top: 2, window: 20, rebalance: "monthly", start: "2024-03-01", end: "2024-12-31" };

/** Reads a response body as bytes (supertest parses only text types by itself). */
function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => done(null, Buffer.concat(chunks)));
}

describe("universes and panels", () => {
  let oq: OpenQuant;
  let app: Express;
  let configDir: string;

  beforeAll(async () => {
    configDir = mkdtempSync(join(tmpdir(), "oq-universes-config-"));
    const home = inject("home");
    for (const f of readdirSync(join(home, "configs"))) if (f.endsWith(".yaml")) copyFileSync(join(home, "configs", f), join(configDir, f));
    writeFileSync(join(configDir, "members.csv"), "ticker,from,to\nACME.SAMPLE,2024-01-01,2024-06-30\nBANK.SAMPLE,2024-03-01,\n");
    writeFileSync(
      join(configDir, "universes.yaml"),
      'universes:\n  yaml-list:\n    kind: list\n    description: from YAML\n    tickers: [ACME.SAMPLE, { ticker: NOVA.SAMPLE, from: "2024-06-01" }]\n  yaml-csv:\n    kind: csv\n    file: members.csv\n',
    );
    oq = await testPlatform({ OPENQUANT_CONFIG_DIR: configDir });
    app = createApp({ oq, logger: oq.logger, rateLimit: { windowMs: 60_000, limit: 100_000 } });
    await oq.ingest(TICKERS, { start: "2023-06-01", end: "2024-12-31" });
  });
  afterAll(async () => oq?.close());

  it("defines the universes of configs/universes.yaml at start, and again only when they change", async () => {
    const list = (await request(app).get("/universes").expect(200)).body;
    expect(list.map((u: { name: string; version: number; source: string }) => [u.name, u.version, u.source])).toEqual([
      ["yaml-csv", 1, "yaml"],
      ["yaml-list", 1, "yaml"],
    ]);
    const csv = (await request(app).get("/universes/yaml-csv").expect(200)).body;
    expect(csv.memberships).toEqual([
      { ticker: "ACME.SAMPLE", from: "2024-01-01", to: "2024-06-30" },
      { ticker: "BANK.SAMPLE", from: "2024-03-01", to: null },
    ]);
    // the file's text is kept with the version, so it can be rebuilt after the file changes
    expect(csv.definition.csv).toMatch(/^ticker,from,to/);
    expect((await oq.universes.defineFromConfig(oq.settings.universes.universes, configDir)).map((u) => u.version)).toEqual([1, 1]);
    expect((await request(app).get("/universes/yaml-csv/members?date=2024-07-01").expect(200)).body.tickers).toEqual(["BANK.SAMPLE"]);
  });

  it("defines a rule over REST, versions it and answers point in time", async () => {
    const put = await request(app).put("/universes/liquid").send(RULE).expect(200);
    expect(put.body).toMatchObject({ name: "liquid", kind: "rule", version: 1, source: "api" });
    const u = (await request(app).get("/universes/liquid").expect(200)).body;
    // each rebalance chooses two of the three; spells start on a first trading day of a month
    expect(u.memberships.length).toBeGreaterThan(0);
    for (const m of u.memberships) expect(TICKERS).toContain(m.ticker);
    const members = (await request(app).get("/universes/liquid/members?date=2024-05-15").expect(200)).body;
    expect(members.tickers).toHaveLength(2);
    expect(members.tickers).toEqual(await oq.universes.members("liquid", "2024-05-15"));
    // the same rule again: nothing changes; another top: version 2, and version 1 stays
    expect((await request(app).put("/universes/liquid").send(RULE).expect(200)).body.version).toBe(1);
    expect((await request(app).put("/universes/liquid").send({ ...RULE, top: 1 }).expect(200)).body.version).toBe(2);
    expect((await request(app).get("/universes/liquid/members?date=2024-05-15").expect(200)).body.tickers).toHaveLength(1);
    expect((await request(app).get("/universes/liquid/members?date=2024-05-15&version=1").expect(200)).body.tickers).toEqual(members.tickers);
    const missing = await request(app).get("/universes/liquidd").expect(404);
    expect(missing.body.error.message).toMatch(/No universe 'liquidd'\. Did you mean liquid\?/);
  });

  it("answers panels as JSON columns and as Arrow, the same numbers as the bars", async () => {
    await request(app).put("/universes/liquid").send(RULE).expect(200);
    const body = { universe: "liquid", version: 1, fields: ["close"], featureSet: [{ name: "rsi" }], start: "2024-04-01", end: "2024-09-30" };
    const json = (await request(app).post("/panels").send(body).expect(200)).body;
    const n = json.dates.length * json.tickers.length;
    expect(json.columns.close).toHaveLength(n);
    expect(json.columns.rsi_14).toHaveLength(n);
    expect(json.mask.filter((m: number) => m === 1).length).toBe(json.columns.close.filter((v: number | null) => v !== null).length);
    // one cell, checked against the bars
    const t = json.tickers.indexOf(json.tickers[0]);
    const d = json.mask.findIndex((m: number, k: number) => m === 1 && k % json.tickers.length === t) / json.tickers.length;
    const bars = await oq.bars(json.tickers[0], { start: json.dates[d], end: json.dates[d] });
    expect(json.columns.close[d * json.tickers.length + t]).toBe(bars.close[0]);
    // the panel is the members' trading dates: every date has a member
    for (let i = 0; i < json.dates.length; i++) expect(json.mask.slice(i * json.tickers.length, (i + 1) * json.tickers.length)).toContain(1);

    const arrow = await request(app).post("/panels?format=arrow").send(body).buffer(true).parse(binary).expect(200);
    expect(arrow.headers["content-type"]).toMatch(/application\/vnd\.apache\.arrow\.stream/);
    const table = tableFromIPC(arrow.body as Buffer);
    expect(table.schema.fields.map((f) => f.name)).toEqual(["date", "ticker", "member", "close", "rsi_14"]);
    expect(table.numRows).toBe(n);
    expect(table.schema.metadata.get("universe")).toBe("liquid");
    const member = table.getChild("member")?.toArray() as unknown as boolean[];
    expect([...member].filter(Boolean).length).toBe(json.mask.filter((m: number) => m === 1).length);
    expect(table.getChild("close")?.get(d * json.tickers.length + t)).toBe(bars.close[0]);
  });

  it("a client-mode process reads and writes the same universes, panels and attributes through the sidecar", async () => {
    const server: Server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const settings = loadSettings({ home: inject("home"), env: { OPENQUANT_API_URL: url, OPENQUANT_LOG_LEVEL: "error", MLFLOW_TRACKING_URI: inject("mlflowUrl"), OPENQUANT_DATA_DIR: oq.settings.data_dir } });
    const client = await openQuant({ settings, mode: "client", component: "test" });
    try {
      expect(client.mode).toBe("client");
      expect((await client.universes.list()).map((u) => u.name)).toEqual((await oq.universes.list()).map((u) => u.name));
      expect(await client.universes.members("liquid", "2024-05-15", { version: 1 })).toEqual(await oq.universes.members("liquid", "2024-05-15", { version: 1 }));
      const options = { version: 1, featureSet: [{ name: "sma", params: { period: 5 } }], start: "2024-04-01", end: "2024-06-30" };
      const remote = await client.panel("liquid", options);
      const local = await oq.panel("liquid", options);
      expect(remote.tickers).toEqual(local.tickers);
      expect(Array.from(remote.dates)).toEqual(Array.from(local.dates));
      expect(Array.from(remote.mask)).toEqual(Array.from(local.mask));
      expect(Array.from(remote.columns.sma_5)).toEqual(Array.from(local.columns.sma_5));
      // as of a time: the universe version current then, through the sidecar as in-process
      const asOf = Date.now();
      await request(app).put("/universes/liquid").send({ ...RULE, top: 3 }).expect(200);
      const then = { asOf, fields: ["close" as const], start: "2024-04-01", end: "2024-06-30" };
      const [remoteThen, localThen] = [await client.panel("liquid", then), await oq.panel("liquid", then)];
      expect(remoteThen.version).toBe(localThen.version);
      expect(remoteThen.version).toBe((await oq.universes.list()).find((u) => u.name === "liquid")?.version as number - 1);
      expect(await client.universes.members("liquid", "2024-05-15", { asOf })).toEqual(await oq.universes.members("liquid", "2024-05-15", { asOf }));

      // a csv universe from a file the client reads itself
      const file = join(mkdtempSync(join(tmpdir(), "oq-members-")), "m.csv");
      writeFileSync(file, "ticker,from,to\nNOVA.SAMPLE,2024-02-01,2024-02-29\n");
      const defined = await client.universes.define("client-csv", { kind: "csv", file });
      expect(defined).toMatchObject({ version: 1, source: "notebook", spells: 1 });
      expect((await oq.universes.get("client-csv")).memberships).toEqual([{ ticker: "NOVA.SAMPLE", from: "2024-02-01", to: "2024-02-29" }]);
      await expect(client.universes.define("client-csv", { kind: "csv", csv: "ticker,from,to\nNOVA.SAMPLE,2024-03-01,2024-02-01\n" })).rejects.toThrow(/before it starts/);
      await client.universes.delete("client-csv");
      await expect(oq.universes.get("client-csv")).rejects.toThrow(/No universe 'client-csv'/);

      await client.setTickerAttributes([{ ticker: "ACME.SAMPLE", sector: "Industrials", name: "Acme" }]);
      expect(await oq.tickerAttributes(["ACME.SAMPLE"])).toEqual([{ ticker: "ACME.SAMPLE", sector: "Industrials", industry: null, name: "Acme", exchange: null, currency: null }]);
      expect(await client.tickerAttributes()).toEqual(await oq.tickerAttributes());
    } finally {
      await client.close();
      await new Promise((r) => server.close(r));
    }
  });
});
