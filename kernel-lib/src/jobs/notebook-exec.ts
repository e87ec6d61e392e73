/**
 * Executes a prepared notebook through the real tslab kernel: the virtualenv's Python runs
 * kernel-lib/python/run_notebook.py (nbclient), which reports the kernel's pid and each cell as
 * JSON lines. A timeout or an abort kills the kernel's process group and the runner's, so no
 * kernel outlives its run; the partial notebook the script saved after each cell is then rendered.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";

/** Why a run did not succeed: the cell (index in the executed notebook) and the kernel's error. */
export interface CellFailure {
  /** Index of the failing cell in the executed notebook (markdown cells count), null when no cell ran. */
  cellIndex: number | null;
  /** The error's name, e.g. "Error", "TypeError", "Timeout", "Cancelled". */
  ename: string;
  message: string;
}

/** How an execution ended. */
export interface ExecutionOutcome {
  status: "succeeded" | "failed" | "timeout" | "cancelled";
  error: CellFailure | null;
  /** True when the HTML rendering was written. */
  html: boolean;
}

/** What to execute and how. */
export interface ExecutionRequest {
  /** The virtualenv's python. */
  python: string;
  /** run_notebook.py */
  script: string;
  /** The notebook with parameters injected. */
  input: string;
  /** Where the executed notebook goes (written after every cell). */
  output: string;
  /** Where its HTML rendering goes. */
  html: string;
  /** The kernel's working directory (the notebook's folder). */
  cwd: string;
  /** The kernel's environment. */
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called as each code cell starts: its index, and its position among the code cells and their count. */
  onCell?: (cell: { index: number; position: number; codeCells: number }) => void;
  /** Called with each line the runner writes to stderr (the kernel's own logs included). */
  onStderr?: (line: string) => void;
}

interface ScriptEvent {
  event: "kernel" | "cell" | "done" | "html";
  pid?: number;
  index?: number;
  position?: number;
  total?: number;
  status?: "succeeded" | "failed";
  cellIndex?: number | null;
  ename?: string;
  message?: string;
}

/** Kills a process group, ignoring one that is already gone. */
function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already exited
  }
}

/** Resolves when the child has exited (immediately if it already has). */
function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("close", (code) => resolve(code)));
}

function runScript(python: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): ChildProcess {
  // its own process group, so a kill reaches the runner and anything it started
  return spawn(python, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
}

/** Renders an executed notebook as HTML (used after a killed run); true when written. */
export async function renderHtml(python: string, script: string, notebook: string, html: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (!existsSync(notebook)) return false;
  const child = runScript(python, [script, "--html-only", "--output", notebook, "--html", html], env, process.cwd());
  child.stdout?.resume();
  child.stderr?.resume();
  return (await exited(child)) === 0 && existsSync(html);
}

/** Executes the notebook; never throws for a failing notebook, only reports it. */
export async function executeNotebook(request: ExecutionRequest): Promise<ExecutionOutcome> {
  const { python, script, signal } = request;
  const args = [script, "--input", request.input, "--output", request.output, "--html", request.html, "--cwd", request.cwd];
  const child = runScript(python, args, request.env, request.cwd);
  let kernelPid: number | undefined;
  let currentCell: number | null = null;
  let done: ScriptEvent | undefined;
  let html = false;
  let stopped: "timeout" | "cancelled" | undefined;
  const stderrTail: string[] = [];

  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    let e: ScriptEvent;
    try {
      e = JSON.parse(line) as ScriptEvent;
    } catch {
      return;
    }
    if (e.event === "kernel") kernelPid = e.pid;
    else if (e.event === "cell" && typeof e.index === "number") {
      currentCell = e.index;
      request.onCell?.({ index: e.index, position: e.position ?? -1, codeCells: e.total ?? 0 });
    } else if (e.event === "done") done = e;
    else if (e.event === "html") html = true;
  });
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    request.onStderr?.(line);
  });

  const stop = (why: "timeout" | "cancelled") => {
    if (stopped || done) return;
    stopped = why;
    killGroup(kernelPid, "SIGKILL");
    killGroup(child.pid, "SIGTERM");
    setTimeout(() => killGroup(child.pid, "SIGKILL"), 3_000).unref();
  };
  const timer = setTimeout(() => stop("timeout"), request.timeoutMs);
  const onAbort = () => stop("cancelled");
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));

  const code = await Promise.race([exited(child), spawnError]);
  clearTimeout(timer);
  signal?.removeEventListener("abort", onAbort);
  // a kernel whose runner died unexpectedly must not live on either
  killGroup(kernelPid, "SIGKILL");

  if (code instanceof Error) {
    return { status: "failed", html: false, error: { cellIndex: null, ename: "RunnerError", message: `Cannot start ${python}: ${code.message}` } };
  }
  if (stopped) {
    const seconds = Math.round(request.timeoutMs / 100) / 10;
    const error: CellFailure =
      stopped === "timeout"
        ? { cellIndex: currentCell, ename: "Timeout", message: `The run took longer than its timeout of ${seconds} s; its kernel was stopped.` }
        : { cellIndex: currentCell, ename: "Cancelled", message: "The run was cancelled; its kernel was stopped." };
    const rendered = await renderHtml(python, script, request.output, request.html, request.env);
    return { status: stopped, error, html: rendered };
  }
  if (done?.status === "succeeded") return { status: "succeeded", error: null, html };
  if (done) {
    return { status: "failed", html, error: { cellIndex: done.cellIndex ?? null, ename: done.ename ?? "Error", message: done.message ?? "" } };
  }
  const tail = stderrTail.slice(-8).join("\n");
  return { status: "failed", html, error: { cellIndex: currentCell, ename: "RunnerError", message: `The notebook runner exited with code ${code} before finishing: ${tail}` } };
}
