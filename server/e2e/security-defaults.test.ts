/**
 * Secure by default, against the real app in-process: the Host allow-list (DNS rebinding), the
 * token on every documented operation but /health, what /health tells a stranger, and the
 * throttle on repeated bad tokens.
 */
import type { OpenQuant } from "@openquant/kernel-lib";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { hostMatcher, hostOfHeader } from "../src/http/host-guard.js";
import { testPlatform } from "./helpers.js";

const TOKEN = "secure-defaults-token-0123456789";
const AUTH = { Authorization: `Bearer ${TOKEN}` };

describe("Host allow-list (DNS-rebinding protection)", () => {
  let oq: OpenQuant;
  let app: Express;
  beforeAll(async () => {
    oq = await testPlatform({ OPENQUANT_TOKEN: TOKEN, OPENQUANT_ALLOWED_HOSTS: "api,.corp.example" });
    app = createApp({ oq, logger: oq.logger });
  });
  afterAll(async () => oq?.close());

  it("refuses a foreign Host with 403 naming the Host and the setting, even with the token and on /health", async () => {
    for (const host of ["evil.example:8000", "evil.example", "EVIL.example.", "127.0.0.1.evil.example", "localhost.evil.example:8000", "corp.example.evil", "api.evil", "[::2]:8000"]) {
      for (const path of ["/data/tickers", "/health", "/openapi.json"]) {
        const res = await request(app).get(path).set("Host", host).set(AUTH);
        expect(res.status, `${host} ${path}`).toBe(403);
        expect(res.body.error).toMatchObject({ code: "FORBIDDEN_HOST", message: expect.stringMatching(/OPENQUANT_ALLOWED_HOSTS/) });
        expect(res.body.error.message).toContain(host);
      }
    }
    // writes never reach their route
    await request(app).post("/data/ingest").set("Host", "evil.example").set(AUTH).send({ tickers: ["ACME.SAMPLE"] }).expect(403);
    expect(await oq.jobs?.list()).toEqual([]);
  });

  it("is not fooled by X-Forwarded-Host (any client can send it)", async () => {
    await request(app).get("/data/tickers").set("Host", "evil.example").set("X-Forwarded-Host", "localhost").set(AUTH).expect(403);
    await request(app).get("/data/tickers").set("Host", "evil.example").set("X-Forwarded-For", "127.0.0.1").set(AUTH).expect(403);
    // the sidecar's own Host with a foreign forwarded one is still the sidecar's
    await request(app).get("/data/tickers").set("Host", "localhost:8000").set("X-Forwarded-Host", "evil.example").set(AUTH).expect(200);
  });

  it("answers each of its own names (in any case, with or without a port or a trailing dot) and the configured ones", async () => {
    for (const host of ["localhost", "localhost:8000", "LocalHost:8000", "localhost.:8000", "127.0.0.1", "127.0.0.1:9", "[::1]", "[::1]:8000", "api:8000", "corp.example", "lab.corp.example:443"]) {
      const res = await request(app).get("/data/tickers").set("Host", host).set(AUTH);
      expect(res.status, host).toBe(200);
    }
  });

  it("refuses a malformed or missing Host", () => {
    for (const header of [undefined, "", "evil.example:8000:1", "a b", "user@localhost", "localhost/x"]) expect(hostOfHeader(header), String(header)).toBeUndefined();
    const allowed = hostMatcher("0.0.0.0", []);
    expect(allowed("0.0.0.0")).toBe(true);
    expect(allowed("evil.example")).toBe(false);
    expect(hostMatcher("127.0.0.1", ["*"])("anything.example")).toBe(true);
  });
});

