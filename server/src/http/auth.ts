/**
 * Bearer-token authentication: every route but /health requires `Authorization: Bearer <token>`,
 * compared in constant time. The token is OPENQUANT_TOKEN or the one `serve` keeps in the data
 * folder; auth is off only with OPENQUANT_AUTH=none (and then only on loopback, see cli/serve.ts).
 * Clients that keep sending a missing or wrong token are answered 429 for a while; a request with
 * the right token always passes, so a broken script never locks out the panels on the same host.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import type { ErrorBody } from "./errors.js";

/** Paths open without a token: health checks must work for launchers and load balancers. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(["/health"]);

/** How many failed attempts one client may make per window before it is answered 429. */
export interface AuthThrottleOptions {
  /** Failed attempts allowed per client per window (default 20). */
  limit: number;
  /** Length of the window in ms (default 60 000). */
  windowMs: number;
}

/** The defaults: far more than a mistyped token needs, far fewer than a guessing loop wants. */
export const DEFAULT_AUTH_THROTTLE: AuthThrottleOptions = { limit: 20, windowMs: 60_000 };

// Clients remembered at most: a flood of spoofed addresses cannot grow the ledger without bound.
const MAX_CLIENTS = 10_000;

// Hashing first gives equal-length buffers, so timingSafeEqual never leaks the token's length.
const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** True when `candidate` is `token`, in time independent of where they differ. */
export function tokenMatches(candidate: string, token: string): boolean {
  return timingSafeEqual(digest(candidate), digest(token));
}

/** Failed attempts per client in fixed windows. */
class FailureLedger {
  private readonly clients = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly options: AuthThrottleOptions) {}

  /** Counts a failure of `client`; returns the ms to wait when it is over the limit. */
  fail(client: string, now = Date.now()): number | undefined {
    let entry = this.clients.get(client);
    if (!entry || entry.resetAt <= now) {
      this.clients.delete(client);
      if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value as string);
      entry = { count: 0, resetAt: now + this.options.windowMs };
      this.clients.set(client, entry);
    }
    entry.count += 1;
    return entry.count > this.options.limit ? entry.resetAt - now : undefined;
  }
}

function errorResponse(code: string, message: string, requestId: unknown): ErrorBody {
  return { error: { code, message, details: [], requestId: String(requestId) } };
}

/** What bearerAuth needs. */
export interface BearerAuthOptions {
  /** The token; undefined means auth is off (OPENQUANT_AUTH=none). */
  token: string | undefined;
  /** Where the token is kept, named in the 401 message. */
  tokenHint?: string;
  throttle?: AuthThrottleOptions;
}

/**
 * Middleware requiring the bearer token on every non-public path. It sets `res.locals.authenticated`
 * (true with the right token, or when auth is off), which /health reads to decide how much to say.
 */
export function bearerAuth(options: BearerAuthOptions): RequestHandler {
  const expected = options.token;
  if (!expected) {
    return (_req, res, next) => {
      res.locals.authenticated = true;
      next();
    };
  }
  const ledger = new FailureLedger(options.throttle ?? DEFAULT_AUTH_THROTTLE);
  const hint = options.tokenHint ?? "OPENQUANT_TOKEN";
  return (req, res, next) => {
    const header = req.headers.authorization ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    res.locals.authenticated = Boolean(match && tokenMatches(match[1], expected));
    if (res.locals.authenticated || PUBLIC_PATHS.has(req.path)) return next();
    const waitMs = ledger.fail(req.ip ?? req.socket.remoteAddress ?? "unknown");
    if (waitMs !== undefined) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      res
        .status(429)
        .set("Retry-After", String(seconds))
        .json(errorResponse("RATE_LIMITED", `Too many requests with a missing or wrong token from this client: retry after ${seconds} s, with the token in ${hint}.`, req.id));
      return;
    }
    const message = match
      ? `The bearer token is not this sidecar's token (${hint}).`
      : `This sidecar requires a token: send 'Authorization: Bearer <token>' with the token in ${hint}.`;
    res.status(401).set("WWW-Authenticate", 'Bearer realm="openquant"').json(errorResponse("UNAUTHORIZED", message, req.id));
  };
}
