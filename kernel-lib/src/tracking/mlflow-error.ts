/**
 * Maps what MLflow answers (or fails to answer) onto kernel-lib's typed errors, keeping MLflow's
 * own message and error code so a user sees what the server said and what to do about it.
 */
import { Conflict, InvalidInput, NotFound, type OpenQuantError, Unavailable } from "../errors.js";

/** The raw failure from MLflow, kept as the `cause` of the typed error. */
export class MlflowApiError extends Error {
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** MLflow's `error_code` (e.g. RESOURCE_DOES_NOT_EXIST), when it sent one. */
  readonly errorCode: string | undefined;
  /** The endpoint that failed, e.g. `GET /api/2.0/mlflow/runs/get`. */
  readonly endpoint: string;

  constructor(endpoint: string, status: number, errorCode: string | undefined, message: string) {
    super(message);
    this.name = "MlflowApiError";
    this.endpoint = endpoint;
    this.status = status;
    this.errorCode = errorCode;
  }
}

/** Reads `{ error_code, message }` from an MLflow error body, falling back to the raw text. */
export function parseErrorBody(text: string): { errorCode?: string; message: string } {
  try {
    const body = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    if (body && typeof body === "object") {
      return {
        errorCode: typeof body.error_code === "string" ? body.error_code : undefined,
        message: typeof body.message === "string" ? body.message : text,
      };
    }
  } catch {
    // Not JSON (e.g. the host-header middleware answers in plain text).
  }
  return { message: text.trim() };
}

const WHERE_TO_START =
  "Start it (`npm run up` starts one on port 5000) or point MLFLOW_TRACKING_URI / OPENQUANT_MLFLOW_URI at a running server.";

/** The error for a server that cannot be reached at all. */
export function unreachable(trackingUri: string, reason: string, cause?: unknown): Unavailable {
  return new Unavailable(`MLflow at ${trackingUri} is unreachable (${reason}). ${WHERE_TO_START}`, [], { cause });
}

/** The typed error for an HTTP error answer from MLflow. */
export function errorFromResponse(trackingUri: string, failure: MlflowApiError): OpenQuantError {
  const { status, errorCode, message } = failure;
  const options = { cause: failure };
  if (errorCode === "RESOURCE_DOES_NOT_EXIST") return new NotFound(`MLflow: ${message}`, [], options);
  if (status === 404) {
    return new Unavailable(
      `${trackingUri} has no MLflow endpoint ${failure.endpoint} (HTTP 404). Check that the tracking URI points at an MLflow ` +
        "server, including its --static-prefix if it has one.",
      [],
      options,
    );
  }
  if (errorCode === "RESOURCE_ALREADY_EXISTS") return new Conflict(`MLflow: ${message}`, [], options);
  if (errorCode === "INVALID_PARAMETER_VALUE" || errorCode === "INVALID_STATE" || errorCode === "BAD_REQUEST") {
    return new InvalidInput(`MLflow refused the request: ${message}`, [], options);
  }
  if (status === 403 && message.includes("Invalid Host header")) {
    return new Unavailable(
      `MLflow at ${trackingUri} refused our Host header (its DNS-rebinding protection). ` +
        "Start the server with `--allowed-hosts <host:port>` (or MLFLOW_SERVER_ALLOWED_HOSTS) that includes this address, " +
        "or reach it through localhost/127.0.0.1.",
      [],
      options,
    );
  }
  if (status === 401 || status === 403) {
    return new Unavailable(
      `MLflow at ${trackingUri} refused access (HTTP ${status}: ${message}). This server needs authentication, which OpenQuant does not send.`,
      [],
      options,
    );
  }
  if (status >= 400 && status < 500 && errorCode) return new InvalidInput(`MLflow refused the request: ${message}`, [], options);
  return new Unavailable(`MLflow at ${trackingUri} failed (HTTP ${status}${errorCode ? ` ${errorCode}` : ""}): ${message}`, [], options);
}
