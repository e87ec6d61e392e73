import { describe, expect, it } from "vitest";
import { fieldsOf, initialValues } from "../forms/index.js";
import { checkTrainForm, DEFAULT_TRAIN_FORM, fieldOfSpecPath, parseFeatureList, parseTickers, type TrainFormValues, validateTrainForm } from "./ModelTrainSpec.js";

const linearSchema = {
  type: "object",
  properties: {
    max_iter: { type: "integer", default: 100, minimum: 1, maximum: 1000 },
    tol: { type: "number", default: 1e-10, exclusiveMinimum: 0, exclusiveMaximum: 1 },
  },
};
const fields = fieldsOf(linearSchema);

function form(patch: Partial<TrainFormValues> = {}): TrainFormValues {
  return { ...DEFAULT_TRAIN_FORM, tickers: "ACME.SAMPLE", params: initialValues(fields), ...patch };
}

describe("the training form", () => {
  it("splits tickers on commas and spaces, upper-cases and de-duplicates them", () => {
    expect(parseTickers(" acme.sample, MKT.SAMPLE  acme.sample,,")).toEqual(["ACME.SAMPLE", "MKT.SAMPLE"]);
    expect(parseTickers("  ")).toEqual([]);
  });

  it("builds a train/test spec with typed hyperparameters from the defaults", () => {
    const checked = checkTrainForm(form({ runName: " first " }), fields);
    expect(checked).toEqual({
      ok: true,
      spec: {
        tickers: ["ACME.SAMPLE"],
        featureSet: "default",
        horizon: 5,
        task: "regression",
        model: { type: "linear", params: { max_iter: 100, tol: 1e-10 } },
        split: { method: "train_test", testFraction: 0.2, embargo: 0 },
        runName: "first",
      },
    });
  });

  it("builds a rolling walk-forward spec with chosen features and a date range", () => {
    const features = [{ name: "returns", params: { period: 1 } }, { name: "rsi" }];
    const checked = checkTrainForm(
      form({ splitMethod: "walk_forward", folds: 4, walkMode: "rolling", window: 250, embargo: 2, featureMode: "chosen", features, start: "2020-01-01", end: "2024-12-31" }),
      fields,
    );
    expect(checked.ok && checked.spec).toMatchObject({
      featureSet: features,
      start: "2020-01-01",
      end: "2024-12-31",
      split: { method: "walk_forward", folds: 4, mode: "rolling", window: 250, embargo: 2 },
    });
    const expanding = checkTrainForm(form({ splitMethod: "walk_forward", folds: 3 }), fields);
    expect(expanding.ok && expanding.spec.split).toEqual({ method: "walk_forward", folds: 3, mode: "expanding", embargo: 0 });
  });

  it("puts a message next to each field that would be refused", () => {
    const errors = validateTrainForm(
      form({ tickers: "ACME.SAMPLE, bad/one", horizon: 0, testFraction: 1, embargo: -1, start: "2024-13-01", end: "yesterday", runName: "x".repeat(201) }),
    );
    expect(Object.keys(errors).sort()).toEqual(["embargo", "end", "horizon", "runName", "start", "testFraction", "tickers"]);
    expect(errors.tickers).toBe("not a ticker: BAD/ONE");
    expect(errors.horizon).toBe("at least 1 bar");
    expect(errors.testFraction).toBe("between 0 and 1, e.g. 0.2");
  });

  it("asks for a number where an input was left empty, and checks only the chosen split's fields", () => {
    expect(validateTrainForm(form({ horizon: Number.NaN })).horizon).toBe("enter a number");
    expect(validateTrainForm(form({ folds: 0 }))).toEqual({});
    expect(validateTrainForm(form({ splitMethod: "walk_forward", folds: 0, testFraction: 7 })).folds).toMatch(/at least 1/);
    expect(validateTrainForm(form({ splitMethod: "walk_forward", walkMode: "rolling", window: 2.5 })).window).toMatch(/whole/);
    expect(validateTrainForm(form({ tickers: "" })).tickers).toMatch(/at least one ticker/);
    expect(validateTrainForm(form({ start: "2024-01-01", end: "2023-01-01" })).end).toBe("must be after the start");
    expect(validateTrainForm(form({ featureMode: "chosen", features: [] })).features).toMatch(/^choose at least one feature/);
    expect(validateTrainForm(form({ featureMode: "chosen", featuresText: "rsi(period)", features: [] })).features).toBe("'period' in rsi is not param=value");
  });

  it("checks the hyperparameters against the model type's schema", () => {
    const checked = checkTrainForm(form({ params: { max_iter: "0", tol: "abc" } }), fields);
    expect(checked).toEqual({ ok: false, errors: {}, paramErrors: { max_iter: "must be at least 1", tol: "must be a number" } });
  });

  it("reads chosen features with their params", () => {
    expect(parseFeatureList(" returns(period=1), RSI ,bbands(period=20, k=2.5), ma(kind=ema)")).toEqual({
      features: [{ name: "returns", params: { period: 1 } }, { name: "rsi" }, { name: "bbands", params: { period: 20, k: 2.5 } }, { name: "ma", params: { kind: "ema" } }],
    });
    expect(parseFeatureList("")).toEqual({ features: [] });
    expect(parseFeatureList("rsi, 9lives").error).toBe("'9lives' is not name or name(param=value, …)");
  });

  it("maps the sidecar's error paths onto the form's fields", () => {
    expect(fieldOfSpecPath("split.testFraction")).toBe("testFraction");
    expect(fieldOfSpecPath("split")).toBe("splitMethod");
    expect(fieldOfSpecPath("tickers.0")).toBe("tickers");
    expect(fieldOfSpecPath("model.params.max_iter")).toBe("params");
    expect(fieldOfSpecPath("model")).toBe("modelType");
    expect(fieldOfSpecPath("featureSet")).toBe("featureSetName");
    expect(fieldOfSpecPath("featureSet.0.name", "chosen")).toBe("features");
    expect(fieldOfSpecPath("seed")).toBeUndefined();
  });
});
