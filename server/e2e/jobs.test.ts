/**
 * Jobs over real HTTP against a real DuckDB file: POST /data/ingest answers 202 with a job,
 * its Server-Sent Events are read with fetch from a listening server, cancellation, 404/409,
 * and a job that was running when the platform closed reads as interrupted after a reopen.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { type IngestResult, type Job, openQuant, type OpenQuant, SAMPLE_UNIVERSE, type Settings } from "@openquant/kernel-lib";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApp } from "../src/app.js";
import { testSettings } from "./helpers.js";

const TICKERS = SAMPLE_UNIVERSE.map((t) => t.ticker);

/** One Server-Sent Events message: an event with JSON data, or a comment (heartbeat). */
interface SseMessage {
  event?: string;
  data?: unknown;
  comment?: string;
}

/** Reads a text/event-stream body message by message until the server ends it. */
async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message: SseMessage = {};
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) message.comment = line.slice(1).trim();
        else if (line.startsWith("event: ")) message.event = line.slice(7);
        else if (line.startsWith("data: ")) message.data = JSON.parse(line.slice(6));
      }
      yield message;
    }
  }
}

/** Jobs of kind test-hold run until the test releases them by key: a way to keep the runner's slots busy. */
function holdHandlers(oq: OpenQuant) {
  const gates = new Map<string, () => void>();
  oq.jobs?.handlers.register("test-hold", {
    params: z.object({ key: z.string() }).strict(),
    description: "waits until the test releases it (or it is cancelled)",
    run: ({ key }, ctx) =>
      new Promise<string>((resolve) => {
        gates.set(key, () => resolve(`released ${key}`));
        ctx.signal.addEventListener("abort", () => resolve(`aborted ${key}`));
      }),
  });
  return { release: (key: string) => gates.get(key)?.() };
}

