/**
 * The HTTP layer under yahoo-finance2: a `fetch` that retries 429, 5xx, network errors and
 * time-outs with exponential backoff, honours an AbortSignal, buffers each body (so a connection
 * dropped mid-body is retried too) and, when every attempt fails, throws Unavailable. Other answers
 * (200, 404 with Yahoo's error JSON, …) go back to yahoo-finance2 untouched.
 */
import { Unavailable } from "../../../errors.js";
import { backoffDelay, parseRetryAfter, sleep } from "./backoff.js";

/** How hard to try. */
export interface RetryPolicy {
  /** Retries after the first attempt (attempts = retries + 1). */
  retries: number;
  /** Base delay of the exponential backoff. */
  backoffMs: number;
  /** Longest single wait, also the cap on a Retry-After header. */
  maxBackoffMs: number;
  /** Time allowed for one attempt, response body included. */
  timeoutMs: number;
  /** Jitter source in [0, 1). */
  random: () => number;
}

/** What the transport saw during one request, for error messages and tests. */
export interface TransportRecord {
  attempts: number;
  /** HTTP status of the last response, if any arrived. */
  lastStatus?: number;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** A short description of a network failure: undici hides the system error in `cause`. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused (ECONNREFUSED)";
  if (cause?.code) return `${cause.message ?? "network error"} (${cause.code})`;
  return (error as Error).message ?? String(error);
}

class AttemptTimeout extends Error {}

/** Wraps `base` with retries under `policy`; `record` is updated as attempts are made. */
export function retryingFetch(
  base: typeof fetch,
  policy: RetryPolicy,
  record: TransportRecord,
  signal?: AbortSignal,
): typeof fetch {
  const attempts = policy.retries + 1;
  return async (input, init) => {
    let lastProblem = "";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      signal?.throwIfAborted();
      record.attempts++;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new AttemptTimeout()), policy.timeoutMs);
      const onAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      let retryAfter: number | undefined;
      try {
        const response = await base(input, { ...init, signal: controller.signal });
        const body = await response.arrayBuffer();
        record.lastStatus = response.status;
        if (!isRetryableStatus(response.status)) {
          const replay = NULL_BODY_STATUSES.has(response.status) ? null : body;
          return new Response(replay, { status: response.status, statusText: response.statusText, headers: response.headers });
        }
        lastProblem = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
        retryAfter = parseRetryAfter(response.headers.get("retry-after"), Date.now());
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        lastProblem =
          controller.signal.reason instanceof AttemptTimeout
            ? `no answer within ${policy.timeoutMs} ms`
            : describeNetworkError(error);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
      if (attempt < attempts) {
        const delay = Math.max(backoffDelay(attempt, policy.backoffMs, policy.maxBackoffMs, policy.random), retryAfter ?? 0);
        await sleep(Math.min(delay, policy.maxBackoffMs), signal);
      }
    }
    throw new Unavailable(
      `Yahoo Finance could not be reached after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${lastProblem}. ` +
        "Check the network connection, or try again later (Yahoo limits request rates).",
    );
  };
}
