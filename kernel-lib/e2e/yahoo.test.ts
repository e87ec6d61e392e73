/**
 * Yahoo Finance cannot be reached from the test machine. These tests run the real yahoo provider and
 * the real yahoo-finance2 client against a node:http server on loopback that answers in Yahoo's exact
 * chart-API format (fixtures in yahoo-chart-fixtures.ts); the fetch handed to the provider rewrites
 * Yahoo's hosts (query1/query2.finance.yahoo.com) to that server, and nothing else is replaced.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dataSourcesSchema } from "../src/config/schema.js";
import { InvalidInput, NotFound, Unavailable } from "../src/errors.js";
import { parseIsoDate } from "../src/data/providers/dates.js";
import { createProvider } from "../src/data/providers/registry.js";
import { YahooProvider, type YahooProviderOptions } from "../src/data/providers/yahoo/yahoo-provider.js";
import { AAPL_5M, AAPL_DAILY, RANGE_TOO_OLD, UNKNOWN_SYMBOL } from "./yahoo-chart-fixtures.js";

type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

interface Seen {
  url: URL;
  at: number;
}

let server: Server;
let base: string;
let handler: Handler;
let seen: Seen[];
/** URLs the client asked for, before the rewrite to loopback. */
let requested: string[];

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json;charset=utf-8", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

/** The fetch a deployment would not need: sends Yahoo's URLs to the loopback server. */
function loopbackFetch(target: () => string): typeof fetch {
  return (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    requested.push(url);
    return fetch(url.replace(/^https:\/\/query[12]\.finance\.yahoo\.com/, target()), init);
  };
}

function provider(options: YahooProviderOptions = {}): YahooProvider {
  return new YahooProvider({ retries: 3, backoffMs: 20, timeoutMs: 2000, random: () => 0, fetch: loopbackFetch(() => base), ...options });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: new URL(req.url ?? "/", base), at: performance.now() });
    handler(req, res, seen.length);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  requested = [];
  handler = (req, res) => {
    const interval = new URL(req.url ?? "/", base).searchParams.get("interval");
    json(res, 200, interval === "5m" ? AAPL_5M : AAPL_DAILY);
  };
});

const day = (iso: string) => parseIsoDate(iso);
const quote = AAPL_DAILY.chart.result[0].indicators.quote[0];
const adjclose = AAPL_DAILY.chart.result[0].indicators.adjclose[0].adjclose;

