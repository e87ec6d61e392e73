/**
 * The one place that talks HTTP to MLflow: timeouts, retries with backoff on 5xx/429/network
 * failures, and the mapping of failures onto typed errors. Everything else builds on `request`.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { MlflowApiError, errorFromResponse, parseErrorBody, unreachable } from "./mlflow-error.js";
import { backoffDelay, isRetryableStatus, retryAfterMs, wasNeverSent } from "./retry.js";

/** How the HTTP layer behaves. */
export interface HttpSettings {
  /** Base URL of the MLflow server, without a trailing slash. */
  trackingUri: string;
  /** Per-attempt timeout for API calls, ms. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff step, ms (doubles per retry, with jitter). */
  backoffMs: number;
  /** Longest single backoff wait, ms. */
  maxBackoffMs: number;
}

/** A request body: JSON, or a factory of raw bodies (called once per attempt). */
export type RequestBody = { json: unknown } | { raw: () => Promise<{ body: Blob; contentType: string }> };

/** One request to MLflow. */
export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path under the tracking URI, e.g. `/api/2.0/mlflow/runs/get`. */
  path: string;
  /** Query parameters; undefined values are left out, arrays repeat the key. */
  query?: Record<string, string | number | string[] | undefined>;
  body?: RequestBody;
  /** False when repeating the request after an ambiguous failure could duplicate its effect (e.g. runs/create). */
  idempotent?: boolean;
  /** Overrides the per-attempt timeout (artifact transfers take longer). */
  timeoutMs?: number;
  /** Overrides the retry count (health checks do not retry). */
  retries?: number;
}

interface NetworkFailure {
  reason: string;
  neverSent: boolean;
  cause: unknown;
}

function describeNetworkError(error: unknown, timeoutMs: number): NetworkFailure {
  const err = error as { name?: string; code?: string; cause?: { code?: string; message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") {
    return { reason: `no answer within ${timeoutMs} ms`, neverSent: false, cause: error };
  }
  const code = err?.cause?.code ?? err?.code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: "connection refused: nothing is listening there",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host name lookup failed",
    ECONNRESET: "connection reset",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
  };
  const reason = (code && reasons[code]) ?? err?.cause?.message ?? (error instanceof Error ? error.message : String(error));
  return { reason, neverSent: wasNeverSent(code), cause: error };
}

function buildUrl(base: string, path: string, query: HttpRequest["query"]): string {
  const url = new URL(base + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
  }
  return url.toString();
}

async function buildInit(request: HttpRequest, signal: AbortSignal): Promise<RequestInit> {
  const init: RequestInit = { method: request.method, signal, headers: {} };
  const headers = init.headers as Record<string, string>;
  if (request.body && "json" in request.body) {
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(request.body.json);
  } else if (request.body) {
    const raw = await request.body.raw();
    headers["content-type"] = raw.contentType;
    // A Blob (file-backed for files on disk) is re-readable, so a retry resends it without buffering.
    init.body = raw.body;
  }
  return init;
}

/** Sends requests to one MLflow server. */
export class MlflowHttp {
  readonly settings: HttpSettings;

  constructor(settings: HttpSettings) {
    this.settings = settings;
  }

  /** Sends `request`, retrying what is safe to retry; resolves with a 2xx response or throws a typed error. */
  async request(request: HttpRequest): Promise<Response> {
    const { trackingUri, backoffMs, maxBackoffMs } = this.settings;
    const retries = request.retries ?? this.settings.retries;
    const timeoutMs = request.timeoutMs ?? this.settings.timeoutMs;
    const idempotent = request.idempotent ?? true;
    const endpoint = `${request.method} ${request.path}`;
    const url = buildUrl(trackingUri, request.path, request.query);
    for (let attempt = 0; ; attempt += 1) {
      const init = await buildInit(request, AbortSignal.timeout(timeoutMs));
      let response: Response;
      try {
        response = await fetch(url, init);
      } catch (error) {
        const failure = describeNetworkError(error, timeoutMs);
        if (attempt < retries && (idempotent || failure.neverSent)) {
          await sleep(backoffDelay(attempt, backoffMs, maxBackoffMs));
          continue;
        }
        throw unreachable(trackingUri, failure.reason, failure.cause);
      }
      if (response.ok) return response;
      const text = await response.text().catch(() => "");
      if (attempt < retries && isRetryableStatus(response.status, idempotent)) {
        const wait = retryAfterMs(response.headers.get("retry-after"), maxBackoffMs);
        await sleep(wait ?? backoffDelay(attempt, backoffMs, maxBackoffMs));
        continue;
      }
      const { errorCode, message } = parseErrorBody(text);
      throw errorFromResponse(trackingUri, new MlflowApiError(endpoint, response.status, errorCode, message));
    }
  }

  /** Sends `request` and parses the JSON answer (MLflow answers `{}` for empty results). */
  async json<T>(request: HttpRequest): Promise<T> {
    const response = await this.request(request);
    const text = await response.text();
    if (text.trim() === "") return {} as T;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw unreachable(this.settings.trackingUri, `${request.path} answered with something that is not JSON`, error);
    }
  }
}
