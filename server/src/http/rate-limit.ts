/**
 * Rate limit on mutating routes (POST/PUT/PATCH/DELETE) per client address, answering 429 with the
 * standard error body and the draft-8 RateLimit headers (and Retry-After).
 */
import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import type { ErrorBody } from "./errors.js";

/** How many mutating requests one client may make per window. */
export interface RateLimitOptions {
  /** Length of the window in ms (default 60 000). */
  windowMs: number;
  /** Mutating requests allowed per client per window (default 600). */
  limit: number;
}

/** The defaults: generous for notebooks writing through the sidecar, a brake on runaway scripts. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { windowMs: 60_000, limit: 600 };

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Middleware limiting mutating requests; reads pass untouched. */
export function mutationRateLimit(options: RateLimitOptions = DEFAULT_RATE_LIMIT): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    skip: (req) => !MUTATING.has(req.method),
    handler: (req, res) => {
      const seconds = Math.ceil(options.windowMs / 1000);
      const body: ErrorBody = {
        error: {
          code: "RATE_LIMITED",
          message: `Too many changes: at most ${options.limit} POST/PUT/PATCH/DELETE requests per ${seconds} s per client. Retry after the Retry-After header's seconds.`,
          details: [],
          requestId: String(req.id),
        },
      };
      res.status(429).json(body);
    },
  });
}
