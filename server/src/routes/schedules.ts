/** Schedules over HTTP: list, create, edit, pause, delete, run now, run history. */
import type { OpenQuant } from "@openquant/kernel-lib";
import { Router } from "express";
import { z } from "zod";
import { params, query } from "../http/validate.js";

const idParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a schedule id") }).strict();

export function scheduleRoutes(oq: OpenQuant): Router {
  const router = Router();
  const schedules = oq.schedules;

  router.get("/schedules", async (_req, res) => {
    res.json(await schedules.list());
  });
  router.post("/schedules", async (req, res) => {
    res.status(201).json(await schedules.create(req.body ?? {}));
  });
  router.get("/schedules/:id", async (req, res) => {
    res.json(await schedules.get(params(req, idParam).id));
  });
  router.put("/schedules/:id", async (req, res) => {
    res.json(await schedules.update(params(req, idParam).id, req.body ?? {}));
  });
  router.delete("/schedules/:id", async (req, res) => {
    await schedules.remove(params(req, idParam).id);
    res.status(204).end();
  });
  router.post("/schedules/:id/run", async (req, res) => {
    res.json(await schedules.runNow(params(req, idParam).id));
  });
  router.get("/schedules/:id/runs", async (req, res) => {
    const { limit } = query(req, z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }).strict());
    res.json(await schedules.runs(params(req, idParam).id, limit));
  });
  return router;
}
