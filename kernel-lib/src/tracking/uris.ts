/**
 * The URIs the tracking layer reads and writes: a run's artifact root (`mlflow-artifacts:/…`),
 * mapped onto the artifact proxy's REST path; artifact paths inside a run; and model references
 * (`models:/<name>@<alias>`, `models:/<name>/<version>`).
 */
import { InvalidInput, Unavailable } from "../errors.js";

/** The artifact proxy's REST prefix; `<prefix>/<path>` is a file under the server's artifact destination. */
export const ARTIFACT_PROXY_PREFIX = "/api/2.0/mlflow-artifacts/artifacts";

/** Checks an artifact path inside a run (`model/MLmodel`) and returns it without leading/trailing slashes. */
export function checkArtifactPath(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, "");
  const segments = trimmed.split("/");
  const bad =
    trimmed === "" ||
    path.startsWith("/") ||
    path.includes("\\") ||
    path.includes("#") ||
    segments.some((s) => s === ".." || s === "." || s === "");
  if (bad) {
    throw new InvalidInput(
      `Invalid artifact path '${path}': use a relative path like 'model/MLmodel' (no leading '/', no '.', '..', '#' or backslashes).`,
      [{ path: "path", message: "a relative path under the run's artifact root" }],
    );
  }
  return trimmed;
}

/** The proxy-relative location (`<experiment_id>/<run_id>/artifacts`) of a run's artifact root URI. */
export function proxyRootOf(artifactUri: string): string {
  const proxied = /^mlflow-artifacts:(?:\/\/[^/]*)?\/(.*)$/.exec(artifactUri);
  if (proxied) return proxied[1].replace(/\/+$/, "");
  const marker = ARTIFACT_PROXY_PREFIX.slice(1) + "/";
  const http = /^https?:\/\//.test(artifactUri) ? artifactUri.indexOf(marker) : -1;
  if (http >= 0) return artifactUri.slice(http + marker.length).replace(/\/+$/, "");
  throw new Unavailable(
    `The run's artifact root '${artifactUri}' is not served through MLflow's artifact proxy, so OpenQuant cannot reach it over HTTP. ` +
      "Start the MLflow server with --serve-artifacts and --artifacts-destination (the default for `npm run up`).",
  );
}

/** The REST path of `path` (relative to the run) under a run's artifact root, each segment URL-encoded. */
export function artifactProxyPath(artifactUri: string, path: string): string {
  const full = [proxyRootOf(artifactUri), checkArtifactPath(path)].filter((p) => p !== "").join("/");
  return `${ARTIFACT_PROXY_PREFIX}/${full.split("/").map(encodeURIComponent).join("/")}`;
}

/** A parsed `models:/` reference. */
export type ModelRef = { name: string; alias: string } | { name: string; version: string };

/** Parses `models:/<name>@<alias>` or `models:/<name>/<version>`. */
export function parseModelUri(uri: string): ModelRef {
  const byAlias = /^models:\/([^/@]+)@([^/@]+)\/?$/.exec(uri);
  if (byAlias) return { name: byAlias[1], alias: byAlias[2] };
  const byVersion = /^models:\/([^/@]+)\/(\d+)\/?$/.exec(uri);
  if (byVersion) return { name: byVersion[1], version: byVersion[2] };
  throw new InvalidInput(
    `Invalid model reference '${uri}': use 'models:/<name>@<alias>' (e.g. models:/spy-xgb@champion) or 'models:/<name>/<version>'.`,
    [{ path: "uri", message: "models:/<name>@<alias> or models:/<name>/<version>" }],
  );
}

/**
 * The artifact path inside run `runId` that a model version's `source` points at, or undefined when
 * the source lies outside that run. Accepts `runs:/<run_id>/<path>` and sources under the run's artifact root.
 */
export function artifactPathInRun(source: string, runId: string, runArtifactUri: string): string | undefined {
  const runs = /^runs:\/([^/]+)\/?(.*)$/.exec(source);
  if (runs) return runs[1] === runId ? runs[2].replace(/\/+$/, "") : undefined;
  const root = runArtifactUri.replace(/\/+$/, "");
  if (source === root) return "";
  if (root !== "" && source.startsWith(`${root}/`)) return source.slice(root.length + 1).replace(/\/+$/, "");
  // The same proxied location may be written with or without a host (`mlflow-artifacts://host:port/…`).
  try {
    const sourceRoot = proxyRootOf(source);
    const runRoot = proxyRootOf(root);
    if (sourceRoot === runRoot) return "";
    if (sourceRoot.startsWith(`${runRoot}/`)) return sourceRoot.slice(runRoot.length + 1);
  } catch {
    // Not a proxied location: not ours to map.
  }
  return undefined;
}
