import { Router } from "express";
import type { AppDeps } from "../app.js";

/** GET /health: every component measured for real; answers even when components are down. */
export function healthRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get("/health", async (_req, res) => {
    const report = await deps.oq.health();
    res.status(report.status === "down" ? 503 : 200).json(report);
  });
  return router;
}
