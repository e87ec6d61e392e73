/**
 * Errors across the work queue: a worker decides whether a failure is worth another try, and the
 * error's code travels with its message through BullMQ (which keeps only a reason string), so the
 * sidecar records the same `{ code, message }` as when the job runs in-process.
 */
import { isOpenQuantError } from "../errors.js";
import type { JobError } from "./job-types.js";

/** Node's codes for a connection that failed or dropped: the other side may well be back soon. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_SOCKET"]);

/** The network code of a connection failure anywhere in the error's causes, or undefined. */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 5) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
  // a connection to "localhost" tries each address and fails with all their errors
  for (const inner of (error as { errors?: unknown[] }).errors ?? []) {
    const found = networkCode(inner, depth + 1);
    if (found) return found;
  }
  return networkCode((error as { cause?: unknown }).cause, depth + 1);
}

/** True for a failed connection: a network code, fetch's "fetch failed" or a timeout. */
function isNetworkFailure(error: unknown): boolean {
  if (networkCode(error)) return true;
  return error instanceof Error && (error.name === "TimeoutError" || /fetch failed|socket hang up/i.test(error.message));
}

/**
 * True when another try may succeed: a dependency was unavailable (the sidecar, MLflow, Redis) or
 * the network failed. A bad request (InvalidInput), a missing thing (NotFound), a conflict or a
 * bug fails the same way every time, so it is not retried.
 */
export function isTransient(error: unknown): boolean {
  if (isOpenQuantError(error)) return error.code === "UNAVAILABLE";
  return isNetworkFailure(error);
}

/** The `{ code, message }` a job records for `error`; a failed connection is UNAVAILABLE. */
export function jobErrorOf(error: unknown): JobError {
  if (isOpenQuantError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  if (!isNetworkFailure(error)) return { code: "ERROR", message };
  const code = networkCode(error);
  return { code: "UNAVAILABLE", message: code ? `${message} (${code})` : message };
}

const ENCODED = /^\[([A-Z_]{1,40})\] ([\s\S]*)$/;

/** A failed reason for BullMQ that keeps the code: `[CODE] message`. */
export function encodeJobError(error: JobError): string {
  return `[${error.code}] ${error.message}`;
}

/** Reads back a failed reason written by `encodeJobError`; anything else (e.g. BullMQ's own reasons) becomes code ERROR. */
export function decodeJobError(reason: string | undefined): JobError {
  const match = ENCODED.exec(reason ?? "");
  if (match) return { code: match[1], message: match[2] };
  return { code: "ERROR", message: reason || "the job failed on a worker without a reason" };
}
