/** `openquant serve`: the sidecar — the REST app on loopback, owning the DuckDB file while it runs. */
import type { Server } from "node:http";
import { ensureTokenFile, InvalidInput, loadSettings, openQuant, redactFromLogs } from "@openquant/kernel-lib";
import { createApp } from "../app.js";
import { requireFreePort } from "../services/ports.js";

export interface ServeOptions {
  host?: string;
  port?: number;
  /** On SIGTERM, how long running jobs may take to finish before they are interrupted (default 20 s). */
  jobGraceMs?: number;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Where the token came from, for the start-up log line (which never holds the token itself). */
type TokenSource = { kind: "environment" } | { kind: "file"; path: string; created: boolean } | { kind: "none" };

/** Starts the sidecar and resolves once it listens; SIGTERM/SIGINT shut it down cleanly. */
export async function serve(options: ServeOptions): Promise<Server> {
  const settings = loadSettings();
  if (options.host) settings.server.host = options.host;
  if (options.port) settings.server.port = options.port;
  const { host, port } = settings.server;
  if (settings.server.auth === "none" && !LOOPBACK.has(host)) {
    throw new InvalidInput(
      `Refusing to listen on ${host} with OPENQUANT_AUTH=none: anyone who reaches that address could use the API. ` +
        "Bind to 127.0.0.1 (--host 127.0.0.1), or drop OPENQUANT_AUTH=none to use the token.",
    );
  }
  const tokenSource = resolveToken(settings);
  await requireFreePort("the OpenQuant sidecar", port, "--port or OPENQUANT_PORT", host);

  const oq = await openQuant({ settings, component: "sidecar", mode: "embedded" });
  await oq.startScheduler();
  // runs trained while MLflow was down reach it once it is back
  oq.startOutboxReplay();
  const { window_ms, limit } = settings.server.rate_limit;
  const app = createApp({ oq, logger: oq.logger, rateLimit: { windowMs: window_ms, limit } });
  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  oq.logger.info({ host, port, duckdb: settings.duckdb_path }, `OpenQuant sidecar listening on http://${host}:${port}`);
  if (tokenSource.kind === "file") oq.logger.info({ tokenFile: tokenSource.path }, `bearer token ${tokenSource.created ? "created" : "read"} in ${tokenSource.path}`);
  else if (tokenSource.kind === "environment") oq.logger.info("bearer token from OPENQUANT_TOKEN");
  else oq.logger.warn("auth is off (OPENQUANT_AUTH=none): any process on this machine can use the API");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const graceMs = options.jobGraceMs ?? settings.jobs.shutdown_grace_ms;
    oq.logger.info({ signal, graceMs }, "shutting down: no new connections; running jobs may finish");
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // requests still arriving on kept-alive connections are answered, then their connection closes
    server.on("request", (_req, res) => res.setHeader("Connection", "close"));
    // jobs finish or are interrupted (and recorded so); their event streams end with them
    await oq.jobs?.shutdown(graceMs);
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 5_000).unref();
    await closed;
    clearTimeout(force);
    oq.logger.info("no connection left; closing the platform");
    // stops the scheduler, closes the cache and DuckDB (checkpointing its WAL)
    await oq.close();
    oq.logger.info("stopped");
    oq.logger.flush?.();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  return server;
}

/** The token the sidecar requires: OPENQUANT_TOKEN, else the data folder's (created on first start). */
function resolveToken(settings: ReturnType<typeof loadSettings>): TokenSource {
  if (settings.server.auth === "none") {
    settings.server.token = undefined;
    return { kind: "none" };
  }
  if (process.env.OPENQUANT_TOKEN) return { kind: "environment" };
  const { token, path, created } = ensureTokenFile(settings.data_dir);
  settings.server.token = token;
  redactFromLogs(token);
  return { kind: "file", path, created };
}
