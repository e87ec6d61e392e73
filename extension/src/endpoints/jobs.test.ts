import { beforeEach, describe, expect, it } from "vitest";
import { json } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import { cancelJob, listJobs } from "./jobs.js";

const server = loopbackSidecar();
const query: string[] = [];

const SUMMARY = {
  id: "a",
  kind: "ingest",
  params: {},
  status: "running",
  progress: { fraction: 0.25, message: null, counters: {} },
  error: null,
  trigger: "api",
  createdAt: "2026-11-25T23:00:00.000Z",
  startedAt: null,
  finishedAt: null,
  cancelRequested: false,
};

beforeEach(() => {
  query.length = 0;
});

describe("job endpoints", () => {
  it("lists jobs with the filters as query parameters", async () => {
    server.respond = (_req, res) => {
      // the recorded path drops the query; the raw request keeps it
      query.push(res.req.url ?? "");
      json(res, 200, [SUMMARY]);
    };
    const jobs = await listJobs({ status: "running", kind: "ingest", limit: 5 });
    expect(jobs.map((j) => [j.id, j.status, j.progress.fraction])).toEqual([["a", "running", 0.25]]);
    expect(server.requests[0].path).toBe("/openquant/jobs");
    const sent = new URL(query[0], "http://x").searchParams;
    // Exactly these: the sidecar refuses unknown query keys, such as the cache-buster Jupyter's helper adds under no-store.
    expect(Object.fromEntries(sent)).toEqual({ status: "running", kind: "ingest", limit: "5" });
  });

  it("refuses a list whose jobs lack a status", async () => {
    server.respond = (_req, res) => json(res, 200, [{ ...SUMMARY, status: undefined }]);
    await expect(listJobs()).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });

  it("cancels with DELETE and accepts the 202 of a job still stopping", async () => {
    server.respond = (_req, res) => json(res, 202, { ...SUMMARY, cancelRequested: true, log: [] });
    const job = await cancelJob("a");
    expect(job.cancelRequested).toBe(true);
    expect(server.requests[0]).toMatchObject({ method: "DELETE", path: "/openquant/jobs/a" });
  });
});
