/**
 * GET /openapi.json is a valid OpenAPI 3.1 document (checked by a real validator, swagger-parser),
 * lists exactly the routes the Express app has (walked here independently), and the app's real
 * responses conform to the schemas it publishes. /docs serves Swagger UI from the sidecar itself,
 * and it renders in a real Chromium under the app's Content-Security-Policy.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import SwaggerParser from "@apidevtools/swagger-parser";
import { INTERVALS, type OpenQuant, SAMPLE_UNIVERSE } from "@openquant/kernel-lib";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Express } from "express";
import { chromium } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { testPlatform } from "./helpers.js";

type Json = Record<string, unknown>;
type Doc = { openapi: string; paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } } & Json;

/** Every "METHOD /path" the app routes, read from Express's router stack (middleware excluded). */
function routedOperations(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Array<{ route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }>) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, "{$1}")}`);
      else if (layer.handle?.stack) walk(layer.handle.stack as typeof stack);
    }
  };
  walk((app.router as unknown as { stack: Parameters<typeof walk>[0] }).stack);
  return found.sort();
}

function documentedOperations(doc: Doc): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

describe("OpenAPI document", () => {
  let oq: OpenQuant;
  let app: Express;
  let doc: Doc;

  beforeAll(async () => {
    oq = await testPlatform();
    app = createApp({ oq, logger: oq.logger });
    doc = (await request(app).get("/openapi.json").expect(200).expect("content-type", /json/)).body as Doc;
  });
  afterAll(async () => oq?.close());

  it("is valid OpenAPI 3.1 according to swagger-parser", async () => {
    expect(doc.openapi).toBe("3.1.0");
    // validate() dereferences in place: give it a copy
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    // and the validator does catch a broken document: a parameter in a place OpenAPI 3 does not have
    const broken = structuredClone(doc);
    (broken.paths["/jobs/{id}"].get as { parameters: Array<{ in: string }> }).parameters[0].in = "body";
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
  });

  it("documents every route the app has, and nothing else", () => {
    const routed = routedOperations(app);
    expect(routed.length).toBeGreaterThanOrEqual(17);
    expect(documentedOperations(doc)).toEqual(routed);
  });

  it("describes requests with the schemas the routes validate with", async () => {
    const ingest = doc.paths["/data/ingest"].post as { requestBody: { content: { "application/json": { schema: Json } } }; responses: Json };
    const body = ingest.requestBody.content["application/json"].schema as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, Json>;
    };
    expect(body.required).toEqual(["tickers"]);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.interval).toMatchObject({ enum: [...INTERVALS], default: "1d" });
    expect(Object.keys(ingest.responses).sort()).toEqual(["202", "400", "403", "413", "429", "500", "503"]);

    // what the document allows, the route accepts; what it forbids, the route refuses
    const ajv = new Ajv2020({ strict: false });
    const allowed = ajv.compile(body);
    const good = { tickers: [SAMPLE_UNIVERSE[0].ticker], provider: "sample", interval: "1d" };
    const extra = { ...good, colour: "blue" };
    expect(allowed(good)).toBe(true);
    expect(allowed(extra)).toBe(false);
    await request(app).post("/data/ingest").send(good).expect(202);
    await request(app).post("/data/ingest").send(extra).expect(400);

    const events = doc.paths["/jobs/{id}/events"].get as { parameters: Json[]; responses: Record<string, { content?: Json }> };
    expect(events.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    expect(Object.keys(events.responses["200"].content ?? {})).toEqual(["text/event-stream"]);
    const list = doc.paths["/jobs"].get as { parameters: Array<{ name: string; required: boolean }> };
    expect(list.parameters.map((p) => [p.name, p.required])).toEqual([
      ["status", false],
      ["kind", false],
      ["limit", false],
    ]);
  });

  it("matches what the routes really answer", async () => {
    const ajv = new Ajv2020({ strict: false });
    const schemaOf = (path: string, method: string, status: number) => {
      const op = doc.paths[path][method] as { responses: Record<string, { content: Record<string, { schema: Json }> }> };
      // "#/components/schemas/…" references resolve inside the compiled schema: carry the components along
      return ajv.compile({ ...op.responses[status].content["application/json"].schema, components: doc.components });
    };
    const ticker = SAMPLE_UNIVERSE[1].ticker;
    const accepted = await request(app).post("/data/ingest").send({ tickers: [ticker] }).expect(202);
    const job = await oq.jobs?.wait(accepted.body.jobId);
    expect(job?.status).toBe("succeeded");
    const cases: Array<[string, string, string, number]> = [
      ["/health", "get", "/health", 200],
      ["/data/tickers", "get", "/data/tickers", 200],
      ["/data/{ticker}", "get", `/data/${ticker}?start=2024-01-01`, 200],
      ["/jobs", "get", "/jobs", 200],
      ["/jobs/{id}", "get", `/jobs/${accepted.body.jobId}`, 200],
      ["/data/ingest", "post", "", 202],
      ["/jobs/{id}", "get", "/jobs/unknown", 404],
      ["/schedules", "get", "/schedules", 200],
    ];
    for (const [path, method, url, status] of cases) {
      const validate = schemaOf(path, method, status);
      const res = url ? await request(app).get(url).expect(status) : accepted;
      expect(validate(res.body), `${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it("documents the bearer token when one is required, with /health open", async () => {
    const secured = await testPlatform({ OPENQUANT_TOKEN: "a-token-of-at-least-16-chars" });
    try {
      const res = await request(createApp({ oq: secured, logger: secured.logger }))
        .get("/openapi.json")
        .set("Authorization", "Bearer a-token-of-at-least-16-chars")
        .expect(200);
      const securedDoc = res.body as Doc & { security: Json[]; components: { securitySchemes: Json } };
      expect(securedDoc.components.securitySchemes).toEqual({ bearerAuth: { type: "http", scheme: "bearer" } });
      expect(securedDoc.security).toEqual([{ bearerAuth: [] }]);
      expect(securedDoc.paths["/health"].get.security).toEqual([]);
      expect(Object.keys(securedDoc.paths["/jobs"].get.responses as Json)).toContain("401");
      await expect(SwaggerParser.validate(structuredClone(securedDoc) as never)).resolves.toBeTruthy();
    } finally {
      await secured.close();
    }
  });
});

