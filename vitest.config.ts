import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

/**
 * One vitest run covers every package: unit tests beside the code (`src/**\/*.test.ts`) and
 * end-to-end tests against real services (`e2e/**\/*.test.ts`). Redis and MLflow are started
 * once for the whole run by scripts/test/global-setup.ts (a root-level globalSetup).
 */
const kernelLibSource = new URL("./kernel-lib/src/index.ts", import.meta.url).pathname;

function project(name: string, root: string, include: string[], testTimeout = 30_000): TestProjectInlineConfiguration {
  return {
    resolve: { alias: { "@openquant/kernel-lib": kernelLibSource } },
    test: { name, root, include, testTimeout, hookTimeout: 180_000 },
  };
}

export default defineConfig({
  test: {
    globalSetup: ["scripts/test/global-setup.ts"],
    projects: [
      project("kernel-lib", "kernel-lib", ["src/**/*.test.ts"]),
      project("kernel-lib:e2e", "kernel-lib", ["e2e/**/*.test.ts"], 180_000),
      project("server", "server", ["src/**/*.test.ts"]),
      project("server:e2e", "server", ["e2e/**/*.test.ts"], 180_000),
      project("extension", "extension", ["src/**/*.test.ts"]),
      project("extension:e2e", "extension", ["e2e/**/*.test.ts"], 300_000),
    ],
  },
});
