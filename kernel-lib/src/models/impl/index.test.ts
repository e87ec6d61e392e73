import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../errors.js";
import { findModelType, modelTypes } from "./index.js";

describe("model type registry", () => {
  it("lists the seven model types, each with unique name, tasks and a params schema with defaults", () => {
    expect(modelTypes.map((t) => t.name)).toEqual(["linear", "ridge", "random_forest", "xgboost", "lightgbm", "lstm", "transformer"]);
    for (const type of modelTypes) {
      expect(type.tasks).toEqual(["regression", "classification"]);
      expect(typeof type.params.parse({})).toBe("object");
      expect(type.description.length).toBeGreaterThan(20);
    }
  });

  it("finds a type by name", () => {
    expect(findModelType("xgboost").name).toBe("xgboost");
  });

  it("refuses an unknown name with the close matches and the known types", () => {
    expect(() => findModelType("xgbost")).toThrow(InvalidInput);
    expect(() => findModelType("xgbost")).toThrow("Unknown model type 'xgbost'. Did you mean 'xgboost'? Known types: linear, ridge, random_forest, xgboost, lightgbm, lstm, transformer.");
    expect(() => findModelType("random-forest")).toThrow(/Did you mean 'random_forest'/);
    expect(() => findModelType("prophet")).toThrow(/^Unknown model type 'prophet'\. Known types:/);
  });
});
