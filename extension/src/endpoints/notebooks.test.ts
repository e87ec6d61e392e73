import { describe, expect, it } from "vitest";
import { json } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import { configureAPI } from "../api.js";
import { fetchNotebookRuns, fetchNotebooks, notebookOutputUrl } from "./notebooks.js";

const server = loopbackSidecar();

describe("notebook endpoints", () => {
  it("reads the notebooks and their runs", async () => {
    const notebook = { path: "05-daily-report.ipynb", parameters: [{ name: "ticker", type: "string", default: "ACME.SAMPLE" }] };
    const run = {
      id: "nr-1",
      jobId: "job-9",
      notebook: "05-daily-report.ipynb",
      parameters: { ticker: "ACME.SAMPLE" },
      status: "succeeded",
      trigger: "schedule",
      startedAt: "2026-11-26T01:02:03.000Z",
      finishedAt: "2026-11-26T01:02:33.000Z",
      durationMs: 30000,
      outputPath: "outputs/05-daily-report/20261126T010203Z.ipynb",
      htmlPath: "outputs/05-daily-report/20261126T010203Z.html",
      error: null,
      scheduleId: "daily-report",
    };
    server.respond = (req, res) => (req.path.endsWith("/runs") ? json(res, 200, { runs: [run] }) : json(res, 200, { notebooks: [notebook] }));
    await expect(fetchNotebooks()).resolves.toEqual([notebook]);
    await expect(fetchNotebookRuns({ notebook: "05-daily-report.ipynb", limit: 5 })).resolves.toEqual([run]);
    expect(server.requests.map((r) => r.path)).toEqual(["/openquant/notebooks", "/openquant/notebooks/runs"]);
  });

  it("answers null when the sidecar has no notebook runner (its own 404)", async () => {
    server.respond = (_req, res) => json(res, 404, { error: { code: "NOT_FOUND", message: "No route GET /notebooks.", details: [] } });
    await expect(fetchNotebooks()).resolves.toBeNull();
  });

  it("still throws when no sidecar answered at all (Jupyter's bare 404)", async () => {
    server.respond = (_req, res) => res.writeHead(404, { "Content-Type": "text/html" }).end("<html>404</html>");
    await expect(fetchNotebooks()).rejects.toMatchObject({ code: "UNREACHABLE" });
  });

  it("builds the output URL under the proxy, with the format as a query", () => {
    expect(notebookOutputUrl("nr 1")).toBe(`${server.baseUrl}openquant/notebooks/runs/nr%201/output?format=html`);
    configureAPI({ sidecarUrl: "http://127.0.0.1:8000" });
    expect(notebookOutputUrl("nr-1", "ipynb")).toBe("http://127.0.0.1:8000/notebooks/runs/nr-1/output?format=ipynb");
  });
});