describe("Swagger UI at /docs", () => {
  let oq: OpenQuant;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    oq = await testPlatform();
    server = createApp({ oq, logger: oq.logger }).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await oq?.close();
  });

  it("serves the page and every asset it loads from the sidecar itself", async () => {
    const page = await request(server).get("/docs").expect(200).expect("content-type", /html/);
    const urls = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const url of urls) {
      expect(url).not.toMatch(/^(https?:)?\/\//);
      const asset = await fetch(new URL(url, `${base}/docs`));
      expect(asset.status, url).toBe(200);
      expect(asset.headers.get("content-type"), url).toMatch(/css|javascript|png/);
    }
    const csp = page.headers["content-security-policy"] as string;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    await request(server).get("/docs/").expect(301).expect("location", "../docs");
    await request(server).get("/docs/index.html").expect(404);
  });

  it("renders every operation in Chromium with no CSP violation and no request off the sidecar", async () => {
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      const foreign: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("request", (r) => {
        if (!r.url().startsWith(base) && !r.url().startsWith("data:")) foreign.push(r.url());
      });
      await page.goto(`${base}/docs`);
      await page.waitForSelector(".opblock", { timeout: 30_000 });
      const doc = (await (await fetch(`${base}/openapi.json`)).json()) as Doc;
      const operations = documentedOperations(doc).length;
      await expect.poll(() => page.locator(".opblock").count(), { timeout: 30_000 }).toBe(operations);
      expect(await page.locator(".info .title").textContent()).toMatch(/OpenQuant sidecar/);
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
