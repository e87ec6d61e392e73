/**
 * Starts a long-running child process (MLflow, Redis, JupyterLab, the sidecar), waits until it
 * answers its health check, and stops it with its whole process group.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** A running service. */
export interface ServiceHandle {
  name: string;
  /** Where it answers, e.g. http://127.0.0.1:5000 or redis://127.0.0.1:6379. */
  url: string;
  pid: number;
  logFile: string;
  /** Stops the process group: SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

export interface SpawnServiceOptions {
  name: string;
  command: string;
  args: string[];
  url: string;
  logFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Resolves true once the service answers. Called until it does or `timeoutMs` passes. */
  healthCheck: () => Promise<boolean>;
  timeoutMs?: number;
}

/** Thrown when a service cannot be started; the message says why and where its log is. */
export class ServiceStartError extends Error {}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

function waitExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

/** Spawns `command` in its own process group with output appended to `logFile`, and waits until healthy. */
export async function spawnService(options: SpawnServiceOptions): Promise<ServiceHandle> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, "a");
  let child: ChildProcess;
  try {
    child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ["ignore", fd, fd],
    });
  } finally {
    closeSync(fd);
  }
  const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));
  const exited = waitExit(child);

  const stop = async (graceMs = 10_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        // the group is already gone
      }
    };
    signalGroup("SIGTERM");
    const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!done) {
      signalGroup("SIGKILL");
      await exited;
    }
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const early = await Promise.race([
      spawnError.then((e) => `could not run ${options.command}: ${e.message}`),
      exited.then((code) => `it exited with code ${code}`),
      sleep(250).then(() => null),
    ]);
    if (early) {
      throw new ServiceStartError(
        `${options.name} did not start: ${early}. Last lines of ${options.logFile}:\n${tail(options.logFile)}`,
      );
    }
    if (await options.healthCheck().catch(() => false)) break;
    if (Date.now() > deadline) {
      await stop(2_000);
      throw new ServiceStartError(
        `${options.name} did not answer at ${options.url} within ${(options.timeoutMs ?? 120_000) / 1000} s. ` +
          `Last lines of ${options.logFile}:\n${tail(options.logFile)}`,
      );
    }
  }
  return { name: options.name, url: options.url, pid: child.pid as number, logFile: options.logFile, stop, exited };
}

/** True when GET `url` answers 2xx within `timeoutMs`. */
export async function httpOk(url: string, timeoutMs = 2_000, headers?: Record<string, string>): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}
