/**
 * A `require` that finds kernel-lib's dependencies from either build. kernel-lib ships as ESM and
 * as CommonJS (what tslab loads), and its source may not use `import.meta`: the CommonJS build has
 * its own module-scoped `require`; ESM code (and tests) get one from `createRequire`, anchored at
 * the first of a few folders whose node_modules hold the package.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { Unavailable } from "../../errors.js";
import { findProjectRoot } from "../../config/root.js";

/** A require function that resolves `probe` (e.g. "@tensorflow/tfjs/package.json"). */
export function packageRequire(probe: string): NodeJS.Require {
  // In the CommonJS build `require` is this module's own; in ESM the identifier does not exist.
  if (typeof require === "function") {
    try {
      require.resolve(probe);
      return require;
    } catch {
      // fall through to the folders below
    }
  }
  const bases = [process.cwd(), process.env.OPENQUANT_HOME, findProjectRoot(process.cwd())].filter((b): b is string => typeof b === "string");
  for (const base of bases) {
    const candidate = createRequire(join(base, "package.json"));
    try {
      candidate.resolve(probe);
      return candidate;
    } catch {
      // try the next folder
    }
  }
  throw new Unavailable(`Cannot find '${probe}' from ${bases.join(" or ")}: install kernel-lib's dependencies (npm install) or run from the project folder.`);
}
