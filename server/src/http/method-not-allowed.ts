/**
 * 405 for a path the API has but not with the method asked (e.g. DELETE /data/tickers), with an
 * Allow header listing the methods it has, so a client learns what it can do instead of a 404
 * that suggests the path is wrong.
 */
import type { Express, RequestHandler } from "express";
import { errorBody } from "./errors.js";
import { appRoutes } from "./openapi.js";

interface PathMethods {
  pattern: RegExp;
  methods: Set<string>;
}

/** /jobs/:id → ^/jobs/[^/]+/?$ (route paths here use plain segments and named params only). */
function patternOf(expressPath: string): RegExp {
  const source = expressPath
    .split("/")
    .map((segment) => (segment.startsWith(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}/?$`, "i");
}

/** Answers 405 + Allow when another method routes `req.path`; passes on to the 404 otherwise. */
export function methodNotAllowed(app: Express): RequestHandler {
  let table: PathMethods[] | undefined;
  const routes = (): PathMethods[] => {
    // built on first use: by then every router is mounted
    if (table) return table;
    const byPath = new Map<string, Set<string>>();
    for (const { method, path } of appRoutes(app)) {
      const methods = byPath.get(path) ?? new Set<string>();
      methods.add(method.toUpperCase());
      if (method === "get") methods.add("HEAD");
      byPath.set(path, methods);
    }
    table = [...byPath].map(([path, methods]) => ({ pattern: patternOf(path), methods }));
    return table;
  };
  return (req, res, next) => {
    const allowed = new Set<string>();
    for (const { pattern, methods } of routes()) if (pattern.test(req.path)) for (const m of methods) allowed.add(m);
    if (allowed.size === 0 || allowed.has(req.method)) {
      next();
      return;
    }
    const allow = [...allowed].sort().join(", ");
    res
      .status(405)
      .set("Allow", allow)
      .json(errorBody("METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${req.path}; it answers ${allow}. See /docs for the API.`, [], String(req.id)));
  };
}
