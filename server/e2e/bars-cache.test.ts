/**
 * GET /data/{ticker} reuses its encoded answer only while the ticker's data version holds: a
 * write of changed bars through the sidecar is in the very next answer; ETags revalidate.
 */
import { type OpenQuant, toWire } from "@openquant/kernel-lib";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { testPlatform } from "./helpers.js";

const TICKER = "ACME.SAMPLE";
const PATH = `/data/${TICKER}?start=2024-01-01&end=2024-03-31`;

describe("GET /data/{ticker} answer cache", () => {
  let oq: OpenQuant;
  let app: Express;
  beforeAll(async () => {
    oq = await testPlatform();
    app = createApp({ oq, logger: oq.logger });
    await oq.ingest([TICKER], { start: "2023-06-01" });
  });
  afterAll(async () => oq?.close());

  it("serves the bars the store holds, before and after a write that changes one", async () => {
    const first = await request(app).get(PATH).expect(200);
    expect(first.body).toEqual(toWire(await oq.store.readBars({ ticker: TICKER, start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 2, 31) })));
    const again = await request(app).get(PATH).expect(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.etag).toBe(first.headers.etag);
    await request(app).get(PATH).set("If-None-Match", first.headers.etag).expect(304);

    // a corrected close for the first bar, written through the sidecar as a client-mode process would
    const bar = { ...first.body, ts: [first.body.ts[0]], open: [first.body.open[0]], high: [first.body.high[0] + 5], low: [first.body.low[0]] };
    const frame = { ...bar, close: [first.body.high[0] + 4], adjClose: [first.body.high[0] + 4], volume: [first.body.volume[0]] };
    const written = await request(app).post("/data/bars").send({ provider: "sample", frame }).expect(200);
    expect(written.body).toMatchObject({ updated: 1 });

    const after = await request(app).get(PATH).expect(200);
    expect(after.body.close[0]).toBe(first.body.high[0] + 4);
    expect(after.body.close.slice(1)).toEqual(first.body.close.slice(1));
    expect(after.headers.etag).not.toBe(first.headers.etag);
    await request(app).get(PATH).set("If-None-Match", first.headers.etag).expect(200);
  });
});
