/** Field errors from zod issues and from the sidecar's error details, keyed by the field they concern. */
import type { core } from "zod/mini";
import type { ApiError } from "../api.js";
import { errorsFromDetails, type FieldErrors } from "../forms/jsonSchema.js";

/** One message per field (the first issue of each), keyed by the issue path's first segment; "" for the whole form. */
export function fieldErrorsOfIssues(issues: readonly core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "";
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/**
 * Field errors of a failed request: the details the sidecar attached (paths like `tickers.0`), and
 * under "" the message itself when no detail names a field the form shows.
 */
export function fieldErrorsOfApiError(error: ApiError, fields: readonly string[]): FieldErrors {
  const byField = errorsFromDetails(error.details);
  const shown: FieldErrors = {};
  for (const [field, message] of Object.entries(byField)) if (fields.includes(field)) shown[field] = message;
  if (Object.keys(shown).length === 0) shown[""] = error.message;
  return shown;
}
