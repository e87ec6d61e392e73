import { join } from "node:path";
import { httpOk, type ServiceHandle, spawnService } from "./process.js";

export interface JupyterOptions {
  venvDir: string;
  /** The project root: jupyter-config/ is read from here. */
  home: string;
  host?: string;
  port: number;
  /** Folder the file browser opens on. */
  rootDir: string;
  /** Jupyter's auth token; empty string disables auth (tests on loopback only). */
  token: string;
  logFile: string;
  /** Extra environment for the server and the kernels it starts (e.g. OPENQUANT_API_URL). */
  env?: NodeJS.ProcessEnv;
}

/** Starts a real JupyterLab with the project's jupyter-config/ and waits for /api/status. */
export function startJupyter(options: JupyterOptions): Promise<ServiceHandle> {
  const host = options.host ?? "127.0.0.1";
  const url = `http://${host}:${options.port}`;
  const configDir = join(options.home, "jupyter-config");
  const auth = options.token ? { Authorization: `token ${options.token}` } : undefined;
  return spawnService({
    name: "JupyterLab",
    command: join(options.venvDir, "bin", "jupyter"),
    args: [
      "lab",
      "--no-browser",
      `--ServerApp.ip=${host}`,
      `--ServerApp.port=${options.port}`,
      "--ServerApp.port_retries=0",
      `--ServerApp.root_dir=${options.rootDir}`,
      `--IdentityProvider.token=${options.token}`,
      // Jupyter refuses to run as root without this; CI and containers run as root.
      ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
    ],
    env: {
      ...process.env,
      ...options.env,
      JUPYTER_CONFIG_PATH: configDir,
      OPENQUANT_HOME: options.home,
      PATH: `${join(options.venvDir, "bin")}:${process.env.PATH ?? ""}`,
    },
    cwd: options.rootDir,
    url,
    logFile: options.logFile,
    healthCheck: () => httpOk(`${url}/api/status`, 2_000, auth),
    timeoutMs: 120_000,
  });
}
