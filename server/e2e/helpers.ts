import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings, openQuant, type OpenQuant, type Settings } from "@openquant/kernel-lib";
import { inject } from "vitest";

/** Settings for a throwaway platform: a temporary data folder, quiet logs, the suite's real services. */
export function testSettings(env: NodeJS.ProcessEnv = {}): Settings {
  const dir = mkdtempSync(join(tmpdir(), "oq-server-test-"));
  return loadSettings({
    home: inject("home"),
    env: {
      OPENQUANT_DATA_DIR: join(dir, "data"),
      OPENQUANT_LOG_DIR: join(dir, "logs"),
      OPENQUANT_LOG_LEVEL: "warn",
      MLFLOW_TRACKING_URI: inject("mlflowUrl"),
      ...env,
    },
  });
}

/** An embedded OpenQuant over `testSettings` with its scheduler running, as in the sidecar. */
export async function testPlatform(env: NodeJS.ProcessEnv = {}): Promise<OpenQuant> {
  const settings = testSettings(env);
  const oq = await openQuant({ settings, component: "test", mode: "embedded" });
  await oq.startScheduler();
  return oq;
}
