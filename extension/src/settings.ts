/** The extension's settings (schema/plugin.json), read into a plain, validated object. */
import * as z from "zod/mini";

/** Settings of the OpenQuant panels. */
export interface OpenQuantSettings {
  /** Direct sidecar URL; empty means "through Jupyter's proxy". */
  sidecarUrl: string;
  /** How often open panels poll the sidecar. */
  refreshIntervalSeconds: number;
}

/** The values used until (or unless) the settings registry answers. */
export const DEFAULT_SETTINGS: OpenQuantSettings = { sidecarUrl: "", refreshIntervalSeconds: 10 };

// Each field falls back to its default on its own, so one bad value does not reset the others.
const SettingsSchema = z.object({
  sidecarUrl: z.catch(z._default(z.string().check(z.trim()), DEFAULT_SETTINGS.sidecarUrl), DEFAULT_SETTINGS.sidecarUrl),
  refreshIntervalSeconds: z.catch(
    z._default(z.number().check(z.minimum(2), z.maximum(3600)), DEFAULT_SETTINGS.refreshIntervalSeconds),
    DEFAULT_SETTINGS.refreshIntervalSeconds,
  ),
});

/** Reads the composite settings, falling back to the default for any missing or invalid value. */
export function readSettings(composite: unknown): OpenQuantSettings {
  return SettingsSchema.parse(typeof composite === "object" && composite !== null ? composite : {});
}
