/**
 * The one place where errors become HTTP responses: kernel-lib's typed errors map to
 * 400/404/409/503, anything else is a 500 with a request id and no internals.
 */
import type { ErrorRequestHandler, RequestHandler } from "express";
import { type ErrorCode, type FieldIssue, isOpenQuantError } from "@openquant/kernel-lib";

/** HTTP status per kernel-lib error code. */
export const statusOf: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAVAILABLE: 503,
};

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details: FieldIssue[]; requestId?: string };
}

/** An error body; every error response is built by this. */
export function errorBody(code: string, message: string, details: FieldIssue[], requestId?: string): ErrorBody {
  return { error: { code, message, details, requestId } };
}

/** 404 for routes that do not exist. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody("NOT_FOUND", `No route ${req.method} ${req.path}. See /docs for the API.`, [], String(req.id)));
};

/** Maps errors to responses; logs unexpected ones with their stack, never sends it. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const requestId = String(req.id);
  if (isOpenQuantError(error)) {
    res.status(statusOf[error.code]).json(errorBody(error.code, error.message, error.details, requestId));
    return;
  }
  const http = error as { status?: number; statusCode?: number; type?: string; message?: string };
  const status = http.status ?? http.statusCode;
  if (status && status >= 400 && status < 500) {
    // body-parser and friends: malformed JSON, too large, unsupported charset…
    const message =
      http.type === "entity.parse.failed"
        ? "The request body is not valid JSON."
        : http.type === "entity.too.large"
          ? "The request body is too large."
          : (http.message ?? "Bad request");
    res.status(status).json(errorBody("INVALID_INPUT", message, [], requestId));
    return;
  }
  req.log?.error({ err: error }, "unexpected error");
  res.status(500).json(errorBody("INTERNAL", `Internal error; see the sidecar log for request ${requestId}.`, [], requestId));
};
