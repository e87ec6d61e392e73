import { Router } from "express";
import type { AppDeps } from "../app.js";
import { defineRoute } from "../http/openapi-route.js";

/** GET /health: every component measured for real; answers even when components are down. */
export function healthRoutes(deps: AppDeps): Router {
  const router = Router();
  defineRoute(
    router,
    {
      method: "get",
      path: "/health",
      summary: "Health of every component (DuckDB, cache, MLflow, scheduler, jobs)",
      description:
        "Always answers; 503 when a critical component (DuckDB) is down. Open without a token, but then it says up/down only (no versions, paths or timings).",
      tags: ["health"],
      public: true,
      responses: {
        200: { description: "Up or degraded", schema: "HealthReport" },
        503: { description: "Down", schema: "HealthReport" },
      },
    },
    async (_input, _req, res) => {
      const report = await deps.oq.health();
      const body = res.locals.authenticated ? report : { status: report.status, components: report.components.map((c) => ({ name: c.name, status: c.status })) };
      res.status(report.status === "down" ? 503 : 200).json(body);
    },
  );
  return router;
}
