import type { z } from "zod";
import { invalidFromZod } from "../errors.js";

/** Parses `input` with `schema`, throwing InvalidInput that names `what` and each offending field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidFromZod(what, result.error);
  return result.data;
}
