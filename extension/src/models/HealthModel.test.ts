import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import { HealthModel, type HealthState } from "./HealthModel.js";

const server = loopbackSidecar();
let model: HealthModel;

function health(status: "up" | "degraded" | "down", duckdb: "up" | "down" = "up") {
  return {
    status,
    version: "0.1.0",
    uptimeSeconds: 3,
    time: new Date().toISOString(),
    components: [
      { name: "duckdb", status: duckdb, latencyMs: duckdb === "up" ? 0.8 : null, version: "v1.5.0" },
      { name: "mlflow", status: "up", latencyMs: 4.2, version: "3.17.2", details: { experiments: 1 } },
    ],
  };
}

/** Waits until `condition` holds; fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** Records every state the model emits. */
function record(m: HealthModel): HealthState[] {
  const seen: HealthState[] = [];
  m.changed.connect((_, state) => seen.push(state));
  return seen;
}

beforeEach(() => {
  server.respond = (_req, res) => json(res, 200, health("up"));
});

afterEach(() => {
  model?.dispose();
});

describe("HealthModel", () => {
  it("starts in loading, then holds the sidecar's answer and emits it", async () => {
    model = new HealthModel({ intervalMs: 60_000 });
    const seen = record(model);
    expect(model.state).toEqual({ kind: "loading" });

    const state = await model.refresh();
    expect(state.kind).toBe("ready");
    if (state.kind !== "ready") throw new Error("unreachable");
    expect(state.health.components.map((c) => [c.name, c.status])).toEqual([
      ["duckdb", "up"],
      ["mlflow", "up"],
    ]);
    expect(model.state).toBe(state);
    expect(seen).toEqual([state]);
    expect(server.requests.map((r) => r.path)).toEqual(["/openquant/health"]);
  });

  it("goes ready → unreachable → ready as the sidecar goes away and comes back", async () => {
    model = new HealthModel({ intervalMs: 60_000 });
    const seen = record(model);
    await model.refresh();
    server.respond = (_req, res) => res.writeHead(599).end("HTTP 599: Connection refused");
    await model.refresh();
    server.respond = (_req, res) => json(res, 200, health("degraded"));
    await model.refresh();

    expect(seen.map((s) => s.kind)).toEqual(["ready", "error", "ready"]);
    const failed = seen[1];
    if (failed.kind !== "error") throw new Error("expected an error state");
    expect(failed.error.unreachable).toBe(true);
    expect(failed.error.status).toBe(599);
    const back = seen[2];
    expect(back.kind === "ready" && back.health.status).toBe("degraded");
  });

  it("treats a 'down' platform (HTTP 503 with a report) as an answer, not an error", async () => {
    server.respond = (_req, res) => json(res, 503, health("down", "down"));
    model = new HealthModel({ intervalMs: 60_000 });
    const state = await model.refresh();
    expect(state.kind).toBe("ready");
    expect(state.kind === "ready" && state.health.components[0]).toMatchObject({ status: "down", latencyMs: null });
  });

  it("reports a malformed answer as a non-unreachable error", async () => {
    server.respond = (_req, res) => json(res, 200, { status: "up" });
    model = new HealthModel({ intervalMs: 60_000 });
    const state = await model.refresh();
    expect(state.kind).toBe("error");
    expect(state.kind === "error" && state.error.code).toBe("BAD_RESPONSE");
    expect(state.kind === "error" && state.error.unreachable).toBe(false);
  });

  it("joins concurrent refreshes into one request", async () => {
    server.respond = (_req, res) => setTimeout(() => json(res, 200, health("up")), 50);
    model = new HealthModel({ intervalMs: 60_000 });
    const [a, b, c] = await Promise.all([model.refresh(), model.refresh(), model.refresh()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(server.requests).toHaveLength(1);
  });

  it("polls every intervalMs while started and not after stop", async () => {
    model = new HealthModel({ intervalMs: 40 });
    const started = Date.now();
    model.start();
    await until(() => server.requests.length >= 5);
    model.stop();
    const elapsed = Date.now() - started;
    const polled = server.requests.length;
    // One immediate check plus at most one per 40 ms: never faster than the interval.
    expect(polled).toBeLessThanOrEqual(Math.floor(elapsed / 40) + 1);
    await sleep(200);
    expect(server.requests.length).toBe(polled);
    expect(model.polling).toBe(false);
  });

  it("applies a new interval to the next poll", async () => {
    model = new HealthModel({ intervalMs: 60_000 });
    model.start();
    await until(() => server.requests.length === 1);
    await sleep(100);
    expect(server.requests).toHaveLength(1);
    model.intervalMs = 30;
    await until(() => server.requests.length >= 3);
  });

  it("drops an answer that arrives after dispose and emits nothing more", async () => {
    server.respond = (_req, res) => setTimeout(() => json(res, 200, health("up")), 80);
    model = new HealthModel({ intervalMs: 60_000 });
    const seen = record(model);
    const pending = model.refresh();
    model.dispose();
    await pending;
    expect(model.isDisposed).toBe(true);
    expect(model.state).toEqual({ kind: "loading" });
    expect(seen).toEqual([]);
  });
});
