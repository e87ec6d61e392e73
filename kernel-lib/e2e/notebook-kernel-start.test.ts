/**
 * A kernel that starts but never answers (what tslab does when one of its ports was taken between
 * jupyter_client choosing it and tslab binding it: it logs the failed bind and goes quiet) must not
 * hang or fail the run: the runner gives up on it after the start-up timeout, kills it, and starts
 * a fresh kernel on fresh ports, which OpenQuant's kernel provisioner chooses below the ephemeral range
 * so that no outgoing connection can take one first (for JupyterLab's kernels too); a cancelled run
 * stops a kernel still starting. These tests use a kernelspec whose first launches are silent.
 */
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { executeNotebook } from "../src/jobs/notebook-exec.js";

const tslab = join(inject("home"), "node_modules", ".bin", "tslab");
const exec = promisify(execFile);

/** A kernelspec `name` that launches `silent` silent kernels (a sleep that records its pid), then tslab. */
function silentThenTslab(base: string, name: string, silent: number): { jupyterPath: string; pids: () => number[]; ports: () => number[] } {
  const dir = join(base, "jupyter", "kernels", name);
  mkdirSync(dir, { recursive: true });
  const launches = join(base, "launches");
  const script = join(dir, "launch.sh");
  writeFileSync(
    script,
    [
      "#!/bin/bash",
      `n=$(cat '${launches}' 2>/dev/null || echo 0); echo $((n + 1)) > '${launches}'`,
      `if [ "$n" -lt ${silent} ]; then echo $$ >> '${launches}.pids'; exec sleep 600; fi`,
      `cp "$1" '${launches}.connection.json'`,
      `exec '${tslab}' kernel --config-path "$1"`,
    ].join("\n"),
  );
  chmodSync(script, 0o755);
  // started as the tslab kernelspec is: by OpenQuant's provisioner
  const metadata = { kernel_provisioner: { provisioner_name: "openquant-quiet-ports" } };
  writeFileSync(join(dir, "kernel.json"), JSON.stringify({ argv: [script, "{connection_file}"], display_name: name, language: "typescript", metadata }));
  const pids = () => (existsSync(`${launches}.pids`) ? readFileSync(`${launches}.pids`, "utf8").trim().split("\n").map(Number) : []);
  const ports = () => {
    const info = JSON.parse(readFileSync(`${launches}.connection.json`, "utf8")) as Record<string, unknown>;
    return ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"].map((k) => info[k] as number);
  };
  return { jupyterPath: join(base, "jupyter"), pids, ports };
}

function notebookFor(base: string, kernel: string): string {
  const path = join(base, "in.ipynb");
  const cell = { cell_type: "code", metadata: {}, execution_count: null, outputs: [], source: ["console.log(6 * 7);"] };
  writeFileSync(path, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: kernel, display_name: kernel, language: "typescript" } }, cells: [cell] }));
  return path;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function run(base: string, kernel: string, jupyterPath: string, attempts: number, signal?: AbortSignal) {
  const stderr: string[] = [];
  const outcome = await executeNotebook({
    python: join(inject("venvDir"), "bin", "python"),
    script: join(inject("home"), "kernel-lib", "python", "run_notebook.py"),
    input: notebookFor(base, kernel),
    output: join(base, "out.ipynb"),
    html: join(base, "out.html"),
    cwd: base,
    env: { ...process.env, JUPYTER_PATH: jupyterPath, OPENQUANT_KERNEL_STARTUP_TIMEOUT: "4", OPENQUANT_KERNEL_START_ATTEMPTS: String(attempts) },
    timeoutMs: 120_000,
    signal,
    onStderr: (line) => stderr.push(line),
  });
  return { outcome, stderr };
}

