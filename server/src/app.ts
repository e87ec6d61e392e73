/**
 * createApp(deps) builds the sidecar's Express app with its dependencies injected; it does not
 * listen (cli/serve.ts does), so tests run it in-process against real DuckDB, Redis and MLflow.
 */
import { randomUUID } from "node:crypto";
import { InvalidInput, type Logger, type OpenQuant } from "@openquant/kernel-lib";
import cors from "cors";
import express, { type Express } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { type AuthThrottleOptions, bearerAuth } from "./http/auth.js";
import { errorHandler, notFoundHandler } from "./http/errors.js";
import { hostGuard } from "./http/host-guard.js";
import { methodNotAllowed } from "./http/method-not-allowed.js";
import { mutationRateLimit, type RateLimitOptions } from "./http/rate-limit.js";
import { dataRoutes } from "./routes/data.js";
import { docsRoutes } from "./routes/docs.js";
import { featureRoutes } from "./routes/features.js";
import { healthRoutes } from "./routes/health.js";
import { jobRoutes } from "./routes/jobs.js";
import { modelRoutes } from "./routes/models.js";
import { notebookRoutes } from "./routes/notebooks.js";
import { panelRoutes } from "./routes/panels.js";
import { scheduleRoutes } from "./routes/schedules.js";
import { universeRoutes } from "./routes/universes.js";

/** What the app needs from the outside world. */
export interface AppDeps {
  oq: OpenQuant;
  logger: Logger;
  /** Mutating requests allowed per client and window (default 600 per minute). */
  rateLimit?: RateLimitOptions;
  /** Time between heartbeats on job event streams (default 15 s). */
  sseHeartbeatMs?: number;
  /** Failed token attempts allowed per client and window before 429 (default 20 per minute). */
  authThrottle?: AuthThrottleOptions;
}

/** Query parameters whose values stay out of the request log. */
const SECRET_QUERY = /^(token|access_token|api_?key|key|secret|password|signature)$/i;

/** The URL as logged: the values of secret-looking query parameters replaced. */
export function loggableUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const key of [...params.keys()]) {
    if (SECRET_QUERY.test(key)) {
      params.set(key, "[REDACTED]");
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}

/** Builds the sidecar app. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
      autoLogging: { ignore: (req) => req.url === "/health" },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggableUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customSuccessMessage: (req, res, ms) => `${req.method} ${loggableUrl(req.url ?? "")} ${res.statusCode} ${Math.round(ms)} ms`,
      customErrorMessage: (req, res) => `${req.method} ${loggableUrl(req.url ?? "")} ${res.statusCode}`,
    }),
  );
  // before anything else: a request naming a foreign Host (DNS rebinding) learns nothing
  const server = deps.oq.settings.server;
  app.use(hostGuard(server.host, server.allowed_hosts));
  // helmet's default CSP serves Swagger UI (no inline script); no upgrade to https on a plain-http loopback server
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  const origins = new Set(deps.oq.settings.server.cors_origins);
  app.use(cors({ origin: (origin, done) => done(null, !origin || origins.has(origin)), credentials: true }));
  // who may call, and how often, is settled before any body is read
  const token = server.auth === "none" ? undefined : server.token;
  if (server.auth === "token" && !token) {
    throw new InvalidInput(
      "The sidecar requires a token (auth 'token', the default) but none is set: set OPENQUANT_TOKEN, let 'openquant serve' create one in the data folder, or set OPENQUANT_AUTH=none on loopback.",
    );
  }
  app.use(bearerAuth({ token, tokenHint: "OPENQUANT_TOKEN or sidecar.token in the platform's data folder", throttle: deps.authThrottle }));
  app.use(mutationRateLimit(deps.rateLimit));
  const json = express.json({ limit: "1mb" });
  // bulk bar uploads and notebook hand-overs from client-mode processes get their own, larger limit on their route
  const ownLimit = (req: express.Request) =>
    req.path === "/data/bars" || (req.method === "PUT" && (/^\/notebooks\/runs\/[^/]+$/.test(req.path) || /^\/universes\/[^/]+$/.test(req.path) || req.path === "/data/attributes"));
  app.use((req, res, next) => (ownLimit(req) ? next() : json(req, res, next)));

  app.use(healthRoutes(deps));
  app.use(universeRoutes(deps.oq));
  app.use(dataRoutes(deps.oq));
  app.use(featureRoutes(deps.oq));
  app.use(modelRoutes(deps.oq));
  app.use(scheduleRoutes(deps.oq));
  app.use(notebookRoutes(deps.oq));
  app.use(panelRoutes(deps.oq));
  app.use(jobRoutes(deps.oq, { heartbeatMs: deps.sseHeartbeatMs }));
  app.use(docsRoutes({ secured: Boolean(token) }));

  app.use(methodNotAllowed(app));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
