/**
 * Where the native XGBoost and LightGBM libraries live: inside the pinned Python wheels of the
 * project's virtualenv (so TypeScript and Python train with the very same build), unless an
 * environment variable points elsewhere.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadSettings } from "../../config/index.js";
import { Unavailable } from "../../errors.js";

/** The native libraries kernel-lib binds to. */
export type NativeLibraryName = "xgboost" | "lightgbm";

interface LibrarySpec {
  /** Environment variable holding an explicit path to the shared library. */
  env: string;
  /** Path of the library inside site-packages. */
  inSitePackages: string[];
  /** The pip package that ships it. */
  wheel: string;
}

const libraryFile = process.platform === "darwin" ? { xgboost: "libxgboost.dylib", lightgbm: "lib_lightgbm.dylib" } : { xgboost: "libxgboost.so", lightgbm: "lib_lightgbm.so" };

const specs: Record<NativeLibraryName, LibrarySpec> = {
  xgboost: { env: "OPENQUANT_XGBOOST_LIB", inSitePackages: ["xgboost", "lib", libraryFile.xgboost], wheel: "xgboost-cpu" },
  lightgbm: { env: "OPENQUANT_LIGHTGBM_LIB", inSitePackages: ["lightgbm", "lib", libraryFile.lightgbm], wheel: "lightgbm" },
};

/** The venv's site-packages folders (lib/python3.*), newest Python first. */
function sitePackages(venvDir: string): string[] {
  const lib = join(venvDir, "lib");
  if (!existsSync(lib)) return [];
  return readdirSync(lib)
    .filter((d) => /^python3\.\d+$/.test(d))
    .sort((a, b) => Number(b.split(".")[1]) - Number(a.split(".")[1]))
    .map((d) => join(lib, d, "site-packages"));
}

/**
 * The path of `name`'s shared library: `$OPENQUANT_XGBOOST_LIB` / `$OPENQUANT_LIGHTGBM_LIB` when set,
 * else the wheel inside the venv (settings `venv_dir`, i.e. `$OPENQUANT_VENV` or `<home>/.venv`).
 * Throws Unavailable, saying how to fix it, when the library is not there.
 */
export function nativeLibraryPath(name: NativeLibraryName, env: NodeJS.ProcessEnv = process.env): string {
  const spec = specs[name];
  const explicit = env[spec.env];
  if (explicit) {
    if (!existsSync(explicit)) throw new Unavailable(`${spec.env} points to ${explicit}, which does not exist; fix or unset it.`);
    return explicit;
  }
  const venvDir = loadSettings({ env }).venv_dir;
  const candidates = sitePackages(venvDir).map((dir) => join(dir, ...spec.inSitePackages));
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  throw new Unavailable(
    `The ${name} native library was not found in the virtualenv ${venvDir} (looked for ${join("lib", "python3.*", "site-packages", ...spec.inSitePackages)}). ` +
      `Run \`npm run setup\` to create the venv with the pinned ${spec.wheel} wheel, or set ${spec.env} to the library's path.`,
  );
}
