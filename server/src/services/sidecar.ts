import { join, resolve } from "node:path";
import { readTokenFile } from "@openquant/kernel-lib";
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

/** A running sidecar, with what a client needs to call it. */
export interface SidecarHandle extends ServiceHandle {
  /** The bearer token it requires (OPENQUANT_TOKEN or the one it keeps in its data folder); undefined with OPENQUANT_AUTH=none. */
  token: string | undefined;
  /** Request headers that carry the token, plus `extra`. */
  headers(extra?: Record<string, string>): Record<string, string>;
}

/** Starts `openquant serve` as its own process and waits for GET /health. */
export async function startSidecar(options: SidecarOptions): Promise<SidecarHandle> {
  const host = options.host ?? "127.0.0.1";
  const url = `http://${host}:${options.port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, OPENQUANT_HOME: options.home, ...options.env };
  const handle = await spawnService({
    name: "OpenQuant sidecar",
    command: process.execPath,
    args: [join(options.home, "server", "bin", "openquant.js"), "serve", "--host", host, "--port", String(options.port)],
    env,
    cwd: options.home,
    url,
    logFile: options.logFile,
    healthCheck: () => httpOk(`${url}/health`),
    timeoutMs: 60_000,
  });
  // it answers /health once it listens, by then the token it made on first start is on disk
  const token = env.OPENQUANT_AUTH === "none" ? undefined : env.OPENQUANT_TOKEN || readTokenFile(resolve(options.home, env.OPENQUANT_DATA_DIR ?? "data"));
  return Object.assign(handle, {
    token,
    headers: (extra: Record<string, string> = {}) => ({ ...extra, ...(token ? { authorization: `Bearer ${token}` } : {}) }),
  });
}
