/**
 * The notebook runner against the real tslab kernel (the venv's nbclient): injected parameters
 * reach the kernel and the saved output, a failing cell is reported, bad parameters and paths are
 * refused before any process starts, a timeout and a cancellation kill the kernel.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { loadSettings } from "../src/config/load.js";
import { InvalidInput, NotFound } from "../src/errors.js";
import { INJECTED_TAG } from "../src/jobs/notebook-inject.js";
import { NotebookRunner } from "../src/jobs/notebook-runner.js";

const fixtures = new URL("./fixtures/notebooks/", import.meta.url).pathname;

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
}
interface Cell {
  cell_type: string;
  source: string | string[];
  metadata?: { tags?: string[] };
  outputs?: Output[];
}

const text = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));
const stdout = (cell: Cell) =>
  (cell.outputs ?? [])
    .filter((o) => o.output_type === "stream" && o.name === "stdout")
    .map((o) => text(o.text))
    .join("");

/** Processes (the Python runner or the kernel) started for the platform whose outputs go to `outputsDir`. */
function processesFor(outputsDir: string): number[] {
  return processesWith(`OPENQUANT_OUTPUTS_DIR=${outputsDir}\0`);
}

/** Processes whose environment holds `marker` ("NAME=value\0"). */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, "latin1").includes(marker)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

let base: string;
let outputs: string;
let runner: NotebookRunner;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "oq-nbrun-"));
  const notebooks = join(base, "notebooks");
  outputs = join(base, "outputs");
  mkdirSync(notebooks);
  for (const f of ["params.ipynb", "failing.ipynb", "slow.ipynb"]) copyFileSync(join(fixtures, f), join(notebooks, f));
  // a link inside notebooks/ to a notebook outside it
  copyFileSync(join(fixtures, "params.ipynb"), join(base, "outside.ipynb"));
  symlinkSync(join(base, "outside.ipynb"), join(notebooks, "escape.ipynb"));
  const settings = loadSettings({
    home: inject("home"),
    env: {
      OPENQUANT_NOTEBOOKS_DIR: notebooks,
      OPENQUANT_OUTPUTS_DIR: outputs,
      OPENQUANT_DATA_DIR: join(base, "data"),
      OPENQUANT_LOG_DIR: join(base, "logs"),
      OPENQUANT_VENV: inject("venvDir"),
      OPENQUANT_NOTEBOOK_CONCURRENCY: "2",
    },
  });
  runner = new NotebookRunner(settings);
});

