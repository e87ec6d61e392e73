/**
 * Starts the real services the suite shares — Redis and an MLflow tracking server — on free
 * loopback ports with temporary data folders, and stops them afterwards. Tests get their
 * addresses with `inject("redisUrl")` / `inject("mlflowUrl")`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, type ServiceHandle, startMlflow, startRedis } from "../../server/src/services/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
    mlflowUrl: string;
    /** Project root, for tests that run the CLI or read notebooks. */
    home: string;
    /** The project's Python virtualenv. */
    venvDir: string;
    /** Temporary folder the shared services keep their data in. */
    servicesDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const home = resolve(import.meta.dirname, "../..");
  const venvDir = process.env.OPENQUANT_VENV ?? join(home, ".venv");
  const dir = mkdtempSync(join(tmpdir(), "openquant-test-services-"));
  const handles: ServiceHandle[] = [];
  const stopAll = async () => {
    await Promise.all(handles.map((h) => h.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [redis, mlflow] = await Promise.all([
      freePort().then((port) => startRedis({ port, dataDir: join(dir, "redis"), logFile: join(dir, "redis.log") })),
      freePort().then((port) =>
        startMlflow({
          venvDir,
          port,
          dataDir: join(dir, "mlflow"),
          artifactsDir: join(dir, "mlruns"),
          logFile: join(dir, "mlflow.log"),
        }),
      ),
    ]);
    handles.push(redis, mlflow);
    project.provide("redisUrl", redis.url);
    project.provide("mlflowUrl", mlflow.url);
    project.provide("home", home);
    project.provide("venvDir", venvDir);
    project.provide("servicesDir", dir);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
