/**
 * The sidecar's security settings against the real app: bearer token on every route but /health,
 * CORS allow-list, body size limits, and the rate limit on mutating routes.
 */
import { type OpenQuant, SAMPLE_UNIVERSE } from "@openquant/kernel-lib";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { tokenMatches } from "../src/http/auth.js";
import { testPlatform } from "./helpers.js";

const TOKEN = "correct-horse-battery-staple-42";

describe("bearer token (OPENQUANT_TOKEN)", () => {
  let oq: OpenQuant;
  let app: Express;
  beforeAll(async () => {
    oq = await testPlatform({ OPENQUANT_TOKEN: TOKEN });
    app = createApp({ oq, logger: oq.logger });
  });
  afterAll(async () => oq?.close());

  it("refuses every route but /health without the token, with a clear 401", async () => {
    for (const [method, path] of [
      ["get", "/data/tickers"],
      ["get", "/jobs"],
      ["get", "/openapi.json"],
      ["get", "/docs"],
      ["post", "/data/ingest"],
      ["delete", "/jobs/anything"],
      ["get", "/no-such-route"],
    ] as const) {
      const res = await request(app)[method](path).expect(401);
      expect(res.headers["www-authenticate"]).toBe('Bearer realm="openquant"');
      expect(res.body.error).toMatchObject({ code: "UNAUTHORIZED", message: expect.stringMatching(/Authorization: Bearer <token>.*OPENQUANT_TOKEN/), details: [] });
    }
    await request(app).get("/health").expect(200);
  });

  it("refuses a wrong token or scheme, and accepts the right one", async () => {
    const wrong = await request(app).get("/jobs").set("Authorization", `Bearer ${TOKEN}x`).expect(401);
    expect(wrong.body.error.message).toMatch(/not this sidecar's token/);
    await request(app).get("/jobs").set("Authorization", `Basic ${Buffer.from(`u:${TOKEN}`).toString("base64")}`).expect(401);
    await request(app).get("/jobs").set("Authorization", TOKEN).expect(401);

    const auth = { Authorization: `Bearer ${TOKEN}` };
    await request(app).get("/jobs").set(auth).expect(200);
    await request(app).get("/docs").set(auth).expect(200);
    const accepted = await request(app).post("/data/ingest").set(auth).send({ tickers: [SAMPLE_UNIVERSE[0].ticker] }).expect(202);
    expect((await oq.jobs?.wait(accepted.body.jobId))?.status).toBe("succeeded");
    await request(app).get("/health").set(auth).expect(200);
  });

  it("answers a CORS preflight from an allowed origin without a token (browsers send none)", async () => {
    const origin = oq.settings.server.cors_origins[0];
    const res = await request(app).options("/jobs").set("Origin", origin).set("Access-Control-Request-Method", "GET").set("Access-Control-Request-Headers", "authorization");
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(origin);
  });

  it("compares tokens by value, whatever their lengths", () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(`${TOKEN} `, TOKEN)).toBe(false);
    expect(tokenMatches("", TOKEN)).toBe(false);
    expect(tokenMatches(TOKEN.slice(0, -1), TOKEN)).toBe(false);
  });
});

describe("auth off (OPENQUANT_AUTH=none), and on without a token", () => {
  let oq: OpenQuant;
  beforeAll(async () => {
    oq = await testPlatform({ OPENQUANT_AUTH: "none" });
  });
  afterAll(async () => oq?.close());

  it("needs no Authorization header only when auth is explicitly off", async () => {
    expect(oq.settings.server.auth).toBe("none");
    await request(createApp({ oq, logger: oq.logger })).get("/jobs").expect(200);
  });

  it("refuses to build an app that requires a token it does not have, saying how to give one", async () => {
    const original = oq.settings.server.auth;
    oq.settings.server.auth = "token";
    try {
      expect(() => createApp({ oq, logger: oq.logger })).toThrow(/requires a token.*OPENQUANT_TOKEN.*OPENQUANT_AUTH=none/);
    } finally {
      oq.settings.server.auth = original;
    }
  });

  it("allows only the configured CORS origins, never '*'", async () => {
    const app = createApp({ oq, logger: oq.logger });
    const allowed = oq.settings.server.cors_origins[0];
    const ok = await request(app).get("/health").set("Origin", allowed).expect(200);
    expect(ok.headers["access-control-allow-origin"]).toBe(allowed);
    expect(ok.headers["access-control-allow-credentials"]).toBe("true");
    const other = await request(app).get("/health").set("Origin", "http://evil.example").expect(200);
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("limits body sizes: 413 past 1 MB on JSON routes, bulk bar uploads allowed up to their own limit", async () => {
    const app = createApp({ oq, logger: oq.logger });
    const huge = { tickers: Array.from({ length: 120_000 }, (_, i) => `T${i}`) };
    expect(JSON.stringify(huge).length).toBeGreaterThan(1024 * 1024);
    const res = await request(app).post("/data/ingest").send(huge).expect(413);
    expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", message: "The request body is too large." });

    const n = 40_000;
    const day = 86_400_000;
    const ts = Array.from({ length: n }, (_, i) => Date.UTC(1900, 0, 1) + i * day);
    const price = Array.from({ length: n }, (_, i) => 100 + (i % 7));
    const frame = { ticker: "BULK", interval: "1d", ts, open: price, high: price.map((p) => p + 1), low: price.map((p) => p - 1), close: price, adjClose: price, volume: price };
    expect(JSON.stringify({ provider: "csv", frame }).length).toBeGreaterThan(1024 * 1024);
    const written = await request(app).post("/data/bars").send({ provider: "csv", frame }).expect(200);
    expect(written.body).toMatchObject({ ticker: "BULK", inserted: n });
  });
});

describe("rate limit on mutating routes", () => {
  let oq: OpenQuant;
  beforeAll(async () => {
    oq = await testPlatform();
  });
  afterAll(async () => oq?.close());

  it("answers 429 with the standard error body past the limit, and leaves reads alone", async () => {
    const app = createApp({ oq, logger: oq.logger, rateLimit: { windowMs: 60_000, limit: 3 } });
    for (let i = 0; i < 3; i++) {
      const res = await request(app).delete("/jobs/not-there").expect(404);
      expect(res.headers.ratelimit).toMatch(/r=\d+/);
    }
    const limited = await request(app).post("/data/ingest").send({ tickers: [SAMPLE_UNIVERSE[0].ticker] }).expect(429);
    expect(limited.body.error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/at most 3 .* per 60 s/), details: [] });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60);
    await request(app).put("/schedules/x").send({ enabled: false }).expect(429);
    // reads are not limited
    for (let i = 0; i < 10; i++) await request(app).get("/jobs").expect(200);
    expect((await request(app).get("/jobs").expect(200)).body).toEqual([]);
    // another app (another limiter) starts afresh: the limit is per window and client, not global state
    await request(createApp({ oq, logger: oq.logger, rateLimit: { windowMs: 60_000, limit: 3 } })).delete("/jobs/not-there").expect(404);
  });
});
