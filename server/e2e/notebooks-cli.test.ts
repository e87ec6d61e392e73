/**
 * `openquant notebook …` without a sidecar: the CLI runs the notebook itself through the real tslab
 * kernel, converts `-p name=value` to the declared types, lists the run, and refuses a value of
 * the wrong type before any kernel starts (exit code 1, the parameter named).
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../src/services/index.js";

const exec = promisify(execFile);

let env: NodeJS.ProcessEnv;
let bin: string;
let outputs: string;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(process.execPath, [bin, ...args], { env, timeout: 240_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "oq-notebook-cli-"));
  const notebooks = join(dir, "notebooks");
  mkdirSync(notebooks);
  copyFileSync(join(inject("home"), "kernel-lib", "e2e", "fixtures", "notebooks", "params.ipynb"), join(notebooks, "params.ipynb"));
  outputs = join(dir, "outputs");
  env = {
    ...process.env,
    OPENQUANT_DATA_DIR: join(dir, "data"),
    OPENQUANT_LOG_DIR: join(dir, "logs"),
    OPENQUANT_NOTEBOOKS_DIR: notebooks,
    OPENQUANT_OUTPUTS_DIR: outputs,
    // nothing listens there: no sidecar, so the CLI runs the notebook itself
    OPENQUANT_PORT: String(await freePort()),
    NO_COLOR: "1",
  };
  bin = join(inject("home"), "server", "bin", "openquant.js");
});

describe("openquant notebook", () => {
  it("lists notebooks with their parameters", async () => {
    const r = await cli("notebook", "list");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("params.ipynb");
    expect(r.stdout).toContain('lookback: number = 10');
  });

  it("runs a notebook with -p values converted to the declared types, and lists the run", async () => {
    const r = await cli("notebook", "run", "params.ipynb", "-p", "ticker=CLI.SAMPLE", "-p", "lookback=12", "-p", "verbose=true", "-p", "note=a b=c");
    expect(r.stderr).not.toContain("error:");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/params\.ipynb: succeeded in [\d.]+ s/);
    const output = /output: (.*\.ipynb)/.exec(r.stdout)?.[1] as string;
    const cells = (JSON.parse(readFileSync(output, "utf8")) as { cells: { outputs?: { name?: string; text?: string[] }[] }[] }).cells;
    const stdout = cells.flatMap((c) => c.outputs ?? []).filter((o) => o.name === "stdout").map((o) => (o.text ?? []).join("")).join("");
    expect(JSON.parse(stdout)).toMatchObject({ ticker: "CLI.SAMPLE", doubled: 24, verbose: true, note: "a b=c" });
    const runs = await cli("notebook", "runs");
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(/params\.ipynb\s+succeeded\s+cli/);
  });

  it("refuses a value of the wrong type before any kernel starts", async () => {
    const before = existsSync(join(outputs, "params")) ? readdirSync(join(outputs, "params")).length : 0;
    const r = await cli("notebook", "run", "params.ipynb", "-p", "lookback=ten");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/parameter 'lookback' expects a number .* got a string \("ten"\)/);
    expect(readdirSync(join(outputs, "params")).length).toBe(before);
    const bad = await cli("notebook", "run", "params.ipynb", "-p", "lookback");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("-p takes name=value");
  });
});