describe("a kernel that never answers at start-up", () => {
  it("is replaced by a fresh kernel, and the notebook runs", async () => {
    const base = mkdtempSync(join(tmpdir(), "oq-kstart-"));
    const kernel = silentThenTslab(base, "oq-silent-once", 1);
    const { outcome, stderr } = await run(base, "oq-silent-once", kernel.jupyterPath, 3);
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe("succeeded");
    const out = JSON.parse(readFileSync(join(base, "out.ipynb"), "utf8")) as { cells: { outputs: { text?: string[] | string }[] }[] };
    expect(out.cells[0].outputs.map((o) => [o.text].flat().join("")).join("")).toBe("42\n");
    expect(stderr.some((l) => l.includes("starting another (attempt 2 of 3)"))).toBe(true);
    expect(kernel.pids()).toHaveLength(1);
    expect(kernel.pids().filter(alive)).toEqual([]);
    // below the ephemeral range, where no outgoing connection can take them
    const ephemeralLow = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").split(/\s+/)[0]);
    const ports = kernel.ports();
    expect(new Set(ports).size).toBe(5);
    for (const port of ports) expect(port).toBeLessThan(ephemeralLow);
  }, 120_000);

  it("fails with the kernel's start-up error once every attempt went unanswered", async () => {
    const base = mkdtempSync(join(tmpdir(), "oq-kstart-"));
    const kernel = silentThenTslab(base, "oq-silent-always", 99);
    const { outcome } = await run(base, "oq-silent-always", kernel.jupyterPath, 2);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatchObject({ cellIndex: null, ename: "RuntimeError" });
    expect(outcome.error?.message).toMatch(/didn.t respond in 4(\.0)? seconds/);
    expect(kernel.pids()).toHaveLength(2);
    expect(kernel.pids().filter(alive)).toEqual([]);
  }, 120_000);

  it("is stopped with the run when the run is cancelled while the kernel starts", async () => {
    const base = mkdtempSync(join(tmpdir(), "oq-kstart-"));
    const kernel = silentThenTslab(base, "oq-silent-cancelled", 99);
    const abort = new AbortController();
    const watching = setInterval(() => {
      if (kernel.pids().length > 0) abort.abort();
    }, 100);
    const { outcome } = await run(base, "oq-silent-cancelled", kernel.jupyterPath, 3, abort.signal);
    clearInterval(watching);
    expect(outcome.status).toBe("cancelled");
    expect(kernel.pids()).toHaveLength(1);
    for (let i = 0; i < 50 && kernel.pids().some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(kernel.pids().filter(alive)).toEqual([]);
  }, 120_000);

  it("stays off the port race: the tslab kernelspec names the provisioner, whose kernels (JupyterLab's too) listen below the ephemeral range", async () => {
    const venv = inject("venvDir");
    const spec = JSON.parse(readFileSync(join(venv, "share", "jupyter", "kernels", "tslab", "kernel.json"), "utf8")) as { metadata?: unknown };
    expect(spec.metadata).toEqual({ kernel_provisioner: { provisioner_name: "openquant-quiet-ports" } });
    // a kernel started the way JupyterLab starts one, through jupyter_client's KernelManager
    const script = [
      "import json",
      "from jupyter_client.manager import KernelManager",
      "km = KernelManager(kernel_name='tslab')",
      "km.start_kernel()",
      "client = km.client(); client.start_channels(); client.wait_for_ready(timeout=120)",
      "print(json.dumps({'provisioner': type(km.provisioner).__name__, 'ports': [km.shell_port, km.iopub_port, km.stdin_port, km.hb_port, km.control_port]}))",
      "client.stop_channels(); km.shutdown_kernel(now=True)",
    ].join("\n");
    const { stdout } = await exec(join(venv, "bin", "python"), ["-c", script], { env: { ...process.env, JUPYTER_PATH: "" }, timeout: 150_000 });
    const started = JSON.parse(stdout.trim().split("\n").at(-1) as string) as { provisioner: string; ports: number[] };
    expect(started.provisioner).toBe("QuietPortsProvisioner");
    const ephemeralLow = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").split(/\s+/)[0]);
    expect(new Set(started.ports).size).toBe(5);
    for (const port of started.ports) expect(port).toBeLessThan(ephemeralLow);
  }, 180_000);
});
