/**
 * The `MLmodel` file logged with every model: an `openquant` flavor that our predictor loads, and
 * for XGBoost and LightGBM also MLflow's own flavor, so `mlflow.xgboost.load_model` /
 * `mlflow.lightgbm.load_model` in Python load the very same native file.
 */
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import type { SavedModel } from "./types.js";

/** Version of a Python package installed in the venv (from its dist-info folder), or undefined. */
export function venvPackageVersion(venvDir: string, distName: string): string | undefined {
  try {
    const lib = join(venvDir, "lib");
    for (const py of readdirSync(lib)) {
      const site = join(lib, py, "site-packages");
      const wanted = distName.toLowerCase().replace(/-/g, "_");
      const hit = readdirSync(site).find((d) => d.toLowerCase().startsWith(`${wanted}-`) && d.endsWith(".dist-info"));
      if (hit) return hit.slice(wanted.length + 1, -".dist-info".length);
    }
  } catch {
    // no venv here
  }
  return undefined;
}

/** Files of the `model/` artifact folder: the native model, openquant.json and MLmodel. */
export function modelArtifacts(saved: SavedModel, venvDir: string, extra: Record<string, unknown> = {}): Record<string, string | Uint8Array> {
  const nativeName = Object.keys(saved.files)[0];
  const flavors: Record<string, unknown> = {
    openquant: {
      model_type: saved.type,
      task: saved.task,
      format: saved.format,
      data: nativeName,
      spec: "openquant.json",
      features: saved.featureNames,
      ...extra,
    },
  };
  if (saved.format === "xgboost-json") {
    flavors.xgboost = {
      code: null,
      data: nativeName,
      model_class: "xgboost.core.Booster",
      model_format: "json",
      xgb_version: venvPackageVersion(venvDir, "xgboost_cpu") ?? venvPackageVersion(venvDir, "xgboost") ?? "unknown",
    };
  }
  if (saved.format === "lightgbm-text") {
    flavors.lightgbm = {
      code: null,
      data: nativeName,
      model_class: "lightgbm.basic.Booster",
      lgb_version: venvPackageVersion(venvDir, "lightgbm") ?? "unknown",
    };
  }
  const mlmodel = {
    artifact_path: "model",
    flavors,
    mlflow_version: venvPackageVersion(venvDir, "mlflow") ?? "unknown",
    model_uuid: randomUUID().replace(/-/g, ""),
    utc_time_created: new Date().toISOString().replace("T", " ").replace("Z", ""),
  };
  return {
    ...saved.files,
    "openquant.json": JSON.stringify({ ...saved, files: Object.keys(saved.files) }, null, 2),
    MLmodel: stringify(mlmodel),
  };
}
