/**
 * createApp(deps) builds the sidecar's Express app with its dependencies injected; it does not
 * listen (cli/serve.ts does), so tests run it in-process against real DuckDB, Redis and MLflow.
 */
import { randomUUID } from "node:crypto";
import type { Logger, OpenQuant } from "@openquant/kernel-lib";
import cors from "cors";
import express, { type Express } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { bearerAuth } from "./http/auth.js";
import { errorHandler, notFoundHandler } from "./http/errors.js";
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
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customSuccessMessage: (req, res, ms) => `${req.method} ${req.url} ${res.statusCode} ${Math.round(ms)} ms`,
      customErrorMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
    }),
  );
  // helmet's default CSP serves Swagger UI (no inline script); no upgrade to https on a plain-http loopback server
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  const origins = new Set(deps.oq.settings.server.cors_origins);
  app.use(cors({ origin: (origin, done) => done(null, !origin || origins.has(origin)), credentials: true }));
  // who may call, and how often, is settled before any body is read
  const token = deps.oq.settings.server.token;
  app.use(bearerAuth(token));
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
