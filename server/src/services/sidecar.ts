import { join } from "node:path";
import { httpOk, type ServiceHandle, spawnService } from "./process.js";

export interface SidecarOptions {
  /** The project root (holds server/bin/openquant.js and configs/). */
  home: string;
  host?: string;
  port: number;
  logFile: string;
  /** Environment for the sidecar: data dir, MLflow URI, REDIS_URL, token… */
  env?: NodeJS.ProcessEnv;
}

/** Starts `openquant serve` as its own process and waits for GET /health. */
export function startSidecar(options: SidecarOptions): Promise<ServiceHandle> {
  const host = options.host ?? "127.0.0.1";
  const url = `http://${host}:${options.port}`;
  return spawnService({
    name: "OpenQuant sidecar",
    command: process.execPath,
    args: [join(options.home, "server", "bin", "openquant.js"), "serve", "--host", host, "--port", String(options.port)],
    env: { ...process.env, OPENQUANT_HOME: options.home, ...options.env },
    cwd: options.home,
    url,
    logFile: options.logFile,
    healthCheck: () => httpOk(`${url}/health`),
    timeoutMs: 60_000,
  });
}
