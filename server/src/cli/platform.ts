/** Opens OpenQuant for a CLI command: embedded, or through the sidecar when one owns the file. */
import { createLogger, loadSettings, type OpenQuant, openQuant } from "@openquant/kernel-lib";

/** Opens the platform quietly (warnings on the console, everything in logs/openquant.log), runs `task`, closes. */
export async function withPlatform<T>(task: (oq: OpenQuant) => Promise<T>): Promise<T> {
  const settings = loadSettings();
  const logger = createLogger({ level: settings.log_level, logDir: settings.log_dir, consoleLevel: "warn", base: { component: "cli" } });
  const oq = await openQuant({ settings, logger });
  try {
    return await task(oq);
  } finally {
    await oq.close();
  }
}
