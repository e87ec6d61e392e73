import { describe, expect, it } from "vitest";
import { InvalidInput, OpenQuantError } from "../../errors.js";
import { lstmType } from "../impl/lstm.js";
import { sliceDataset } from "../impl/synthetic.js";
import { transformerType } from "../impl/transformer.js";
import { validate } from "../../util/validate.js";
import { laggedSineDataset } from "./lagged-sine.js";

/** The InvalidInput a call throws (fails the test when it throws anything else or nothing). */
async function invalid(call: () => unknown): Promise<InvalidInput> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    return error as InvalidInput;
  }
  throw new Error("expected InvalidInput, nothing was thrown");
}

const paths = (e: InvalidInput) => e.details.map((d) => d.path);
const data = laggedSineDataset({ rows: 40, seed: 1 });

describe("sequence model bad input", () => {
  it("refuses zero epochs, naming epochs", async () => {
    const e = await invalid(() => validate(lstmType.params, { epochs: 0 }, "lstm hyperparameters"));
    expect(paths(e)).toEqual(["epochs"]);
    expect(e.message).toMatch(/epochs.*at least 1/);
  });

  it("refuses an unknown activation or optimizer, listing the known ones", async () => {
    const activation = await invalid(() => validate(lstmType.params, { activation: "leaky" }, "lstm hyperparameters"));
    expect(paths(activation)).toEqual(["activation"]);
    expect(activation.message).toMatch(/one of tanh, relu, elu, selu, sigmoid, swish, linear/);
    const optimizer = await invalid(() => validate(transformerType.params, { optimizer: "adamw" }, "transformer hyperparameters"));
    expect(paths(optimizer)).toEqual(["optimizer"]);
    expect(optimizer.message).toMatch(/one of adam, sgd, rmsprop/);
  });

  it("refuses heads that do not divide model_dim, and an unknown backend", async () => {
    expect(paths(await invalid(() => validate(transformerType.params, { heads: 3, model_dim: 16 }, "transformer hyperparameters")))).toEqual(["heads"]);
    expect(paths(await invalid(() => validate(lstmType.params, { backend: "webgl" }, "lstm hyperparameters")))).toEqual(["backend"]);
  });

  it("refuses a window longer than the data, naming window", async () => {
    const model = lstmType.create("regression", lstmType.params.parse({ window: 50, batch_size: 8 }));
    const e = await invalid(() => model.fit(data));
    expect(e.message).toMatch(/window is 50 bars, longer than the 40 row\(s\)/);
    expect(paths(e)).toEqual(["window"]);
  });

  it("refuses a dataset too small for one batch, naming batch_size", async () => {
    const model = transformerType.create("regression", transformerType.params.parse({ window: 4, batch_size: 64 }));
    const e = await invalid(() => model.fit(sliceDataset(data, 0, 30)));
    expect(e.message).toMatch(/30 rows, fewer than one batch \(batch_size 64\)/);
    expect(paths(e)).toEqual(["batch_size"]);
  });

  it("refuses to predict before fitting, and a prediction range shorter than the window", async () => {
    const model = lstmType.create("regression", lstmType.params.parse({ window: 4, units: 2, epochs: 1, batch_size: 16 }));
    expect(() => model.predict(data)).toThrow(OpenQuantError);
    await model.fit(data);
    const e = await invalid(() => model.predict(sliceDataset(data, 0, 3)));
    expect(paths(e)).toEqual(["window"]);
    expect(() => model.predict({ X: data.X, rows: data.rows, featureNames: ["other"] })).toThrow(/do not match the model's/);
    model.dispose();
  }, 120_000);
});
