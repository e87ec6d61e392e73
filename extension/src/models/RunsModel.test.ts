import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import { RunsModel } from "./RunsModel.js";

const server = loopbackSidecar();
let model: RunsModel;
let runs: unknown[];

const A = "a".repeat(32);
const B = "b".repeat(32);

function run(runId: string, rmse: number) {
  return { runId, runName: `linear-${runId.slice(0, 4)}`, status: "FINISHED", startTime: "2026-11-26T00:00:00.000Z", modelType: "linear", params: { horizon: "5" }, metrics: { rmse } };
}

const health = {
  status: "up",
  version: "0.1.0",
  uptimeSeconds: 1,
  time: "2026-11-26T00:00:00.000Z",
  components: [{ name: "mlflow", status: "up", latencyMs: 3, version: "3.17.2", details: { trackingUri: "http://127.0.0.1:5917" } }],
};

beforeEach(() => {
  runs = [run(A, 0.03), run(B, 0.02)];
  server.respond = (req, res) => {
    if (req.path === "/openquant/health") return json(res, 200, health);
    if (req.path === "/openquant/models/runs") return json(res, 200, runs);
    if (req.path === "/openquant/models/register") {
      const body = JSON.parse(req.body) as { name: string; alias?: string };
      if (body.alias === "1bad") {
        return json(res, 400, { error: { code: "INVALID_INPUT", message: "Invalid model registration", details: [{ path: "alias", message: "letters, digits, '_' or '-', starting with a letter" }] } });
      }
      return json(res, 201, { name: body.name, version: "1", alias: body.alias });
    }
    json(res, 404, { error: { code: "NOT_FOUND", message: "no route" } });
  };
  model = new RunsModel();
});

afterEach(() => model.dispose());

describe("RunsModel", () => {
  it("lists the runs and links each to the MLflow UI the sidecar reports", async () => {
    const state = await model.refresh();
    expect(state.kind === "ready" && state.runs.map((r) => r.runId)).toEqual([A, B]);
    expect(model.trackingUri).toBe("http://127.0.0.1:5917");
    expect(model.runUrl(A)).toBe(`http://127.0.0.1:5917/#/runs/${A}`);
  });

  it("compares the selected runs in selection order and forgets runs that disappear", async () => {
    await model.refresh();
    let emitted = 0;
    model.changed.connect(() => emitted++);
    model.toggle(B);
    model.toggle(A);
    expect(model.comparison.runs.map((r) => r.runId)).toEqual([B, A]);
    expect(model.comparison.metrics).toEqual([{ key: "rmse", values: [0.02, 0.03], differs: true, best: [0] }]);
    model.toggle(B);
    expect(model.selected).toEqual([A]);
    expect(emitted).toBe(3);
    runs = [run(B, 0.02)];
    await model.refresh();
    expect(model.selected).toEqual([]);
  });

  it("registers a run's model and reports a refused alias next to its field", async () => {
    const done = await model.register({ runId: A, name: " acme ", alias: " champion " });
    expect(done).toEqual({ kind: "done", runId: A, version: { name: "acme", version: "1", alias: "champion" } });
    expect(JSON.parse(server.requests.at(-1)?.body ?? "")).toEqual({ runId: A, name: "acme", alias: "champion" });
    const refused = await model.register({ runId: A, name: "acme", alias: "1bad" });
    expect(refused.kind).toBe("error");
    expect(refused.kind === "error" && refused.fieldErrors).toEqual({ alias: "letters, digits, '_' or '-', starting with a letter" });
    expect(model.registration).toBe(refused);
  });

  it("holds the error when the runs cannot be read", async () => {
    server.respond = (_req, res) => json(res, 503, { error: { code: "UNAVAILABLE", message: "MLflow at http://127.0.0.1:5917 cannot be reached" } });
    const state = await model.refresh();
    expect(state.kind === "error" && state.error.code).toBe("UNAVAILABLE");
    expect(model.trackingUri).toBeUndefined();
  });
});
