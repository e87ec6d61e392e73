/**
 * defineRoute: a route's validation and its OpenAPI description are one object, so the published
 * document can never drift from what the route accepts. The route's handler is registered on an
 * Express router; its spec is kept beside the handler for the document builder (openapi.ts).
 */
import type { Request, RequestHandler, Response, Router } from "express";
import type { z } from "zod";
import { body as parseBody, params as parseParams, query as parseQuery } from "./validate.js";

/** HTTP methods routes use. */
export type RouteMethod = "get" | "post" | "put" | "patch" | "delete";

/** One documented response. */
export interface ResponseSpec {
  description: string;
  /** A zod schema, or the name of a shared component schema (see openapi-schemas.ts). */
  schema?: z.ZodType | string;
  /** Default application/json. */
  contentType?: string;
  /** Other content types with the same status (e.g. text/csv), described by a plain string schema. */
  alternatives?: string[];
}

/** What a route accepts and answers. */
export interface RouteSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> {
  method: RouteMethod;
  /** Express path, e.g. "/jobs/:id" (documented as "/jobs/{id}"). Routers are mounted at the root. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** Success responses by status. */
  responses: Record<number, ResponseSpec>;
  /** Error statuses this route can answer besides 400 (bad input), 401, 429 and 500, documented with the error body. */
  errors?: number[];
  /** Open without a token (only /health). */
  public?: boolean;
  /** Middleware run before validation, e.g. a larger body limit. */
  before?: RequestHandler[];
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The validated inputs a handler receives. */
export interface RouteInput<P, Q, B> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
}

/** A documented route as the document builder sees it. */
export type AnyRouteSpec = RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

const specs = new WeakMap<object, AnyRouteSpec>();

/** The spec registered with a route handler, if it was defined with defineRoute. */
export function specOf(handler: unknown): AnyRouteSpec | undefined {
  return typeof handler === "function" ? specs.get(handler) : undefined;
}

/** Registers a validated, documented route on `router`. */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(router: Router, spec: RouteSpec<P, Q, B>, handler: (input: RouteInput<P, Q, B>, req: Request, res: Response) => unknown): void {
  const route: RequestHandler = async (req, res) => {
    const input = {
      params: spec.params ? parseParams(req, spec.params) : undefined,
      query: spec.query ? parseQuery(req, spec.query) : undefined,
      body: spec.body ? parseBody(req, spec.body) : undefined,
    } as RouteInput<P, Q, B>;
    await handler(input, req, res);
  };
  specs.set(route, spec as AnyRouteSpec);
  router[spec.method](spec.path, ...(spec.before ?? []), route);
}
