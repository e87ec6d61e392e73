/**
 * Native memory of the XGBoost and LightGBM bindings over many cycles: the process's resident set
 * and the bytes malloc holds must stay flat once warmed up, whether models are disposed or only
 * dropped (then the FinalizationRegistry safety net frees them after garbage collection). A
 * control keeps models alive to show what the dropped ones would have leaked without it.
 */
import koffi from "koffi";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { lightgbmType } from "../src/models/impl/lightgbm.js";
import { syntheticDataset } from "../src/models/impl/synthetic.js";
import { xgboostType } from "../src/models/impl/xgboost.js";
import type { Model, ModelType } from "../src/models/types.js";

setFlagsFromString("--expose_gc");
const gc = runInNewContext("gc") as () => void;

const MB = 1024 * 1024;
/** The bound on resident-set growth over a run of cycles after warm-up. */
const BOUND_MB = 30;

const label = (x: Float64Array, n: () => number) => Math.sin(x[0]) + x[1] * x[2] + 0.5 * n();
const small = syntheticDataset({ rows: 300, features: 10, seed: 1, label });
const smallValid = syntheticDataset({ rows: 100, features: 10, seed: 2, label });
const large = syntheticDataset({ rows: 1000, features: 10, seed: 3, label });

const cases = [
  {
    type: xgboostType as unknown as ModelType,
    small: { n_estimators: 10, nthread: 1, early_stopping_rounds: 3 },
    // Deep trees, so each dropped model holds a measurable amount of native memory.
    large: { n_estimators: 20, nthread: 1, max_depth: 8, min_child_weight: 0, learning_rate: 0.3 },
  },
  {
    type: lightgbmType as unknown as ModelType,
    small: { n_estimators: 10, num_threads: 1, early_stopping_rounds: 3 },
    large: { n_estimators: 20, num_threads: 1, num_leaves: 255, min_data_in_leaf: 1 },
  },
];

/** Bytes malloc has handed out and not got back, over all arenas (glibc's mallinfo2). */
const mallocInUse = (() => {
  const info = koffi.struct({
    arena: "size_t",
    ordblks: "size_t",
    smblks: "size_t",
    hblks: "size_t",
    hblkhd: "size_t",
    usmblks: "size_t",
    fsmblks: "size_t",
    uordblks: "size_t",
    fordblks: "size_t",
    keepcost: "size_t",
  });
  const mallinfo2 = koffi.load("libc.so.6").func("mallinfo2", info, []) as unknown as () => { uordblks: number; hblkhd: number };
  return () => {
    const m = mallinfo2();
    return Number(m.uordblks) + Number(m.hblkhd);
  };
})();

/** Collects garbage (running finalizers), then reads the resident set and malloc's bytes in use. */
async function settle(): Promise<{ rss: number; malloc: number }> {
  for (let i = 0; i < 3; i++) {
    gc();
    // Finalizers run in a later task than the collection that found their targets.
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  gc();
  return { rss: process.memoryUsage().rss / MB, malloc: mallocInUse() / MB };
}

async function fitOne(type: ModelType, params: Record<string, unknown>, big: boolean): Promise<Model> {
  const model = type.create("regression", type.params.parse(params));
  if (big) await model.fit(large);
  else await model.fit(small, { valid: smallValid });
  model.predict(big ? large : smallValid);
  model.predict({ X: small.X.subarray(0, 10), rows: 1, featureNames: small.featureNames });
  model.toJSON();
  return model;
}

describe.each(cases)("$type.name native memory", (c) => {
  it(`grows the resident set by less than ${BOUND_MB} MB over 1,000 fit/predict/save/dispose cycles`, async () => {
    for (let i = 0; i < 100; i++) (await fitOne(c.type, c.small, false)).dispose();
    const before = await settle();
    for (let i = 0; i < 1000; i++) (await fitOne(c.type, c.small, false)).dispose();
    const after = await settle();
    const rss = after.rss - before.rss;
    const malloc = after.malloc - before.malloc;
    console.info(`${c.type.name}: over 1,000 disposed cycles, RSS grew ${rss.toFixed(1)} MB, malloc in use ${malloc.toFixed(2)} MB`);
    expect(rss).toBeLessThan(BOUND_MB);
    // What malloc holds is exact: 1,000 cycles may not keep more than 1 KB each.
    expect(malloc).toBeLessThan(1);
  }, 600_000);

  it("frees models that are dropped without dispose() once they are garbage-collected", async () => {
    for (let i = 0; i < 20; i++) await fitOne(c.type, c.large, true);
    const before = await settle();
    for (let i = 0; i < 200; i++) {
      await fitOne(c.type, c.large, true);
      if (i % 50 === 49) await settle();
    }
    const after = await settle();
    const dropped = after.malloc - before.malloc;
    // Control: the same models kept alive show what the dropped ones would hold without the safety net.
    const kept: Model[] = [];
    for (let i = 0; i < 100; i++) kept.push(await fitOne(c.type, c.large, true));
    const perModel = ((await settle()).malloc - after.malloc) / 100;
    for (const m of kept) m.dispose();
    console.info(
      `${c.type.name}: 200 dropped models: malloc in use ${dropped.toFixed(2)} MB, RSS ${(after.rss - before.rss).toFixed(1)} MB; ` +
        `a live model holds ${perModel.toFixed(2)} MB, so 200 leaked would hold ${(200 * perModel).toFixed(0)} MB`,
    );
    expect(200 * perModel).toBeGreaterThan(BOUND_MB);
    expect(dropped).toBeLessThan(0.02 * 200 * perModel);
    expect(after.rss - before.rss).toBeLessThan(BOUND_MB);
  }, 600_000);
});
