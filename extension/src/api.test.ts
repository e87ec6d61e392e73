import { createServer } from "node:net";
import { ServerConnection } from "@jupyterlab/services";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { json, type LoopbackServer, startLoopbackServer } from "../test/loopback-server.js";
import { ApiError, apiUrl, configureAPI, requestAPI } from "./api.js";
import { HealthSchema } from "./schemas/health.js";

let server: LoopbackServer;

const healthBody = {
  status: "up",
  version: "0.1.0",
  uptimeSeconds: 12.5,
  time: "2026-01-02T03:04:05.000Z",
  components: [{ name: "duckdb", status: "up", latencyMs: 1.25, version: "v1.5.0" }],
};

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  server = await startLoopbackServer();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.requests.length = 0;
  configureAPI({
    sidecarUrl: "",
    serverSettings: ServerConnection.makeSettings({ baseUrl: server.baseUrl, token: "jupyter-secret" }),
  });
});

describe("requestAPI through Jupyter's proxy", () => {
  it("requests <baseUrl>openquant/<path> with Jupyter's token and returns the JSON body", async () => {
    server.respond = (_req, res) => json(res, 200, healthBody);
    const body = await requestAPI<typeof healthBody>("health");
    expect(body).toEqual(healthBody);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].path).toBe("/openquant/health");
    expect(server.requests[0].headers.authorization).toBe("token jupyter-secret");
    expect(apiUrl("tickers/AAPL")).toBe(`${server.baseUrl}openquant/tickers/AAPL`);
  });

  it("sends a JSON body with its content type", async () => {
    server.respond = (req, res) => json(res, 201, { echoed: JSON.parse(req.body) });
    const body = await requestAPI<{ echoed: unknown }>("schedules", {
      method: "POST",
      body: JSON.stringify({ name: "nightly" }),
    });
    expect(body).toEqual({ echoed: { name: "nightly" } });
    expect(server.requests[0].method).toBe("POST");
    expect(server.requests[0].headers["content-type"]).toBe("application/json");
  });

  it("returns undefined for 204 No Content", async () => {
    server.respond = (_req, res) => res.writeHead(204).end();
    await expect(requestAPI("schedules/nightly", { method: "DELETE" })).resolves.toBeUndefined();
  });

  it("carries the sidecar's error code, message and details", async () => {
    const details = [{ path: "ticker", message: "unknown ticker" }];
    server.respond = (_req, res) =>
      json(res, 404, { error: { code: "NOT_FOUND", message: "No ticker ZZZZ. Ingest it first.", details } });
    const error = await rejection(requestAPI("tickers/ZZZZ"));
    expect(error.status).toBe(404);
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe("No ticker ZZZZ. Ingest it first.");
    expect(error.details).toEqual(details);
    expect(error.unreachable).toBe(false);
  });

  it("keeps the sidecar's UNAVAILABLE apart from an unreachable sidecar", async () => {
    server.respond = (_req, res) =>
      json(res, 503, { error: { code: "UNAVAILABLE", message: "MLflow is down", details: [] } });
    const error = await rejection(requestAPI("runs"));
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.unreachable).toBe(false);
  });

  it("reads the proxy's 599 (nothing listening behind it) as UNREACHABLE", async () => {
    server.respond = (_req, res) => res.writeHead(599, { "Content-Type": "text/html" }).end("HTTP 599: Connection refused");
    const error = await rejection(requestAPI("health"));
    expect(error.status).toBe(599);
    expect(error.code).toBe("UNREACHABLE");
    expect(error.unreachable).toBe(true);
    expect(error.message).toMatch(/npm run up/);
  });

  it("reads Jupyter's own 404 (no proxy route) as UNREACHABLE and says how to fix it", async () => {
    server.respond = (_req, res) => res.writeHead(404, { "Content-Type": "text/html" }).end("<html>404: Not Found</html>");
    const error = await rejection(requestAPI("health"));
    expect(error.code).toBe("UNREACHABLE");
    expect(error.message).toMatch(/jupyter-server-proxy/);
    expect(error.message).toMatch(/Sidecar URL/);
  });

  it("reads the proxy's bare 500 (connection refused behind it) as UNREACHABLE", async () => {
    server.respond = (_req, res) => res.writeHead(500, { "Content-Type": "text/html" }).end("<html>500</html>");
    const error = await rejection(requestAPI("health"));
    expect(error.status).toBe(500);
    expect(error.unreachable).toBe(true);
  });

  it("keeps the sidecar's own 500 as its INTERNAL error", async () => {
    server.respond = (_req, res) =>
      json(res, 500, { error: { code: "INTERNAL", message: "Internal error; see the sidecar log for request 7.", details: [] } });
    const error = await rejection(requestAPI("health"));
    expect(error.code).toBe("INTERNAL");
    expect(error.unreachable).toBe(false);
  });

  it("names other refusals by their HTTP status", async () => {
    server.respond = (_req, res) => res.writeHead(403, { "Content-Type": "text/plain" }).end("Forbidden");
    const error = await rejection(requestAPI("health"));
    expect(error.status).toBe(403);
    expect(error.code).toBe("HTTP_403");
    expect(error.details).toBe("Forbidden");
  });

  it("rejects a 2xx answer that is not JSON as BAD_RESPONSE", async () => {
    server.respond = (_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<html>login</html>");
    const error = await rejection(requestAPI("health"));
    expect(error.code).toBe("BAD_RESPONSE");
    expect(error.details).toBe("<html>login</html>");
  });

  it("checks the answer against a schema and names the offending fields", async () => {
    server.respond = (_req, res) =>
      json(res, 200, { ...healthBody, components: [{ ...healthBody.components[0], status: "sideways" }] });
    const error = await rejection(requestAPI("health", {}, { schema: HealthSchema }));
    expect(error.code).toBe("BAD_RESPONSE");
    expect(error.details).toEqual([{ path: "components.0.status", message: 'expected one of "up", "degraded", "down"' }]);
    expect(error.message).toContain("components.0.status");
  });

  it("drops unknown fields and returns the validated body", async () => {
    server.respond = (_req, res) => json(res, 200, { ...healthBody, extra: "ignored" });
    const body = await requestAPI("health", {}, { schema: HealthSchema });
    expect(body).toEqual(healthBody);
  });

  it("accepts a listed non-2xx status whose body is an answer, not an error", async () => {
    const down = { ...healthBody, status: "down" };
    server.respond = (_req, res) => json(res, 503, down);
    await expect(requestAPI("health", {}, { schema: HealthSchema, acceptStatus: [503] })).resolves.toEqual(down);
    await expect(requestAPI("health", {}, { schema: HealthSchema })).rejects.toMatchObject({ code: "UNREACHABLE" });
  });

  it("still throws for a listed status that carries an error body", async () => {
    server.respond = (_req, res) => json(res, 503, { error: { code: "UNAVAILABLE", message: "starting" } });
    const error = await rejection(requestAPI("health", {}, { acceptStatus: [503] }));
    expect(error.code).toBe("UNAVAILABLE");
  });

  it("reports UNREACHABLE with status 0 when nothing answers at all", async () => {
    const port = await closedPort();
    configureAPI({ serverSettings: ServerConnection.makeSettings({ baseUrl: `http://127.0.0.1:${port}/` }) });
    const error = await rejection(requestAPI("health"));
    expect(error.status).toBe(0);
    expect(error.unreachable).toBe(true);
  });
});

describe("requestAPI with a direct sidecar URL", () => {
  it("goes straight to the sidecar and never sends Jupyter's token there", async () => {
    server.respond = (_req, res) => json(res, 200, healthBody);
    configureAPI({ sidecarUrl: server.baseUrl.replace(/\/$/, "") });
    await expect(requestAPI("health")).resolves.toEqual(healthBody);
    expect(server.requests[0].path).toBe("/health");
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it("names the sidecar URL when it cannot connect", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    configureAPI({ sidecarUrl: url });
    const error = await rejection(requestAPI("health"));
    expect(error.unreachable).toBe(true);
    expect(error.message).toContain(url);
  });
});
