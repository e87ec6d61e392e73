/** Request validation with zod: every body, param and query is parsed before a route sees it. */
import { invalidFromZod } from "@openquant/kernel-lib";
import type { Request } from "express";
import type { z } from "zod";

/** Parses `req.body` with `schema`; throws InvalidInput with field paths (→ 400). */
export function body<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const r = schema.safeParse(req.body ?? {});
  if (!r.success) throw invalidFromZod("request body", r.error);
  return r.data;
}

/** Parses `req.query` with `schema`. */
export function query<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const r = schema.safeParse(req.query);
  if (!r.success) throw invalidFromZod("query", r.error);
  return r.data;
}

/** Parses `req.params` with `schema`. */
export function params<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const r = schema.safeParse(req.params);
  if (!r.success) throw invalidFromZod("path", r.error);
  return r.data;
}