describe("notebook runner (real tslab kernel)", () => {
  it("lists the notebooks with their declared parameters (not the link that leads outside)", () => {
    const listed = runner.notebooks();
    expect(listed.map((n) => n.path)).toEqual(["failing.ipynb", "params.ipynb", "slow.ipynb"]);
    expect(listed.find((n) => n.path === "params.ipynb")?.parameters).toEqual([
      { name: "ticker", type: "string", default: "AAA.SAMPLE" },
      { name: "lookback", type: "number", default: 10 },
      { name: "verbose", type: "boolean", default: false },
      { name: "note", type: "string", default: "none" },
    ]);
  });

  it("runs a notebook with injected parameters that the kernel sees and the saved output shows", async () => {
    const note = 'a "quoted" note\nwith a new line';
    const run = await runner.run("params.ipynb", { ticker: "MSFT.SAMPLE", lookback: 21, verbose: true, note }, { trigger: "test" });
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: "succeeded", notebook: "params.ipynb", trigger: "test", parameters: { ticker: "MSFT.SAMPLE", lookback: 21 } });
    expect(run.durationMs).toBeGreaterThan(0);
    expect(run.outputPath).toMatch(new RegExp(`^${outputs}/params/\\d{8}T\\d{6}Z(-\\d+)?\\.ipynb$`));
    const executed = JSON.parse(readFileSync(run.outputPath as string, "utf8")) as { cells: Cell[] };
    const injected = executed.cells[2];
    expect(injected.metadata?.tags).toEqual([INJECTED_TAG]);
    expect(text(injected.source)).toContain('const ticker = "MSFT.SAMPLE";');
    expect(text(injected.source)).toContain("let verbose = true;");
    // the cell after the injected one printed what the kernel computed from the injected values
    expect(JSON.parse(stdout(executed.cells[3]))).toEqual({ ticker: "MSFT.SAMPLE", doubled: 42, verbose: true, note, run: run.id });
    const html = readFileSync(run.htmlPath as string, "utf8");
    expect(html).toContain("MSFT.SAMPLE");
    expect(html).not.toMatch(/<script[^>]*src="https?:/);
    expect((await runner.runs({ notebook: "params.ipynb" })).map((r) => r.id)).toContain(run.id);
    expect((await runner.output(run.id, "ipynb")).path).toBe(run.outputPath);
    expect(processesFor(outputs)).toEqual([]);
  });

  it("reports the failing cell's index, error name and message, and keeps the output up to it", async () => {
    const run = await runner.run("failing.ipynb");
    expect(run.status).toBe("failed");
    expect(run.error).toEqual({ cellIndex: 2, ename: "TypeError", message: "boom at step 2" });
    const executed = JSON.parse(readFileSync(run.outputPath as string, "utf8")) as { cells: Cell[] };
    expect(stdout(executed.cells[1])).toBe("step 1\n");
    // tslab writes the thrown error to the cell's stderr
    const stderr = (executed.cells[2].outputs ?? []).filter((o) => o.name === "stderr").map((o) => text(o.text)).join("");
    expect(stderr).toContain("TypeError: boom at step 2");
    expect(stdout(executed.cells[3])).toBe("");
    expect(existsSync(run.htmlPath as string)).toBe(true);
  });

  it("refuses a wrong-type or unknown parameter before any process starts", async () => {
    const before = existsSync(join(outputs, "slow")) ? readdirSync(join(outputs, "slow")).length : 0;
    const runsBefore = (await runner.runs()).length;
    const wrong = runner.run("slow.ipynb", { seconds: "1" });
    expect(processesFor(outputs)).toEqual([]);
    await expect(wrong).rejects.toThrow(InvalidInput);
    await expect(runner.run("slow.ipynb", { seconds: "1" })).rejects.toThrow(/parameter 'seconds' expects a number .* got a string \("1"\)/);
    await expect(runner.run("slow.ipynb", { minutes: 1 })).rejects.toThrow(/unknown parameter 'minutes'/);
    expect(existsSync(join(outputs, "slow")) ? readdirSync(join(outputs, "slow")).length : 0).toBe(before);
    expect((await runner.runs()).length).toBe(runsBefore);
    expect(processesFor(outputs)).toEqual([]);
  });

  it("refuses paths outside notebooks/: '..', absolute, and a symlink that escapes", async () => {
    await expect(runner.run("../outside.ipynb")).rejects.toThrow(/climbs out/);
    await expect(runner.run(join(base, "outside.ipynb"))).rejects.toThrow(/is absolute/);
    await expect(runner.run("escape.ipynb")).rejects.toThrow(/leads outside the notebooks folder/);
    await expect(runner.run("nope.ipynb")).rejects.toThrow(NotFound);
    expect(existsSync(join(outputs, "escape"))).toBe(false);
    expect(processesFor(outputs)).toEqual([]);
  });

  it("ends a run past its timeout as 'timeout', kills its kernel and keeps the cells done", async () => {
    const started: number[] = [];
    const running = runner.run("slow.ipynb", {}, { timeoutSeconds: 45, onProgress: () => started.push(Date.now()) });
    // the detector sees the runner and the kernel while it runs
    await until(() => processesFor(outputs).length >= 2, 60_000);
    const run = await running;
    expect(run.status).toBe("timeout");
    expect(run.error).toMatchObject({ cellIndex: 2, ename: "Timeout" });
    expect(run.error?.message).toContain("45 s");
    const executed = JSON.parse(readFileSync(run.outputPath as string, "utf8")) as { cells: Cell[] };
    expect(stdout(executed.cells[1])).toBe("sleeping 600\n");
    expect(existsSync(run.htmlPath as string)).toBe(true);
    await until(() => processesFor(outputs).length === 0, 10_000);
    expect((await runner.getRun(run.id)).status).toBe("timeout");
  });

  it("stops a run when its signal aborts and kills the kernel", async () => {
    const abort = new AbortController();
    const running = runner.run("slow.ipynb", { seconds: 300 }, {
      signal: abort.signal,
      onProgress: (p) => {
        if (p.message.startsWith("cell 3")) abort.abort();
      },
    });
    const run = await running;
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ cellIndex: 3, ename: "Cancelled" });
    await until(() => processesFor(outputs).length === 0, 10_000);
  });

  it("stops the kernel when the process that started the runner dies (no orphan kernels)", async () => {
    const marker = `OQ_ORPHAN_TEST=${Date.now()}`;
    const script = join(inject("home"), "kernel-lib", "python", "run_notebook.py");
    const output = join(base, "orphan.ipynb");
    const args = [script, "--input", join(fixtures, "slow.ipynb"), "--output", output, "--cwd", fixtures];
    // a parent that starts the runner and is then killed, as a sidecar killed with -9 would be
    const parent = spawn("sh", ["-c", `"$0" "$@" & wait`, join(inject("venvDir"), "bin", "python"), ...args], {
      env: { ...process.env, OQ_ORPHAN_TEST: marker.split("=")[1] },
      stdio: "ignore",
    });
    // sh, the runner and the kernel
    await until(() => processesWith(`${marker}\0`).length >= 3, 60_000);
    parent.kill("SIGKILL");
    await until(() => processesWith(`${marker}\0`).length === 0, 15_000);
  });
});
