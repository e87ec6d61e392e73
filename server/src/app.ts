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
import { errorHandler, notFoundHandler } from "./http/errors.js";
import { dataRoutes } from "./routes/data.js";
import { healthRoutes } from "./routes/health.js";
import { scheduleRoutes } from "./routes/schedules.js";

/** What the app needs from the outside world. */
export interface AppDeps {
  oq: OpenQuant;
  logger: Logger;
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
  app.use(helmet());
  const origins = new Set(deps.oq.settings.server.cors_origins);
  app.use(cors({ origin: (origin, done) => done(null, !origin || origins.has(origin)), credentials: true }));
  const json = express.json({ limit: "1mb" });
  // bulk bar uploads from client-mode processes get their own, larger limit on their route
  app.use((req, res, next) => (req.path === "/data/bars" ? next() : json(req, res, next)));

  app.use(healthRoutes(deps));
  app.use(dataRoutes(deps.oq));
  app.use(scheduleRoutes(deps.oq));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