describe("yahoo provider against Yahoo's chart format on loopback", () => {
  it("fetches daily bars: one request to the chart API, null bar dropped, dates at 00:00 UTC", async () => {
    const frame = await provider().fetch({ ticker: "AAPL", interval: "1d", start: day("2024-01-02"), end: day("2024-01-10") });
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatch(/^https:\/\/query2\.finance\.yahoo\.com\/v8\/finance\/chart\/AAPL\?/);
    const params = seen[0].url.searchParams;
    expect(seen[0].url.pathname).toBe("/v8/finance/chart/AAPL");
    expect(params.get("interval")).toBe("1d");
    expect(params.get("includePrePost")).toBe("false");
    // One day of margin before start, two after end (Yahoo stamps daily bars at the session open).
    expect(params.get("period1")).toBe(String(Date.UTC(2024, 0, 1) / 1000));
    expect(params.get("period2")).toBe(String(Date.UTC(2024, 0, 12) / 1000));

    const keep = [0, 1, 2, 3, 5, 6]; // the 2024-01-08 bar (index 4) is null in the response
    expect(Array.from(frame.ts)).toEqual(["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-09", "2024-01-10"].map(day));
    expect(Array.from(frame.open)).toEqual(keep.map((i) => quote.open[i]));
    expect(Array.from(frame.high)).toEqual(keep.map((i) => quote.high[i]));
    expect(Array.from(frame.low)).toEqual(keep.map((i) => quote.low[i]));
    expect(Array.from(frame.close)).toEqual(keep.map((i) => quote.close[i]));
    expect(Array.from(frame.adjClose)).toEqual(keep.map((i) => adjclose[i]));
    expect(Array.from(frame.volume)).toEqual(keep.map((i) => quote.volume[i]));
    expect(frame.skipped).toEqual([{ ts: day("2024-01-08"), reason: expect.stringContaining("null bar") }]);
    expect(frame.ticker).toBe("AAPL");
    expect(frame.interval).toBe("1d");
  });

  it("fetches intraday bars at Yahoo's bar times, adjusted close = close", async () => {
    const start = Date.UTC(2024, 0, 5, 14, 30);
    const end = Date.UTC(2024, 0, 5, 15, 5);
    const frame = await provider().fetch({ ticker: "AAPL", interval: "5m", start, end });
    const params = seen[0].url.searchParams;
    expect(params.get("interval")).toBe("5m");
    expect(params.get("period1")).toBe(String(start / 1000));
    expect(params.get("period2")).toBe(String(end / 1000 + 1));
    const intraday = AAPL_5M.chart.result[0];
    const keep = [0, 1, 2, 4, 5, 6, 7];
    expect(Array.from(frame.ts)).toEqual(keep.map((i) => intraday.timestamp[i] * 1000));
    expect(Array.from(frame.close)).toEqual(keep.map((i) => intraday.indicators.quote[0].close[i]));
    expect(Array.from(frame.adjClose)).toEqual(Array.from(frame.close));
    expect(frame.skipped).toHaveLength(1);
  });

  it("asks for the history Yahoo keeps when an intraday request has no start", async () => {
    const now = Date.UTC(2024, 0, 5, 16, 0);
    await provider({ now: () => now }).fetch({ ticker: "AAPL", interval: "5m" });
    const params = seen[0].url.searchParams;
    expect(params.get("period1")).toBe(String(now / 1000 - 59 * 86_400)); // Yahoo serves 5m bars for 60 days
    expect(Number(params.get("period2"))).toBeGreaterThan(now / 1000); // yahoo-finance2 fills in "now"
  });

  it("retries 429 then 500 and succeeds on the third attempt, backing off exponentially", async () => {
    handler = (_req, res, attempt) => {
      if (attempt === 1) json(res, 429, "Too Many Requests");
      else if (attempt === 2) json(res, 500, "Internal Server Error");
      else json(res, 200, AAPL_DAILY);
    };
    const frame = await provider({ backoffMs: 100 }).fetch({ ticker: "AAPL", interval: "1d" });
    expect(seen).toHaveLength(3);
    expect(frame.ts.length).toBe(6);
    // random = 0 gives the lower edge of the jitter: half of 100 ms, then half of 200 ms.
    expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(45);
    expect(seen[2].at - seen[1].at).toBeGreaterThanOrEqual(95);
  });

  it("retries a connection dropped in the middle of the body", async () => {
    handler = (_req, res, attempt) => {
      if (attempt === 1) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100000" });
        res.write('{"chart":{"result":[{"meta":');
        setTimeout(() => res.socket?.destroy(), 20);
      } else json(res, 200, AAPL_DAILY);
    };
    const frame = await provider().fetch({ ticker: "AAPL", interval: "1d" });
    expect(seen).toHaveLength(2);
    expect(frame.ts.length).toBe(6);
  });

  it("waits as long as Yahoo's Retry-After asks", async () => {
    handler = (_req, res, attempt) => (attempt === 1 ? json(res, 429, "slow down", { "retry-after": "1" }) : json(res, 200, AAPL_DAILY));
    await provider({ backoffMs: 10 }).fetch({ ticker: "AAPL", interval: "1d" });
    expect(seen).toHaveLength(2);
    expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(950);
  });

  it("gives up with Unavailable after the configured retries when Yahoo always answers 503", async () => {
    handler = (_req, res) => json(res, 503, "Service Unavailable");
    const error = await provider({ retries: 2 }).fetch({ ticker: "AAPL", interval: "1d" }).catch((e) => e);
    expect(error).toBeInstanceOf(Unavailable);
    expect(error.message).toMatch(/^Yahoo Finance could not be reached after 3 attempts: HTTP 503 Service Unavailable\./);
    expect(seen).toHaveLength(3);
  });

  it("takes retries, backoff and timeout from the data-source settings", async () => {
    handler = (_req, res) => json(res, 502, "Bad Gateway");
    const settings = dataSourcesSchema.parse({ providers: { yahoo: { retries: 1, backoff_ms: 10, timeout_ms: 1000 } } });
    const yahoo = createProvider("yahoo", { settings, fetch: loopbackFetch(() => base) });
    await expect(yahoo.fetch({ ticker: "AAPL", interval: "1d" })).rejects.toThrow(/after 2 attempts: HTTP 502 Bad Gateway/);
    expect(seen).toHaveLength(2);
  });

  it("reports a refused connection as Unavailable after every attempt", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const yahoo = provider({ retries: 2, backoffMs: 5, fetch: loopbackFetch(() => `http://127.0.0.1:${port}`) });
    const error = await yahoo.fetch({ ticker: "AAPL", interval: "1d" }).catch((e) => e);
    expect(error).toBeInstanceOf(Unavailable);
    expect(error.message).toMatch(/could not be reached after 3 attempts: connection refused \(ECONNREFUSED\)/);
    expect(requested).toHaveLength(3);
  });

  it("times out an attempt that gets no answer, and retries it", async () => {
    handler = () => {}; // never answers
    const error = await provider({ retries: 1, timeoutMs: 200, backoffMs: 5 }).fetch({ ticker: "AAPL", interval: "1d" }).catch((e) => e);
    expect(error).toBeInstanceOf(Unavailable);
    expect(error.message).toMatch(/after 2 attempts: no answer within 200 ms/);
    expect(seen).toHaveLength(2);
    server.closeAllConnections();
  });

  it("reports malformed JSON clearly, without retrying and without bars", async () => {
    handler = (_req, res) => json(res, 200, '{"chart":{"result":[{"meta":{"currency":"USD",');
    const error = await provider().fetch({ ticker: "AAPL", interval: "1d" }).catch((e) => e);
    expect(error).toBeInstanceOf(Unavailable);
    expect(error.message).toBe("Yahoo Finance sent a malformed response for 'AAPL' (not valid JSON); no bars were read. Try again later.");
    expect(seen).toHaveLength(1);
  });

  it("maps Yahoo's unknown-symbol answer to NotFound", async () => {
    handler = (_req, res) => json(res, 404, UNKNOWN_SYMBOL);
    const error = await provider().fetch({ ticker: "NOSUCH", interval: "1d" }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFound);
    expect(error.message).toContain("Yahoo Finance has no data for 'NOSUCH': No data found, symbol may be delisted");
    expect(seen).toHaveLength(1);
  });

  it("maps Yahoo's refusal of an intraday range to InvalidInput with Yahoo's reason", async () => {
    handler = (_req, res) => json(res, 422, RANGE_TOO_OLD);
    const error = await provider().fetch({ ticker: "AAPL", interval: "5m", start: day("2020-01-01"), end: day("2024-01-01") }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.message).toContain("must be within the last 60 days");
  });

  it("stops at once when aborted during a backoff", async () => {
    handler = (_req, res) => json(res, 503, "Service Unavailable");
    const controller = new AbortController();
    const t0 = performance.now();
    const pending = provider({ backoffMs: 60_000 }).fetch({ ticker: "AAPL", interval: "1d" }, controller.signal);
    await expect.poll(() => seen.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(seen).toHaveLength(1);
  });

  it("validates the request before any network call", async () => {
    await expect(provider().fetch({ ticker: "AAPL US", interval: "1d" })).rejects.toBeInstanceOf(InvalidInput);
    expect(requested).toHaveLength(0);
  });
});
