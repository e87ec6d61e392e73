import type { MlflowClient } from "../tracking/client.js";
import { validate } from "../util/validate.js";
import { z } from "zod";

/** A registration: the run whose model to register, the registered model's name and an optional alias. */
export const registerRequestSchema = z.strictObject({
  runId: z.string().regex(/^[0-9a-f]{32}$/, "an MLflow run id (32 hex characters)"),
  name: z.string().min(1).max(200),
  alias: z.string().regex(/^[A-Za-z][\w-]{0,63}$/, "letters, digits, '_' or '-', starting with a letter").optional(),
});

/** Registers `runs:/<runId>/model` as a new version of `name` (created on first use) and sets `alias` on it. */
export async function registerModel(
  client: MlflowClient,
  runId: string,
  name: string,
  alias?: string,
): Promise<{ name: string; version: string; alias?: string }> {
  const r = validate(registerRequestSchema, { runId, name, alias }, "model registration");
  await client.getRun(r.runId);
  await client.ensureRegisteredModel(r.name);
  const version = await client.createModelVersion(r.name, r.runId, "model");
  if (r.alias) await client.setAlias(r.name, r.alias, version.version);
  return { name: r.name, version: version.version, alias: r.alias };
}
