import { describe, expect, it } from "vitest";
import { keyProblem, posixNormpath } from "./names.js";

describe("posixNormpath", () => {
  // Expected values printed by CPython 3.11's posixpath.normpath, which MLflow uses.
  const cases: Array<[string, string]> = [
    ["a/b", "a/b"],
    ["a//b", "a/b"],
    ["/a", "/a"],
    ["//a", "//a"],
    ["///a", "/a"],
    ["a/./b", "a/b"],
    ["a/../b", "b"],
    ["../a", "../a"],
    ["a/..", "."],
    ["a/b/", "a/b"],
    [".", "."],
    ["", "."],
    ["a/../../b", "../b"],
    ["//a/../..", "//"],
    ["/..", "/"],
  ];
  it.each(cases)("normalizes %j like Python (%j)", (input, expected) => {
    expect(posixNormpath(input)).toBe(expected);
  });
});

describe("keyProblem", () => {
  it("accepts the keys a flattened spec produces", () => {
    for (const key of ["model.type", "model.params.max_depth", "features.0.name", "split/fold 1:test", "naïve_β"]) {
      expect(keyProblem(key)).toBeUndefined();
    }
  });

  it("refuses characters MLflow refuses, naming what is allowed", () => {
    expect(keyProblem("bad key!")).toMatch(/may only contain letters, digits/);
    expect(keyProblem("a@b")).toBeDefined();
    expect(keyProblem("")).toBe("must not be empty");
  });

  it("refuses keys that read as other file paths", () => {
    for (const key of ["a//b", "/abs", "a/", "./a", "../a", "a/../b", "."]) expect(keyProblem(key)).toMatch(/file path/);
  });

  it("refuses keys over 250 characters", () => {
    expect(keyProblem("k".repeat(250))).toBeUndefined();
    expect(keyProblem("k".repeat(251))).toMatch(/251 characters/);
  });
});
