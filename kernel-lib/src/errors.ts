/**
 * Typed errors of kernel-lib. Every user mistake or unavailable dependency surfaces as one of these,
 * with a message a user can act on; the server maps `code` to an HTTP status in one place.
 */
import type { ZodError } from "zod";

/** The error codes kernel-lib raises; each maps to one HTTP status in the sidecar. */
export type ErrorCode = "INVALID_INPUT" | "NOT_FOUND" | "CONFLICT" | "UNAVAILABLE";

/** One offending field: its path (e.g. `params.period`) and what is wrong with it. */
export interface FieldIssue {
  /** Dotted path of the offending field; empty for the input as a whole. */
  path: string;
  /** What is wrong and what is allowed. */
  message: string;
}

/** Base class of every error kernel-lib raises on purpose. */
export class OpenQuantError extends Error {
  /** Machine-readable category. */
  readonly code: ErrorCode;
  /** Offending fields, when the error concerns input. */
  readonly details: FieldIssue[];

  constructor(code: ErrorCode, message: string, details: FieldIssue[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** The caller's input is wrong: fix the named fields and try again. */
export class InvalidInput extends OpenQuantError {
  constructor(message: string, details: FieldIssue[] = [], options?: { cause?: unknown }) {
    super("INVALID_INPUT", message, details, options);
  }
}

/** The named thing (ticker, run, schedule, feature…) does not exist. */
export class NotFound extends OpenQuantError {
  constructor(message: string, details: FieldIssue[] = [], options?: { cause?: unknown }) {
    super("NOT_FOUND", message, details, options);
  }
}

/** The request conflicts with the current state (duplicate name, a run already in progress…). */
export class Conflict extends OpenQuantError {
  constructor(message: string, details: FieldIssue[] = [], options?: { cause?: unknown }) {
    super("CONFLICT", message, details, options);
  }
}

/** A dependency (MLflow, Redis, Yahoo, the sidecar) cannot be reached right now. */
export class Unavailable extends OpenQuantError {
  constructor(message: string, details: FieldIssue[] = [], options?: { cause?: unknown }) {
    super("UNAVAILABLE", message, details, options);
  }
}

/** Turns zod issues into field issues with dotted paths. */
export function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

/** Wraps a ZodError as InvalidInput, naming what was being validated and each offending field. */
export function invalidFromZod(what: string, error: ZodError): InvalidInput {
  const details = zodIssues(error);
  const summary = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join("; ");
  return new InvalidInput(`Invalid ${what}: ${summary}`, details, { cause: error });
}

/** True when `error` is one of kernel-lib's typed errors. */
export function isOpenQuantError(error: unknown): error is OpenQuantError {
  return error instanceof OpenQuantError;
}
