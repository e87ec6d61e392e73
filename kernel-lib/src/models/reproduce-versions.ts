/**
 * The versions a run depends on: kernel-lib, the native XGBoost (asked through its C API,
 * XGBoostVersion) and LightGBM (which has no version call: the version of the wheel that ships
 * the loaded library), and Node. Recorded with every run; compared when it is reproduced.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname } from "node:path";
import { VERSION } from "../version.js";
import { nativeLibraryPath } from "./native/library-path.js";
import { xgboostApi } from "./native/xgboost-api.js";

/** Versions of what a training run ran on; "unavailable" when a library cannot be loaded here. */
export interface LibraryVersions {
  kernelLib: string;
  xgboost: string;
  lightgbm: string;
  node: string;
}

/** The version in `<site-packages>/<name>-<version>.dist-info` next to the package holding `libraryPath`. */
function wheelVersion(libraryPath: string, distPrefix: RegExp): string | undefined {
  // <site-packages>/<package>/lib/<library>
  const sitePackages = dirname(dirname(dirname(libraryPath)));
  if (!existsSync(sitePackages)) return undefined;
  const dist = readdirSync(sitePackages).find((d) => distPrefix.test(d));
  return dist?.replace(distPrefix, "").replace(/\.dist-info$/, "");
}

function xgboostVersion(): string {
  try {
    return xgboostApi().version;
  } catch {
    return "unavailable";
  }
}

function lightgbmVersion(): string {
  try {
    return wheelVersion(nativeLibraryPath("lightgbm"), /^lightgbm-/) ?? "unknown";
  } catch {
    return "unavailable";
  }
}

let cached: LibraryVersions | undefined;

/** The versions of this process (computed once). */
export function libraryVersions(): LibraryVersions {
  cached ??= { kernelLib: VERSION, xgboost: xgboostVersion(), lightgbm: lightgbmVersion(), node: process.versions.node };
  return cached;
}
