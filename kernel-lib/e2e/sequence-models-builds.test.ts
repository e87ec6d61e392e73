/**
 * Both builds of kernel-lib load TensorFlow.js lazily and find the wasm backend's files inside the
 * installed package: the CommonJS build (what tslab loads) from any working directory, the ESM
 * build from the project. Each trains the same tiny seeded LSTM in a fresh process; the two give
 * identical predictions. Runs on the builds: `npm run build` first.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const exec = promisify(execFile);

/** A script body that trains and predicts with `lib` (the kernel-lib module) and prints the result as JSON. */
const body = `
const rows = 120, X = new Float64Array(rows), y = new Float64Array(rows), ts = new Float64Array(rows);
for (let t = 0; t < rows; t++) { X[t] = Math.sin(t / 3); y[t] = Math.sin((t + 1) / 3); ts[t] = t * 86400000; }
const data = { featureNames: ["signal"], X, y, rows, ts, tickerIndex: new Int32Array(rows), tickers: ["S"] };
const loadedBefore = Object.keys(require_cache()).some((k) => k.includes("@tensorflow"));
const model = lib.lstmType.create("regression", lib.lstmType.params.parse({ window: 6, units: 4, epochs: 2, batch_size: 32, seed: 3 }));
await model.fit(data);
const saved = JSON.parse(JSON.stringify(model.toJSON()));
await lib.lstmType.prepare(saved);
const again = lib.lstmType.fromJSON(saved);
console.log(JSON.stringify({ loadedBefore, predictions: Array.from(model.predict(data)), reloaded: Array.from(again.predict(data)), backend: saved.params.backend }));
`;

async function run(args: string[], cwd: string): Promise<{ loadedBefore: boolean; predictions: number[]; reloaded: number[]; backend: string }> {
  const { stdout } = await exec(process.execPath, args, { cwd, env: { ...process.env, OPENQUANT_LOG_LEVEL: "error" }, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split("\n").pop() as string);
}

describe("kernel-lib builds load TensorFlow.js", () => {
  const home = inject("home");

  it("CommonJS (tslab) from a foreign directory and ESM from the project train the same seeded LSTM", async () => {
    const cjsEntry = join(home, "kernel-lib", "dist", "cjs", "index.js");
    const esmEntry = join(home, "kernel-lib", "dist", "esm", "index.js");
    const cjs = await run(["-e", `(async () => { const lib = require(${JSON.stringify(cjsEntry)}); const require_cache = () => require.cache; ${body} })().catch((e) => { console.error(e); process.exit(1); });`], mkdtempSync(join(tmpdir(), "oq-cjs-")));
    const esm = await run(
      ["--input-type=module", "-e", `import { createRequire } from "node:module"; const lib = await import(${JSON.stringify(esmEntry)}); const require_cache = () => createRequire(${JSON.stringify(join(home, "package.json"))}).cache; ${body}`],
      home,
    );
    for (const result of [cjs, esm]) {
      // importing kernel-lib does not load tfjs; the first sequence model does
      expect(result.loadedBefore).toBe(false);
      expect(result.backend).toBe("wasm");
      expect(result.predictions).toHaveLength(120);
      expect(result.reloaded).toEqual(result.predictions);
    }
    expect(esm.predictions).toEqual(cjs.predictions);
  });
});
