/**
 * The HTTP layer's retry and timeout behaviour, against a real local HTTP server that answers
 * the way a struggling MLflow does (503, 500, slow answers). MLflow itself is exercised in e2e/.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInput, Unavailable } from "../errors.js";
import { MlflowHttp } from "./http.js";

let server: Server | undefined;

async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<{ uri: string; calls: () => number }> {
  let n = 0;
  server = createServer((req, res) => {
    n += 1;
    handler(req, res, n);
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { uri: `http://127.0.0.1:${port}`, calls: () => n };
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const http = (uri: string, timeoutMs = 2000) => new MlflowHttp({ trackingUri: uri, timeoutMs, retries: 3, backoffMs: 5, maxBackoffMs: 20 });

describe("MlflowHttp", () => {
  it("retries a 503 and a 429 until MLflow answers", async () => {
    const { uri, calls } = await serve((_req, res, n) => {
      if (n === 1) res.writeHead(503).end("busy");
      else if (n === 2) res.writeHead(429, { "retry-after": "0" }).end();
      else res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    await expect(http(uri).json({ method: "GET", path: "/api/2.0/mlflow/experiments/search" })).resolves.toEqual({ ok: true });
    expect(calls()).toBe(3);
  });

  it("gives up after the configured retries with Unavailable naming the server", async () => {
    const { uri, calls } = await serve((_req, res) => res.writeHead(500).end('{"error_code":"INTERNAL_ERROR","message":"db down"}'));
    const error = await http(uri).json({ method: "GET", path: "/x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Unavailable);
    expect((error as Error).message).toContain(uri);
    expect((error as Error).message).toContain("db down");
    expect(calls()).toBe(4);
  });

  it("does not repeat a non-idempotent request after a 500 (it may have taken effect)", async () => {
    const { uri, calls } = await serve((_req, res) => res.writeHead(500).end("{}"));
    await expect(http(uri).json({ method: "POST", path: "/api/2.0/mlflow/runs/create", idempotent: false })).rejects.toThrow(Unavailable);
    expect(calls()).toBe(1);
  });

  it("does not retry MLflow's refusals", async () => {
    const { uri, calls } = await serve((_req, res) =>
      res.writeHead(400).end('{"error_code":"INVALID_PARAMETER_VALUE","message":"Invalid value for max_results"}'),
    );
    await expect(http(uri).json({ method: "GET", path: "/x" })).rejects.toThrow(InvalidInput);
    expect(calls()).toBe(1);
  });

  it("times out a silent server with Unavailable", async () => {
    const { uri } = await serve(() => {
      // Never answers.
    });
    const started = Date.now();
    const error = await new MlflowHttp({ trackingUri: uri, timeoutMs: 150, retries: 1, backoffMs: 5, maxBackoffMs: 5 })
      .json({ method: "GET", path: "/health" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Unavailable);
    expect((error as Error).message).toMatch(/no answer within 150 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
    server?.closeAllConnections();
  });

  it("reports a refused connection as Unavailable naming the tracking URI", async () => {
    const { uri } = await serve(() => undefined);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const error = await http(uri).json({ method: "GET", path: "/health" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Unavailable);
    expect((error as Error).message).toBe(
      `MLflow at ${uri} is unreachable (connection refused: nothing is listening there). ` +
        "Start it (`npm run up` starts one on port 5000) or point MLFLOW_TRACKING_URI / OPENQUANT_MLFLOW_URI at a running server.",
    );
  });

  it("sends query arrays as repeated keys and JSON bodies with their content type", async () => {
    let seen: { url?: string; type?: string; body?: string } = {};
    const { uri } = await serve((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        seen = { url: req.url, type: req.headers["content-type"], body };
        res.writeHead(200).end("");
      });
    });
    await expect(http(uri).json({ method: "POST", path: "/p", query: { a: ["1", "2"], b: undefined }, body: { json: { x: 1 } } })).resolves.toEqual({});
    expect(seen).toEqual({ url: "/p?a=1&a=2", type: "application/json", body: '{"x":1}' });
  });
});
