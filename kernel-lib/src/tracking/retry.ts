/** When and how long to wait before retrying a request to MLflow. */

/** Statuses that say "try again later": rate limiting and temporary unavailability. */
const ALWAYS_RETRYABLE = new Set([429, 503]);
/** Server errors that may have happened after the request took effect; retried only when that is harmless. */
const RETRYABLE_IF_IDEMPOTENT = new Set([500, 502, 504]);

/** True when a response with `status` should be retried; `idempotent` says whether repeating the request is harmless. */
export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  return ALWAYS_RETRYABLE.has(status) || (idempotent && RETRYABLE_IF_IDEMPOTENT.has(status));
}

/** Network error codes that mean the request never reached the server, so a retry cannot duplicate it. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

/** True when a network error code proves the request was never delivered. */
export function wasNeverSent(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_CODES.has(code);
}

/** Exponential backoff with full jitter: a random wait in [0, min(maxMs, baseMs·2^attempt)]. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling * random());
}

/** The wait a `Retry-After` header asks for, in ms (seconds or an HTTP date), capped at `maxMs`. */
export function retryAfterMs(header: string | null, maxMs: number, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(maxMs, seconds * 1000);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.min(maxMs, Math.max(0, date - now));
}
