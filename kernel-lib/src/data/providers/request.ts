/** Validation of a fetch request, shared by every provider. */
import { z } from "zod";
import { InvalidInput } from "../../errors.js";
import { validate } from "../../util/validate.js";
import { INTERVALS } from "../frame.js";
import type { FetchRequest } from "./provider.js";
import { describeInstant } from "./dates.js";
import { validateTicker } from "./ticker.js";

const epochMs = z.number().refine(Number.isFinite, "a finite epoch-milliseconds time");

/** The zod schema of a fetch request. */
export const fetchRequestSchema = z
  .object({
    ticker: z.string(),
    interval: z.enum(INTERVALS, { error: `one of ${INTERVALS.join(", ")}` }),
    start: epochMs.optional(),
    end: epochMs.optional(),
  })
  .strict();

/** Returns a checked copy of `request`; throws InvalidInput for a bad ticker, interval or range. */
export function validateFetchRequest(request: unknown): FetchRequest {
  const parsed = validate(fetchRequestSchema, request, "fetch request");
  validateTicker(parsed.ticker);
  if (parsed.start !== undefined && parsed.end !== undefined && parsed.start > parsed.end) {
    throw new InvalidInput(
      `Invalid range for ${parsed.ticker}: start ${describeInstant(parsed.start)} is after end ${describeInstant(parsed.end)}.`,
      [{ path: "start", message: "must not be after end" }],
    );
  }
  return parsed;
}
