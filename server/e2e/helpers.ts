import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings, openQuant, type OpenQuant, type Settings } from "@openquant/kernel-lib";
import { promisify } from "node:util";
import { inject } from "vitest";

const execFileAsync = promisify(execFile);

/**
 * Settings for a throwaway platform: a temporary data folder, quiet logs, the suite's real services.
 * In-process route tests run without auth unless they give a token (security.test.ts does).
 */
export function testSettings(env: NodeJS.ProcessEnv = {}): Settings {
  const dir = mkdtempSync(join(tmpdir(), "oq-server-test-"));
  return loadSettings({
    home: inject("home"),
    env: {
      OPENQUANT_DATA_DIR: join(dir, "data"),
      OPENQUANT_LOG_DIR: join(dir, "logs"),
      OPENQUANT_LOG_LEVEL: "warn",
      MLFLOW_TRACKING_URI: inject("mlflowUrl"),
      OPENQUANT_AUTH: env.OPENQUANT_TOKEN ? "token" : "none",
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

/** A GET with exactly these headers (fetch will not send a foreign Host): status and parsed JSON body. */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: { error?: { code: string; message: string } } & Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "GET", headers, setHost: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
    });
    req.once("error", reject);
    req.end();
  });
}

/** Runs the built `openquant` CLI with `env`; resolves with its exit code and output, also when the command fails. */
export async function runCli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await execFileAsync(process.execPath, [join(inject("home"), "server", "bin", "openquant.js"), ...args], { env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
