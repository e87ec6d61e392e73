/**
 * Bearer-token authentication (issue 6, Security): with a token configured (OPENQUANT_TOKEN),
 * every route but /health requires `Authorization: Bearer <token>`, compared in constant time.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import type { ErrorBody } from "./errors.js";

/** Paths open without a token: health checks must work for launchers and load balancers. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(["/health"]);

// Hashing first gives equal-length buffers, so timingSafeEqual never leaks the token's length.
const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** True when `candidate` is `token`, in time independent of where they differ. */
export function tokenMatches(candidate: string, token: string): boolean {
  return timingSafeEqual(digest(candidate), digest(token));
}

/** Middleware requiring the bearer token on every non-public path; a no-op without a token. */
export function bearerAuth(token: string | undefined): RequestHandler {
  const expected = token;
  if (!expected) return (_req, _res, next) => next();
  return (req, res, next) => {
    if (PUBLIC_PATHS.has(req.path)) return next();
    const header = req.headers.authorization ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match && tokenMatches(match[1], expected)) return next();
    const message = match
      ? "The bearer token is not this sidecar's token (OPENQUANT_TOKEN)."
      : "This sidecar requires a token: send 'Authorization: Bearer <token>' with the value of OPENQUANT_TOKEN.";
    const body: ErrorBody = { error: { code: "UNAUTHORIZED", message, details: [], requestId: String(req.id) } };
    res.status(401).set("WWW-Authenticate", 'Bearer realm="openquant"').json(body);
  };
}
