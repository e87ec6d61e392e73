/**
 * GET /data/{ticker} in its three formats against a real DuckDB: Arrow IPC decoded by pyarrow
 * (an independent reader) and by apache-arrow holds exactly the JSON answer's values; CSV too.
 * And a known path asked with a method it does not answer gets 405 with an Allow header.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { OpenQuant } from "@openquant/kernel-lib";
import { tableFromIPC } from "apache-arrow";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp } from "../src/app.js";
import { testPlatform } from "./helpers.js";

const run = promisify(execFile);
const TICKER = "ACME.SAMPLE";
const RANGE = "start=2024-01-01&end=2024-06-30";

/** Reads an Arrow IPC stream with pyarrow and prints its schema and columns as JSON. */
const PYARROW_READER = `
import json, sys
import pyarrow as pa
with open(sys.argv[1], "rb") as f:
    table = pa.ipc.open_stream(f).read_all()
meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
cols = {}
for name in table.column_names:
    col = table.column(name)
    if pa.types.is_timestamp(col.type):
        cols[name] = [v.value for v in col.cast(pa.timestamp("ms", tz="UTC"))]
    else:
        cols[name] = col.to_pylist()
print(json.dumps({"types": {f.name: str(f.type) for f in table.schema}, "meta": meta, "cols": cols}))
`;

interface WireBody {
  ts: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  adjClose: number[];
  volume: number[];
}

/** Collects a binary body as a Buffer (supertest parses only text types by itself). */
function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => done(null, Buffer.concat(chunks)));
}

describe("GET /data/{ticker} formats", () => {
  let oq: OpenQuant;
  let app: Express;
  let json: WireBody;
  beforeAll(async () => {
    oq = await testPlatform();
    app = createApp({ oq, logger: oq.logger });
    await oq.ingest([TICKER], { start: "2023-06-01" });
    const first = await request(app).get(`/data/${TICKER}?${RANGE}`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    json = first.body as WireBody;
    expect(json.ts.length).toBeGreaterThan(100);
  });
  afterAll(async () => oq?.close());

  async function arrowBody(query = RANGE): Promise<{ body: Buffer; headers: Record<string, string> }> {
    const res = await request(app).get(`/data/${TICKER}?${query}&format=arrow`).buffer(true).parse(binary).expect(200);
    return { body: res.body as Buffer, headers: res.headers as Record<string, string> };
  }

  it("answers Arrow IPC that pyarrow reads as typed columns equal to the JSON answer", async () => {
    const { body, headers } = await arrowBody();
    expect(headers["content-type"]).toBe("application/vnd.apache.arrow.stream");
    expect(headers["content-disposition"]).toContain(`${TICKER}.arrow`);
    const file = join(mkdtempSync(join(tmpdir(), "oq-arrow-")), "bars.arrows");
    writeFileSync(file, body);
    const { stdout } = await run(join(inject("venvDir"), "bin", "python"), ["-c", PYARROW_READER, file], { timeout: 60_000 });
    const read = JSON.parse(stdout) as { types: Record<string, string>; meta: Record<string, string>; cols: Record<string, number[]> };
    expect(read.types).toEqual({
      ts: "timestamp[ms, tz=UTC]",
      open: "double",
      high: "double",
      low: "double",
      close: "double",
      adj_close: "double",
      volume: "double",
    });
    expect(read.meta).toEqual({ ticker: TICKER, interval: "1d" });
    expect(read.cols.ts).toEqual(json.ts);
    expect(read.cols.open).toEqual(json.open);
    expect(read.cols.close).toEqual(json.close);
    expect(read.cols.adj_close).toEqual(json.adjClose);
    expect(read.cols.volume).toEqual(json.volume);
  });

  it("decodes with apache-arrow to the same values, and revalidates by its own ETag", async () => {
    const { body, headers } = await arrowBody();
    const table = tableFromIPC(body);
    expect(table.numRows).toBe(json.ts.length);
    expect(Array.from(table.getChild("high")?.toArray() as Float64Array)).toEqual(json.high);
    expect(Array.from(table.getChild("low")?.toArray() as Float64Array)).toEqual(json.low);
    const jsonEtag = (await request(app).get(`/data/${TICKER}?${RANGE}`)).headers.etag;
    expect(headers.etag).toBeTruthy();
    expect(headers.etag).not.toBe(jsonEtag);
    await request(app).get(`/data/${TICKER}?${RANGE}&format=arrow`).set("If-None-Match", headers.etag).expect(304);
  });

  it("answers CSV rows equal to the JSON answer", async () => {
    const res = await request(app).get(`/data/${TICKER}?${RANGE}&format=csv`).expect(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    const [header, ...rows] = res.text.trim().split("\n");
    expect(header).toBe("date,open,high,low,close,adj_close,volume");
    expect(rows).toHaveLength(json.ts.length);
    const last = rows.at(-1)?.split(",") ?? [];
    const i = json.ts.length - 1;
    expect(Date.parse(last[0] as string)).toBe(json.ts[i]);
    expect(last.slice(1).map(Number)).toEqual([json.open[i], json.high[i], json.low[i], json.close[i], json.adjClose[i], json.volume[i]]);
  });

  it("an empty range is an empty Arrow table, not an error", async () => {
    const { body } = await arrowBody("start=1990-01-01&end=1990-12-31");
    const table = tableFromIPC(body);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(["ts", "open", "high", "low", "close", "adj_close", "volume"]);
  });
});

describe("methods a path does not answer", () => {
  let oq: OpenQuant;
  let app: Express;
  beforeAll(async () => {
    oq = await testPlatform();
    app = createApp({ oq, logger: oq.logger });
  });
  afterAll(async () => oq?.close());

  it.each([
    ["delete", "/data/tickers", "GET, HEAD"],
    ["put", "/jobs", "GET, HEAD"],
    ["get", "/models/train", "POST"],
    ["patch", "/schedules/abc", "DELETE, GET, HEAD, PUT"],
  ] as const)("%s %s → 405, Allow: %s", async (method, path, allow) => {
    const res = await request(app)[method](path).send({}).expect(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body.error.code).toBe("METHOD_NOT_ALLOWED");
    expect(res.body.error.message).toContain(allow);
  });

  it("an unknown path stays a 404", async () => {
    const res = await request(app).delete("/no/such/thing").expect(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });
});
