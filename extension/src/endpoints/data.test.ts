import { beforeEach, describe, expect, it } from "vitest";
import { json } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import { barsCsvUrl, getBars, startIngest } from "./data.js";
import { computeFeatures } from "./features.js";

const server = loopbackSidecar();
let urls: string[];

beforeEach(() => {
  urls = [];
});

describe("data and feature endpoints", () => {
  it("reads bars with exactly the range asked for, the ticker escaped in the path", async () => {
    server.respond = (_req, res) => {
      urls.push(res.req.url ?? "");
      json(res, 200, { ticker: "^GSPC", interval: "1d", ts: [], open: [], high: [], low: [], close: [], adjClose: [], volume: [] });
    };
    await getBars({ ticker: "^GSPC", start: "2024-01-01", end: "2024-06-30" });
    expect(urls).toEqual(["/openquant/data/%5EGSPC?start=2024-01-01&end=2024-06-30"]);
  });

  it("passes the sidecar's NOT_FOUND on with its message", async () => {
    server.respond = (_req, res) => json(res, 404, { error: { code: "NOT_FOUND", message: "No bars stored for ZZZ (1d): ingest it first.", details: [] } });
    await expect(getBars({ ticker: "ZZZ" })).rejects.toMatchObject({ status: 404, code: "NOT_FOUND", message: "No bars stored for ZZZ (1d): ingest it first." });
  });

  it("builds the CSV download URL under the proxy", () => {
    const url = new URL(barsCsvUrl({ ticker: "ACME.SAMPLE", start: "2024-01-01" }));
    expect(url.pathname).toBe("/openquant/data/ACME.SAMPLE");
    expect(Object.fromEntries(url.searchParams)).toEqual({ start: "2024-01-01", format: "csv" });
  });

  it("POSTs the ingestion request as JSON and returns the job id", async () => {
    server.respond = (_req, res) => json(res, 202, { jobId: "j1", location: "/jobs/j1" });
    await expect(startIngest({ tickers: ["ACME.SAMPLE"], provider: "sample" })).resolves.toMatchObject({ jobId: "j1" });
    expect(server.requests[0]).toMatchObject({ method: "POST", path: "/openquant/data/ingest" });
    expect(server.requests[0].headers["content-type"]).toBe("application/json");
    expect(JSON.parse(server.requests[0].body)).toEqual({ tickers: ["ACME.SAMPLE"], provider: "sample" });
  });

  it("refuses a computed frame whose columns are not numbers or null", async () => {
    server.respond = (_req, res) =>
      json(res, 200, { ticker: "A", interval: "1d", featureSetHash: "h", dataVersion: 1, dates: ["2024-01-02"], close: [1], columns: { rsi_14: ["x"] } });
    await expect(computeFeatures({ ticker: "A", featureSet: [{ name: "rsi" }] })).rejects.toMatchObject({ code: "BAD_RESPONSE" });
    expect(JSON.parse(server.requests[0].body)).toEqual({ ticker: "A", featureSet: [{ name: "rsi" }] });
  });
});
