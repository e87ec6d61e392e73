/**
 * Notebooks through a real `openquant serve` process: POST /notebooks/run runs 05-daily-report as a
 * job through the tslab kernel (the kernel reaches the sidecar in client mode), a schedule of kind
 * `notebook` firing every second runs it with its own parameters, and both runs are listed with
 * their outputs. Bad requests are refused before any job is queued.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Job, NotebookRun } from "@openquant/kernel-lib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, type SidecarHandle, startSidecar } from "../src/services/index.js";

interface Cell {
  source: string | string[];
  metadata?: { tags?: string[] };
  outputs?: { output_type: string; name?: string; text?: string | string[] }[];
}

const text = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));
const allStdout = (cells: Cell[]) =>
  cells
    .flatMap((c) => c.outputs ?? [])
    .filter((o) => o.output_type === "stream" && o.name === "stdout")
    .map((o) => text(o.text))
    .join("");

let sidecar: SidecarHandle;
let base: string;
let outputs: string;

async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sidecar.url}${path}`, {
    method,
    headers: sidecar.headers(body === undefined ? {} : { "content-type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const raw = await res.text();
  return { status: res.status, body: (raw && res.headers.get("content-type")?.includes("json") ? JSON.parse(raw) : raw) as T };
}

async function poll<T>(what: string, read: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

function executed(run: NotebookRun): Cell[] {
  const path = run.outputPath as string;
  return (JSON.parse(readFileSync(path.startsWith("/") ? path : join(inject("home"), path), "utf8")) as { cells: Cell[] }).cells;
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), "oq-notebooks-sidecar-"));
  outputs = join(base, "outputs");
  sidecar = await startSidecar({
    home: inject("home"),
    port: await freePort(),
    logFile: join(base, "sidecar.log"),
    env: {
      OPENQUANT_DATA_DIR: join(base, "data"),
      OPENQUANT_LOG_DIR: join(base, "logs"),
      OPENQUANT_OUTPUTS_DIR: outputs,
      OPENQUANT_LOG_LEVEL: "info",
      MLFLOW_TRACKING_URI: inject("mlflowUrl"),
      OPENQUANT_MLFLOW_EXPERIMENT: `notebooks-e2e-${Date.now()}`,
    },
  });
});

afterAll(async () => {
  await sidecar?.stop(5_000);
});

describe("notebooks in a real sidecar", () => {
  it("lists the notebooks with the parameters 05-daily-report declares", async () => {
    const { status, body } = await call<{ notebooks: { path: string; parameters: unknown[] }[] }>("GET", "/notebooks");
    expect(status).toBe(200);
    expect(body.notebooks.map((n) => n.path)).toContain("05-daily-report.ipynb");
    expect(body.notebooks.find((n) => n.path === "05-daily-report.ipynb")?.parameters).toEqual([
      { name: "ticker", type: "string", default: "ACME.SAMPLE" },
      { name: "lookbackDays", type: "number", default: 250 },
      { name: "modelAlias", type: "string", default: "models:/daily-report@champion" },
    ]);
  });

  it("refuses a wrong type, an unknown parameter and paths outside notebooks/ before queuing a job", async () => {
    const before = (await call<Job[]>("GET", "/jobs?kind=notebook")).body.length;
    const wrong = await call<{ error: { code: string; message: string; details: { path: string }[] } }>("POST", "/notebooks/run", {
      notebook: "05-daily-report.ipynb",
      parameters: { lookbackDays: "120" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/parameter 'lookbackDays' expects a number .* got a string \("120"\)/);
    expect(wrong.body.error.details.map((d) => d.path)).toEqual(["parameters.lookbackDays"]);
    const unknown = await call<{ error: { message: string } }>("POST", "/notebooks/run", { notebook: "05-daily-report.ipynb", parameters: { tickr: "X" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("unknown parameter 'tickr'");
    expect((await call("POST", "/notebooks/run", { notebook: "../README.ipynb" })).status).toBe(400);
    expect((await call("POST", "/notebooks/run", { notebook: "/etc/passwd.ipynb" })).status).toBe(400);
    expect((await call("POST", "/notebooks/run", { notebook: "missing.ipynb" })).status).toBe(404);
    // the schedule kind checks the same, when the schedule is saved
    const schedule = await call<{ error: { message: string } }>("POST", "/schedules", {
      kind: "notebook",
      cron: "0 7 * * 1-5",
      params: { notebook: "05-daily-report.ipynb", parameters: { lookbackDays: true } },
    });
    expect(schedule.status).toBe(400);
    expect(schedule.body.error.message).toContain("'lookbackDays' expects a number");
    expect((await call<Job[]>("GET", "/jobs?kind=notebook")).body.length).toBe(before);
    expect((await call<{ runs: unknown[] }>("GET", "/notebooks/runs")).body.runs).toEqual([]);
  });

  it("runs 05-daily-report with parameters as a job and lists the run with its output", async () => {
    const accepted = await call<{ jobId: string }>("POST", "/notebooks/run", {
      notebook: "05-daily-report.ipynb",
      parameters: { ticker: "BANK.SAMPLE", lookbackDays: 120 },
    });
    expect(accepted.status).toBe(202);
    const job = await poll(
      "the notebook job",
      async () => {
        const j = (await call<Job>("GET", `/jobs/${accepted.body.jobId}`)).body;
        return ["succeeded", "failed", "cancelled", "interrupted"].includes(j.status) ? j : undefined;
      },
      300_000,
    );
    expect(job.error).toBeNull();
    expect(job.status).toBe("succeeded");
    const { body } = await call<{ runs: NotebookRun[] }>("GET", `/notebooks/runs?notebook=05-daily-report.ipynb&jobId=${job.id}`);
    expect(body.runs).toHaveLength(1);
    const run = body.runs[0];
    expect(run).toMatchObject({ status: "succeeded", jobId: job.id, parameters: { ticker: "BANK.SAMPLE", lookbackDays: 120 }, error: null, scheduleId: null });
    expect(run.outputPath?.startsWith(join(outputs, "05-daily-report"))).toBe(true);
    const out = allStdout(executed(run));
    expect(out).toContain("parameters: ticker=BANK.SAMPLE lookbackDays=120 modelAlias=models:/daily-report@champion");
    // the kernel went through this sidecar, which owns the DuckDB file
    expect(out).toMatch(/BANK\.SAMPLE: ingestion (?!failed)\w+, [1-9]\d* new bars \(client mode\)/);
    const html = await fetch(`${sidecar.url}/notebooks/runs/${run.id}/output?format=html`, { headers: sidecar.headers() });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(html.headers.get("content-security-policy")).toMatch(/^sandbox allow-scripts; default-src 'none'/);
    expect(await html.text()).toContain("ticker=BANK.SAMPLE");
    const ipynb = await fetch(`${sidecar.url}/notebooks/runs/${run.id}/output?format=ipynb`, { headers: sidecar.headers() });
    expect(ipynb.status).toBe(200);
    expect((JSON.parse(await ipynb.text()) as { cells: Cell[] }).cells.some((c) => c.metadata?.tags?.includes("injected-parameters"))).toBe(true);
    expect((await call("GET", `/notebooks/runs/${run.id}`)).status).toBe(200);
    expect((await call("GET", "/notebooks/runs/no-such-run")).status).toBe(404);
  });

  it("a schedule of kind notebook fires 05-daily-report and its output appears with the injected parameters", async () => {
    const created = await call<{ id: string }>("POST", "/schedules", {
      id: "daily-report-e2e",
      kind: "notebook",
      cron: "* * * * * *",
      timezone: "America/New_York",
      params: { notebook: "05-daily-report.ipynb", parameters: { ticker: "ACME.SAMPLE", lookbackDays: 60 } },
    });
    expect(created.status).toBe(201);
    const started = await poll(
      "the scheduled run to start",
      async () => (await call<{ runs: NotebookRun[] }>("GET", "/notebooks/runs?scheduleId=daily-report-e2e")).body.runs.at(-1),
      120_000,
    );
    // one run is enough: pause the schedule (later firings were skipped while this one ran)
    expect((await call("PUT", "/schedules/daily-report-e2e", { enabled: false })).status).toBe(200);
    expect(started).toMatchObject({ trigger: "schedule:daily-report-e2e", scheduleId: "daily-report-e2e", notebook: "05-daily-report.ipynb" });
    const run = await poll(
      "the scheduled run to finish",
      async () => {
        const r = (await call<NotebookRun>("GET", `/notebooks/runs/${started.id}`)).body;
        return r.status === "running" ? undefined : r;
      },
      300_000,
    );
    expect(run.error).toBeNull();
    expect(run.status).toBe("succeeded");
    const cells = executed(run);
    const injected = cells.find((c) => c.metadata?.tags?.includes("injected-parameters"));
    expect(text(injected?.source)).toContain('const ticker = "ACME.SAMPLE";\nconst lookbackDays = 60;');
    expect(allStdout(cells)).toContain("parameters: ticker=ACME.SAMPLE lookbackDays=60");
    expect(readFileSync(run.htmlPath as string, "utf8")).toContain("lookbackDays=60");
    const history = (await call<{ status: string; summary: { runId?: string } | null }[]>("GET", "/schedules/daily-report-e2e/runs")).body;
    expect(history.find((h) => h.summary?.runId === run.id)?.status).toBe("ok");
  });
});