describe("the token on every documented operation", () => {
  let oq: OpenQuant;
  let app: Express;
  beforeAll(async () => {
    oq = await testPlatform({ OPENQUANT_TOKEN: TOKEN });
    // a generous throttle: this walk sends many tokenless requests on purpose
    app = createApp({ oq, logger: oq.logger, authThrottle: { limit: 10_000, windowMs: 60_000 } });
  });
  afterAll(async () => oq?.close());

  it("answers 401 without the token on every operation of the OpenAPI document but /health, before reading any input", async () => {
    const doc = (await request(app).get("/openapi.json").set(AUTH).expect(200)).body as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    };
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: "http", scheme: "bearer" });
    const open: string[] = [];
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const concrete = path.replace(/\{[^}]+\}/g, "x");
        if (op.security?.length === 0) {
          open.push(`${method.toUpperCase()} ${path}`);
          continue;
        }
        expect(op.responses["401"], `${method} ${path} documents 401`).toBeDefined();
        const res = await (request(app) as unknown as Record<string, (p: string) => request.Test>)[method](concrete).send({});
        expect(res.status, `${method.toUpperCase()} ${concrete}`).toBe(401);
        expect(res.body.error.code).toBe("UNAUTHORIZED");
        checked++;
      }
    }
    expect(open).toEqual(["GET /health"]);
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it("tells a caller without the token up/down only; with it, versions, timings and details", async () => {
    const stranger = (await request(app).get("/health").expect(200)).body as { status: string; components: Array<Record<string, unknown>> };
    expect(Object.keys(stranger).sort()).toEqual(["components", "status"]);
    for (const c of stranger.components) expect(Object.keys(c).sort()).toEqual(["name", "status"]);
    expect(JSON.stringify(stranger)).not.toContain(oq.settings.data_dir);

    const wrong = (await request(app).get("/health").set("Authorization", "Bearer not-the-token-at-all").expect(200)).body;
    expect(Object.keys(wrong).sort()).toEqual(["components", "status"]);

    const known = (await request(app).get("/health").set(AUTH).expect(200)).body as { version: string; components: Array<{ name: string; version: string | null; details?: Record<string, unknown> }> };
    expect(known.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(known.components.find((c) => c.name === "duckdb")?.details?.path).toBe(oq.settings.duckdb_path);
    expect(stranger.components.map((c) => c.name)).toEqual(known.components.map((c) => c.name));
  });
});

describe("throttling repeated bad tokens", () => {
  let oq: OpenQuant;
  beforeAll(async () => {
    oq = await testPlatform({ OPENQUANT_TOKEN: TOKEN });
  });
  afterAll(async () => oq?.close());

  it("answers 429 with Retry-After once a client has failed too often, while the right token still gets in", async () => {
    const app = createApp({ oq, logger: oq.logger, authThrottle: { limit: 3, windowMs: 60_000 } });
    // JupyterLab's proxy and other loopback clients are told apart by X-Forwarded-For
    const bad = { "X-Forwarded-For": "198.51.100.7", Authorization: "Bearer guessing-0000000000" };
    for (let i = 0; i < 3; i++) await request(app).get("/jobs").set(bad).expect(401);
    const slowed = await request(app).get("/jobs").set(bad).expect(429);
    expect(slowed.body.error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/missing or wrong token.*retry after \d+ s/) });
    expect(Number(slowed.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(slowed.headers["retry-after"])).toBeLessThanOrEqual(60);
    // a request without any token counts as a failure too
    await request(app).get("/jobs").set("X-Forwarded-For", "198.51.100.7").expect(429);
    // the same client with the right token, and another client with none, are not affected
    await request(app).get("/jobs").set("X-Forwarded-For", "198.51.100.7").set(AUTH).expect(200);
    await request(app).get("/jobs").set("X-Forwarded-For", "198.51.100.8").expect(401);
    // /health stays open to everyone
    await request(app).get("/health").set(bad).expect(200);
  });

  it("starts a client afresh when its window has passed", async () => {
    const app = createApp({ oq, logger: oq.logger, authThrottle: { limit: 1, windowMs: 300 } });
    const bad = { "X-Forwarded-For": "198.51.100.9" };
    await request(app).get("/jobs").set(bad).expect(401);
    await request(app).get("/jobs").set(bad).expect(429);
    await new Promise((r) => setTimeout(r, 350));
    await request(app).get("/jobs").set(bad).expect(401);
  });
});
