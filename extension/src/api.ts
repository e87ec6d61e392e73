/**
 * The one way the panels talk to the OpenQuant sidecar. By default requests go to
 * `<Jupyter base URL>openquant/…`, which jupyter-server-proxy forwards to the sidecar, so they ride
 * on JupyterLab's own origin and auth. A "Sidecar URL" setting sends them straight to the sidecar
 * instead, without Jupyter's credentials.
 */
import { URLExt } from "@jupyterlab/coreutils";
import { ServerConnection } from "@jupyterlab/services";
import { type core, safeParse } from "zod/mini";

/** Name of the jupyter-server-proxy server that fronts the sidecar (see jupyter-config/). */
export const PROXY_NAME = "openquant";

/**
 * Why a request failed: the sidecar's own codes (INVALID_INPUT, NOT_FOUND, CONFLICT, UNAVAILABLE…),
 * UNREACHABLE when no sidecar answered, BAD_RESPONSE when it answered something unexpected, or
 * HTTP_<status> when something other than the sidecar refused the request (e.g. Jupyter's auth).
 */
export type ApiErrorCode = "UNREACHABLE" | "BAD_RESPONSE" | "INVALID_INPUT" | "NOT_FOUND" | "CONFLICT" | "UNAVAILABLE" | (string & {});

/** The sidecar's error body: `{ error: { code, message, details } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A failed sidecar request, carrying the API's error code, message and details. */
export class ApiError extends Error {
  /** HTTP status of the answer; 0 when there was no answer at all. */
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;

  constructor(status: number, code: ApiErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** True when no sidecar answered (it is stopped, or the proxy to it is missing). */
  get unreachable(): boolean {
    return this.code === "UNREACHABLE";
  }
}

/** How requests reach the sidecar. */
export interface ApiConfig {
  /** Direct sidecar URL such as http://127.0.0.1:8000; empty to go through Jupyter's proxy. */
  sidecarUrl: string;
  /** The Jupyter server the proxy lives on; JupyterLab's own by default. */
  serverSettings?: ServerConnection.ISettings;
}

const config: ApiConfig = { sidecarUrl: "" };

/** Changes where requests go; fields left out keep their current value. */
export function configureAPI(update: Partial<ApiConfig>): void {
  if (update.sidecarUrl !== undefined) config.sidecarUrl = update.sidecarUrl.trim();
  if (update.serverSettings !== undefined) config.serverSettings = update.serverSettings;
}

function jupyterSettings(): ServerConnection.ISettings {
  config.serverSettings ??= ServerConnection.makeSettings();
  return config.serverSettings;
}

/** The absolute URL `path` resolves to under the current configuration. */
export function apiUrl(path: string): string {
  const base = config.sidecarUrl || URLExt.join(jupyterSettings().baseUrl, PROXY_NAME);
  return URLExt.join(base, path);
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; value: undefined } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}

function via(): string {
  return config.sidecarUrl ? `the sidecar at ${config.sidecarUrl}` : "Jupyter's proxy";
}

function errorFromResponse(response: Response, text: string, url: string): ApiError {
  const parsed = parseJson(text);
  if (parsed.ok && isErrorBody(parsed.value)) {
    const { code, message, details } = parsed.value.error;
    return new ApiError(response.status, code, message, details);
  }
  // The sidecar wraps its own failures, 500s included, in an error body; a bare 5xx comes from the
  // proxy in front of it (jupyter-server-proxy answers 500 or 599 when nothing listens behind it).
  if (response.status >= 500) {
    return new ApiError(
      response.status,
      "UNREACHABLE",
      `No OpenQuant sidecar answered through ${via()} (HTTP ${response.status}). ` +
        "Start it with 'npm run up' (or 'openquant serve'), then retry.",
    );
  }
  if (response.status === 404 && !config.sidecarUrl) {
    return new ApiError(
      404,
      "UNREACHABLE",
      `Jupyter has no route to the sidecar (${url} answered 404). Install jupyter-server-proxy and start ` +
        "JupyterLab with JUPYTER_CONFIG_PATH pointing at OpenQuant's jupyter-config/, or set the Sidecar URL " +
        "in Settings › OpenQuant.",
    );
  }
  return new ApiError(
    response.status,
    `HTTP_${response.status}`,
    `${url} answered HTTP ${response.status} ${response.statusText}`.trim() + ".",
    text.slice(0, 500),
  );
}

async function send(url: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has("Accept")) headers.set("Accept", "application/json");
  if (init.body !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  if (config.sidecarUrl) {
    // Another origin: never send Jupyter's token or cookies there.
    return fetch(url, { cache: "no-store", ...init, headers, credentials: "omit" });
  }
  return ServerConnection.makeRequest(url, { ...init, headers }, jupyterSettings());
}

// zod/mini keeps no message catalogue, so say what was expected here.
function describeIssue(issue: core.$ZodIssue): string {
  if (issue.code === "invalid_type") return `expected ${issue.expected}`;
  if (issue.code === "invalid_value") return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return issue.message;
}

/** Wraps anything thrown while talking to the sidecar as an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(0, "UNREACHABLE", `Could not connect through ${via()}: ${message}.`, undefined, {
    cause: error,
  });
}

/** Extra options of requestAPI. */
export interface RequestOptions<T> {
  /** Checks the answer's shape; a mismatch throws ApiError BAD_RESPONSE. */
  schema?: core.$ZodType<T>;
  /** Non-2xx statuses whose body is still the answer (GET /health reports "down" with 503). */
  acceptStatus?: readonly number[];
}

/**
 * Calls the sidecar at `path` (e.g. "health", "tickers/AAPL") and returns its JSON body, checked
 * against `options.schema` when given. Throws ApiError for every failure, carrying the API's
 * `{ error: { code, message, details } }` when the sidecar sent one.
 */
export async function requestAPI<T>(path: string, init: RequestInit = {}, options: RequestOptions<T> = {}): Promise<T> {
  const { schema, acceptStatus = [] } = options;
  const url = apiUrl(path);
  let response: Response;
  let text: string;
  try {
    response = await send(url, init);
    text = await response.text();
  } catch (error) {
    throw toApiError(error);
  }
  if (!response.ok && !(acceptStatus.includes(response.status) && !isErrorBody(parseJson(text).value))) {
    throw errorFromResponse(response, text, url);
  }
  if (response.status === 204 || text === "") return undefined as T;
  const parsed = parseJson(text);
  if (!parsed.ok) {
    throw new ApiError(response.status, "BAD_RESPONSE", `${url} did not answer JSON.`, text.slice(0, 500));
  }
  if (!schema) return parsed.value as T;
  const checked = safeParse(schema, parsed.value);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: describeIssue(i) }));
    const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
    throw new ApiError(
      response.status,
      "BAD_RESPONSE",
      `The sidecar's answer to ${path} has an unexpected shape (${summary}). Are the extension and the sidecar the same version?`,
      issues,
    );
  }
  return checked.data;
}