async function listen(oq: OpenQuant): Promise<{ server: Server; base: string }> {
  const server = createApp({ oq, logger: oq.logger, sseHeartbeatMs: 150 }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function open(settings: Settings): Promise<OpenQuant> {
  const oq = await openQuant({ settings, component: "test", mode: "embedded" });
  // one ticker at a time, so an ingestion lasts long enough to be cancelled or cut short
  oq.settings.dataSources.ingestion.concurrency = 1;
  return oq;
}

describe("jobs over HTTP", () => {
  let settings: Settings;
  let oq: OpenQuant;
  let server: Server;
  let base: string;
  let hold: ReturnType<typeof holdHandlers>;

  beforeAll(async () => {
    settings = testSettings();
    oq = await open(settings);
    hold = holdHandlers(oq);
    ({ server, base } = await listen(oq));
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await oq?.close(0);
  });

  it("ingests the sample universe as a job: 202, progress per ticker over SSE, then the IngestResult", async () => {
    // keep both runner slots busy so the ingestion is still queued when the stream opens
    await oq.jobs?.submit("test-hold", { key: "a" });
    await oq.jobs?.submit("test-hold", { key: "b" });

    const accepted = await request(server).post("/data/ingest").send({ tickers: TICKERS, provider: "sample" }).expect(202);
    const { jobId, location } = accepted.body as { jobId: string; location: string };
    expect(location).toBe(`/jobs/${jobId}`);
    expect(accepted.headers.location).toBe(location);
    expect(accepted.body.job).toMatchObject({ id: jobId, kind: "ingest", status: "queued", trigger: "api" });

    const res = await fetch(`${base}${location}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const messages: SseMessage[] = [];
    let released = false;
    for await (const message of readSse(res.body as ReadableStream<Uint8Array>)) {
      messages.push(message);
      if (!released && message.comment?.startsWith("heartbeat")) {
        released = true;
        hold.release("a");
        hold.release("b");
      }
    }
    const statuses = messages.filter((m) => m.event === "status").map((m) => (m.data as Job).status);
    expect(statuses[0]).toBe("queued");
    expect(statuses).toContain("running");
    expect(statuses.at(-1)).toBe("succeeded");
    expect(messages.some((m) => m.comment?.startsWith("heartbeat"))).toBe(true);

    // one progress event per ticker, in order, counting up to the whole universe
    const progress = messages.filter((m) => m.event === "progress").map((m) => (m.data as { progress: Job["progress"] }).progress);
    const done = progress.map((p) => p.counters.done).filter((d) => d > 0);
    expect(done).toEqual(TICKERS.map((_, i) => i + 1));
    expect(progress.at(-1)).toMatchObject({ fraction: 1, counters: { total: TICKERS.length, failed: 0 } });

    const final = messages.at(-1)?.data as Job;
    const result = final.result as IngestResult;
    expect(result).toMatchObject({ provider: "sample", interval: "1d", status: "ok" });
    expect(result.tickers.map((t) => t.ticker).sort()).toEqual([...TICKERS].sort());
    // the stored rows, read back through another route, are what the job says it inserted
    const stored = (await request(server).get("/data/tickers").expect(200)).body as Array<{ ticker: string; rows: number }>;
    expect(stored.map((t) => t.ticker).sort()).toEqual([...TICKERS].sort());
    for (const t of result.tickers) expect(stored.find((s) => s.ticker === t.ticker)?.rows).toBe(t.inserted);
    expect(result.totals.inserted).toBe(stored.reduce((sum, t) => sum + t.rows, 0));

    const job = (await request(server).get(location).expect(200)).body as Job;
    expect(job).toMatchObject({ id: jobId, status: "succeeded", error: null, progress: { fraction: 1 } });
    expect(job.result).toEqual(result);
    expect(job.log.filter((l) => /\.SAMPLE: \d+ fetched, \d+ new/.test(l))).toHaveLength(TICKERS.length);

    const listed = (await request(server).get("/jobs").query({ kind: "ingest", status: "succeeded" }).expect(200)).body as Job[];
    expect(listed.map((j) => j.id)).toContain(jobId);
    expect(listed[0]).not.toHaveProperty("result");
    const newest = (await request(server).get("/jobs").query({ limit: 3 }).expect(200)).body as Job[];
    expect(newest.map((j) => j.kind)).toEqual(["ingest", "test-hold", "test-hold"]);
  });

  it("cancels a running ingestion, then answers 409 for it; unknown ids are 404, malformed ones 400", async () => {
    const accepted = await request(server).post("/data/ingest").send({ tickers: TICKERS, provider: "sample", full: true }).expect(202);
    const { jobId, location } = accepted.body as { jobId: string; location: string };
    const res = await fetch(`${base}${location}/events`);
    let cancelled: request.Response | undefined;
    for await (const message of readSse(res.body as ReadableStream<Uint8Array>)) {
      // cancel as soon as the first ticker is through
      if (!cancelled && message.event === "progress" && (message.data as { progress: Job["progress"] }).progress.counters.done >= 1) {
        cancelled = await request(server).delete(location);
      }
    }
    expect(cancelled?.status).toBe(200);
    const job = cancelled?.body as Job;
    expect(job).toMatchObject({ id: jobId, status: "cancelled", error: { code: "CANCELLED" } });
    const result = job.result as IngestResult;
    const skipped = result.tickers.filter((t) => t.error?.code === "CANCELLED");
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.length).toBeLessThan(TICKERS.length);

    const again = await request(server).delete(location).expect(409);
    expect(again.body.error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already ended \(cancelled\).*nothing to cancel/) });

    for (const [method, path] of [
      ["get", "/jobs/no-such-job"],
      ["delete", "/jobs/no-such-job"],
      ["get", "/jobs/no-such-job/events"],
    ] as const) {
      const r = await request(server)[method](path).expect(404);
      expect(r.body.error).toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/No job 'no-such-job'/) });
    }
    const malformed = await request(server).get("/jobs/bad%20id!").expect(400);
    expect(malformed.body.error.details).toEqual([expect.objectContaining({ path: "id" })]);
    await request(server).get("/jobs").query({ status: "finished" }).expect(400);
    await request(server).get("/jobs").query({ limit: 0 }).expect(400);
  });

  it("rejects bad ingestion requests with the offending fields before any job exists", async () => {
    const before = (await request(server).get("/jobs").expect(200)).body.length;
    const bad = await request(server).post("/data/ingest").send({ tickers: ["../etc/passwd"], start: "2020-02-01", end: "2020-01-01" }).expect(400);
    expect(bad.body.error.code).toBe("INVALID_INPUT");
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["tickers.0"]));
    await request(server).post("/data/ingest").send({}).expect(400);
    expect((await request(server).get("/jobs").expect(200)).body.length).toBe(before);
  });

  it("ends an event stream cleanly when the client goes away", async () => {
    const job = (await oq.jobs?.submit("test-hold", { key: "stream" })) as Job;
    const before = oq.jobs?.status().subscribers ?? 0;
    const abort = new AbortController();
    const res = await fetch(`${base}/jobs/${job.id}/events`, { signal: abort.signal });
    const reader = readSse(res.body as ReadableStream<Uint8Array>);
    expect((await reader.next()).value).toMatchObject({ event: "status", data: { id: job.id, status: "running" } });
    expect(oq.jobs?.status().subscribers).toBe(before + 1);
    abort.abort();
    await expect(reader.next()).rejects.toThrow();
    for (let i = 0; i < 250 && oq.jobs?.status().subscribers !== before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(oq.jobs?.status().subscribers).toBe(before);
    hold.release("stream");
    expect((await oq.jobs?.wait(job.id))?.status).toBe("succeeded");
    // the runner is in the health report with its counts
    const health = (await request(server).get("/health").expect(200)).body as { components: Array<{ name: string; status: string; details: unknown }> };
    expect(health.components.find((c) => c.name === "jobs")).toMatchObject({ status: "up", details: { running: 0, queued: 0, concurrency: 2 } });
  });
});

describe("jobs across a restart", () => {
  it("shows a job that was running when the platform closed as interrupted, with its partial result", async () => {
    const settings = testSettings();
    const first = await open(settings);
    const app = createApp({ oq: first, logger: first.logger });
    const { jobId } = (await request(app).post("/data/ingest").send({ tickers: TICKERS, provider: "sample" }).expect(202)).body;
    const events = await first.jobs?.watch(jobId);
    for await (const e of events ?? []) if (e.type === "progress" && e.progress.counters.done >= 1) break;
    // no grace: the job is stopped where it is and recorded as interrupted
    await first.close(0);

    const second = await openQuant({ settings, component: "test", mode: "embedded" });
    try {
      const job = (await request(createApp({ oq: second, logger: second.logger })).get(`/jobs/${jobId}`).expect(200)).body as Job;
      expect(job).toMatchObject({ status: "interrupted", error: { code: "INTERRUPTED" }, finishedAt: expect.any(String) });
      const result = job.result as IngestResult;
      expect(result.tickers.filter((t) => t.status === "ok").length).toBeGreaterThanOrEqual(1);
      expect(result.tickers.filter((t) => t.error?.code === "CANCELLED").length).toBeGreaterThanOrEqual(1);
    } finally {
      await second.close();
    }
  });
});
