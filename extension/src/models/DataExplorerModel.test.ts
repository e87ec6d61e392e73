import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import { DataExplorerModel, parseTickerList } from "./DataExplorerModel.js";

const server = loopbackSidecar();
let model: DataExplorerModel | undefined;
let urls: string[];

const ACME = {
  ticker: "ACME.SAMPLE",
  interval: "1d",
  provider: "sample",
  firstBar: "2008-01-02T00:00:00.000Z",
  lastBar: "2025-12-31T00:00:00.000Z",
  lastIngestedAt: "2026-11-25T23:51:14.537Z",
  rows: 4529,
  dataVersion: 1,
};
const NOVA = { ...ACME, ticker: "NOVA.SAMPLE" };
const BARS = {
  ticker: "ACME.SAMPLE",
  interval: "1d",
  ts: [1704153600000, 1704240000000],
  open: [83.7, 80.8],
  high: [84.08, 81.16],
  low: [80.54, 78.76],
  close: [81.67, 78.81],
  adjClose: [78.77578, 76.017133],
  volume: [28290753, 33193573],
};

function job(status: string) {
  return {
    id: "job-7",
    kind: "ingest",
    params: {},
    status,
    progress: { fraction: status === "succeeded" ? 1 : 0, message: null, counters: {} },
    error: null,
    trigger: "api",
    createdAt: "2026-11-25T23:00:00.000Z",
    startedAt: null,
    finishedAt: null,
    cancelRequested: false,
  };
}

beforeEach(() => {
  urls = [];
});

afterEach(() => {
  model?.dispose();
  model = undefined;
});

describe("parseTickerList", () => {
  it("splits on commas and spaces, upper-cases and drops duplicates", () => {
    expect(parseTickerList(" acme.sample, NOVA.SAMPLE  nova.sample;MKT.SAMPLE ")).toEqual(["ACME.SAMPLE", "NOVA.SAMPLE", "MKT.SAMPLE"]);
    expect(parseTickerList("  ")).toEqual([]);
  });
});

describe("DataExplorerModel", () => {
  it("lists tickers, picks the first, defaults to its last year and loads those bars", async () => {
    server.respond = (req, res) => {
      urls.push(res.req.url ?? "");
      if (req.path === "/openquant/data/tickers") return json(res, 200, [ACME, NOVA]);
      return json(res, 200, BARS);
    };
    model = new DataExplorerModel();
    await model.refreshTickers();
    const { state } = model;
    expect(state.ticker).toBe("ACME.SAMPLE");
    expect([state.start, state.end]).toEqual(["2025-01-01", "2025-12-31"]);
    expect(state.bars.kind === "ready" && state.bars.value.close).toEqual([81.67, 78.81]);
    const barsUrl = new URL(urls[1], "http://x");
    expect(barsUrl.pathname).toBe("/openquant/data/ACME.SAMPLE");
    expect([barsUrl.searchParams.get("start"), barsUrl.searchParams.get("end")]).toEqual(["2025-01-01", "2025-12-31"]);
    const csv = new URL(model.csvUrl ?? "");
    expect(csv.pathname).toBe("/openquant/data/ACME.SAMPLE");
    expect(csv.searchParams.get("format")).toBe("csv");
  });

  it("refuses a reversed or malformed range without asking the sidecar", async () => {
    server.respond = (req, res) => json(res, 200, req.path.endsWith("tickers") ? [ACME] : BARS);
    model = new DataExplorerModel();
    await model.refreshTickers();
    const asked = server.requests.length;
    await model.setRange("2025-06-01", "2025-01-01");
    expect(model.state.rangeErrors).toEqual({ start: "start must not be after end" });
    await model.setRange("2025/06/01", "");
    expect(model.state.rangeErrors).toEqual({ start: "use YYYY-MM-DD" });
    expect(server.requests.length).toBe(asked);
    await model.setRange("2024-01-01", "2024-01-03");
    expect(model.state.rangeErrors).toEqual({});
    expect(server.requests.length).toBe(asked + 1);
  });

  it("checks the Ingest form before sending and shows each problem at its field", async () => {
    server.respond = (_req, res) => json(res, 500, {});
    model = new DataExplorerModel();
    await model.ingest({ tickers: " ", provider: "sample" });
    expect(model.state.ingest.errors).toEqual({ tickers: "give at least one ticker" });
    await model.ingest({ tickers: "GOOD, BAD!", provider: "sample", start: "2025-02-01", end: "2025-01-01" });
    expect(model.state.ingest.errors).toEqual({
      tickers: "a ticker is 1 to 20 letters, digits or . ^ = _ -",
      start: "start must not be after end",
    });
    expect(server.requests).toHaveLength(0);
  });

  it("shows the sidecar's refusal at the field its details name", async () => {
    server.respond = (_req, res) =>
      json(res, 400, {
        error: {
          code: "INVALID_INPUT",
          message: "Invalid request body: provider: yahoo is not configured",
          details: [{ path: "provider", message: "yahoo is not configured" }],
        },
      });
    model = new DataExplorerModel();
    const job = await model.ingest({ tickers: "ACME.SAMPLE", provider: "yahoo" });
    expect(job).toBeUndefined();
    expect(model.state.ingest).toMatchObject({ submitting: false, errors: { provider: "yahoo is not configured" } });
    expect(JSON.parse(server.requests[0].body)).toEqual({ tickers: ["ACME.SAMPLE"], provider: "yahoo" });
  });

  it("follows the ingestion job, then reloads the tickers and shows the one ingested", async () => {
    let polls = 0;
    let stored = [ACME];
    server.respond = (req, res) => {
      if (req.method === "POST") return json(res, 202, { jobId: "job-7", location: "/jobs/job-7", job: job("queued") });
      if (req.path === "/openquant/jobs/job-7") {
        polls++;
        if (polls < 3) return json(res, 200, job("running"));
        stored = [ACME, NOVA];
        return json(res, 200, job("succeeded"));
      }
      if (req.path === "/openquant/data/tickers") return json(res, 200, stored);
      return json(res, 200, { ...BARS, ticker: req.path.split("/").pop() });
    };
    model = new DataExplorerModel({ jobIntervalMs: 10 });
    await model.refreshTickers();
    const statuses: string[] = [];
    model.changed.connect((_, s) => {
      const status = s.ingest.job?.status;
      if (status && statuses[statuses.length - 1] !== status) statuses.push(status);
    });
    const done = await model.ingest({ tickers: "nova.sample", provider: "sample" });
    expect(done?.status).toBe("succeeded");
    expect(statuses).toEqual(["running", "succeeded"]);
    expect(model.state.tickers.kind === "ready" && model.state.tickers.value.map((t) => t.ticker)).toEqual(["ACME.SAMPLE", "NOVA.SAMPLE"]);
    expect(model.state.ticker).toBe("NOVA.SAMPLE");
    expect(model.state.bars.kind === "ready" && model.state.bars.value.ticker).toBe("NOVA.SAMPLE");
  });

  it("holds the error of an unreachable sidecar", async () => {
    server.respond = (_req, res) => res.writeHead(599).end("HTTP 599: Connection refused");
    model = new DataExplorerModel();
    await model.refreshTickers();
    expect(model.state.tickers.kind === "error" && model.state.tickers.error.unreachable).toBe(true);
  });
});
