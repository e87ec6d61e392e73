import { describe, expect, it } from "vitest";
import { InvalidInput, Unavailable } from "../errors.js";
import { artifactPathInRun, artifactProxyPath, checkArtifactPath, parseModelUri, proxyRootOf } from "./uris.js";

const RUN = "7d1726cedf1446338e420fcc65eef89c";
const ROOT = `mlflow-artifacts:/1/${RUN}/artifacts`;

describe("artifact proxy mapping", () => {
  it("maps a run's mlflow-artifacts:/ root and a path onto the proxy's REST path", () => {
    expect(artifactProxyPath(ROOT, "model/MLmodel")).toBe(`/api/2.0/mlflow-artifacts/artifacts/1/${RUN}/artifacts/model/MLmodel`);
  });

  it("accepts the root with a host, or as an http URL of the proxy", () => {
    expect(proxyRootOf(`mlflow-artifacts://mlflow:5000/1/${RUN}/artifacts`)).toBe(`1/${RUN}/artifacts`);
    expect(proxyRootOf(`http://h:5000/api/2.0/mlflow-artifacts/artifacts/1/${RUN}/artifacts/`)).toBe(`1/${RUN}/artifacts`);
  });

  it("URL-encodes each path segment", () => {
    expect(artifactProxyPath(ROOT, "plots/equity curve%1.png")).toBe(
      `/api/2.0/mlflow-artifacts/artifacts/1/${RUN}/artifacts/plots/equity%20curve%251.png`,
    );
  });

  it("says how to fix a root the proxy does not serve", () => {
    expect(() => proxyRootOf("/tmp/mlruns/1/abc/artifacts")).toThrow(Unavailable);
    expect(() => proxyRootOf("s3://bucket/1/abc")).toThrow(/--serve-artifacts/);
  });
});

describe("checkArtifactPath", () => {
  it("trims slashes at the ends", () => {
    expect(checkArtifactPath("model/")).toBe("model");
  });
  it.each(["", "/etc/passwd", "../x", "a/../../b", "a//b", "a\\b", "a#b", "./a"])("refuses %j", (path) => {
    expect(() => checkArtifactPath(path)).toThrow(InvalidInput);
  });
});

describe("parseModelUri", () => {
  it("reads an alias reference and a version reference", () => {
    expect(parseModelUri("models:/spy-xgb@champion")).toEqual({ name: "spy-xgb", alias: "champion" });
    expect(parseModelUri("models:/spy-xgb/3")).toEqual({ name: "spy-xgb", version: "3" });
  });
  it.each(["runs:/abc/model", "models:/", "models:/a@", "models:/a/latest", "spy-xgb@champion"])("refuses %j with the expected forms", (uri) => {
    expect(() => parseModelUri(uri)).toThrow(/models:\/<name>@<alias>/);
  });
});

describe("artifactPathInRun", () => {
  it("reads runs:/ sources of the same run", () => {
    expect(artifactPathInRun(`runs:/${RUN}/model`, RUN, ROOT)).toBe("model");
    expect(artifactPathInRun("runs:/other/model", RUN, ROOT)).toBeUndefined();
  });
  it("reads sources under the run's artifact root, with or without a host", () => {
    expect(artifactPathInRun(`${ROOT}/model/xgb`, RUN, ROOT)).toBe("model/xgb");
    expect(artifactPathInRun(`mlflow-artifacts://h:5000/1/${RUN}/artifacts/model`, RUN, ROOT)).toBe("model");
    expect(artifactPathInRun(ROOT, RUN, ROOT)).toBe("");
  });
  it("refuses sources elsewhere", () => {
    expect(artifactPathInRun("mlflow-artifacts:/1/otherrun/artifacts/model", RUN, ROOT)).toBeUndefined();
    expect(artifactPathInRun("s3://bucket/model", RUN, ROOT)).toBeUndefined();
  });
});
