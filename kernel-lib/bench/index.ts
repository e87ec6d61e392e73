/** `npm run bench`: every kernel-lib benchmark, or those named on the command line (e.g. `store`). */
import { benchDl } from "./dl.bench.js";
import { benchFeatures } from "./features.bench.js";
import { benchImport } from "./import.bench.js";
import { benchModels } from "./models.bench.js";
import { benchPanel } from "./panel.bench.js";
import { benchStore } from "./store.bench.js";

const benches: Record<string, () => Promise<void>> = { store: benchStore, features: benchFeatures, models: benchModels, dl: benchDl,
  // bulk import vs COPY, then the sample500 load and its panel
  import: async () => {
    await benchImport();
    await benchPanel();
  },
  panel: benchPanel,
};
const wanted = process.argv.slice(2).filter((a) => a in benches);
for (const name of wanted.length ? wanted : Object.keys(benches)) {
  process.stdout.write(`\n=== ${name} ===\n`);
  await benches[name]();
}
