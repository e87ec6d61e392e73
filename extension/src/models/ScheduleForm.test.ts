import { describe, expect, it } from "vitest";
import type { Schedule } from "../schemas/schedules.js";
import {
  cronShapeProblem,
  DEFAULT_SCHEDULE_FORM,
  fieldOfSchedulePath,
  formOfSchedule,
  type ScheduleFormValues,
  scheduleErrorsFromDetails,
  toScheduleInput,
  validateScheduleForm,
} from "./ScheduleForm.js";

function form(patch: Partial<ScheduleFormValues>): ScheduleFormValues {
  return { ...DEFAULT_SCHEDULE_FORM, ...patch };
}

describe("the schedule form", () => {
  it("accepts cron expressions of 5 or 6 fields and nicknames, by shape only", () => {
    for (const ok of ["0 22 * * 1-5", "*/15 9-16 * * MON-FRI", "0 0 12 * * *", "@daily", "0 1 * * 61"]) {
      expect(cronShapeProblem(ok), ok).toBeUndefined();
    }
    expect(cronShapeProblem("")).toMatch(/a cron expression/);
    expect(cronShapeProblem("0 22 * *")).toMatch(/^4 fields/);
    expect(cronShapeProblem("0 22 * * 1 2 3")).toMatch(/^7 fields/);
    expect(cronShapeProblem("0 22 * * $")).toMatch(/'\$' is not a cron field/);
  });

  it("builds an ingest schedule's body", () => {
    const input = toScheduleInput(form({ id: "nightly", tickers: "acme.sample, MKT.SAMPLE", timezone: "Europe/Paris" }));
    expect(input).toEqual({
      id: "nightly",
      kind: "ingest",
      cron: "0 22 * * 1-5",
      timezone: "Europe/Paris",
      enabled: true,
      params: { tickers: ["ACME.SAMPLE", "MKT.SAMPLE"], provider: "sample" },
    });
    expect(toScheduleInput(form({ tickers: "A" }))).not.toHaveProperty("id");
  });

  it("builds a train schedule's body with an optional registration", () => {
    const values = form({ kind: "train", tickers: "ACME.SAMPLE", modelType: "ridge", featureSet: "default", horizon: "10", registerName: "acme", registerAlias: "nightly" });
    expect(toScheduleInput(values).params).toEqual({
      tickers: ["ACME.SAMPLE"],
      model: { type: "ridge" },
      featureSet: "default",
      horizon: 10,
      register: { name: "acme", alias: "nightly" },
    });
    expect(toScheduleInput({ ...values, registerName: "", registerAlias: "" }).params).not.toHaveProperty("register");
  });

  it("builds a notebook schedule's body with typed parameters", () => {
    const values = form({ kind: "notebook", notebook: "05-daily-report.ipynb", parameters: { ticker: "ACME.SAMPLE", lookbackDays: "90", fast: true, empty: "" }, timeoutSeconds: "600" });
    expect(toScheduleInput(values, { ticker: "string", lookbackDays: "number", fast: "boolean" }).params).toEqual({
      notebook: "05-daily-report.ipynb",
      parameters: { ticker: "ACME.SAMPLE", lookbackDays: 90, fast: true },
      timeoutSeconds: 600,
    });
  });

  it("checks the fields of the chosen kind", () => {
    expect(validateScheduleForm(form({ tickers: "ACME.SAMPLE" }))).toEqual({});
    expect(validateScheduleForm(form({ tickers: "", cron: "daily", id: "has space" }))).toEqual({
      cron: expect.stringMatching(/^1 field:/),
      id: "letters, digits, '_' or '-', at most 64",
      tickers: "at least one ticker, e.g. ACME.SAMPLE",
    });
    // the id is fixed once created, so an edit does not check it
    expect(validateScheduleForm(form({ tickers: "A", id: "has space" }), true)).toEqual({});
    const train = validateScheduleForm(form({ kind: "train", tickers: "A", horizon: "0", registerAlias: "1st" }));
    expect(Object.keys(train).sort()).toEqual(["horizon", "registerAlias", "registerName"]);
    expect(validateScheduleForm(form({ kind: "notebook", timeoutSeconds: "-3" }))).toEqual({
      notebook: "choose a notebook",
      timeoutSeconds: "whole seconds, at least 1",
    });
  });

  it("maps the sidecar's error paths onto fields, with or without the params prefix", () => {
    expect(fieldOfSchedulePath("cron")).toBe("cron");
    expect(fieldOfSchedulePath("tickers")).toBe("tickers");
    expect(fieldOfSchedulePath("params.tickers.0")).toBe("tickers");
    expect(fieldOfSchedulePath("model")).toBe("modelType");
    expect(fieldOfSchedulePath("register.alias")).toBe("registerAlias");
    expect(fieldOfSchedulePath("params.parameters.lookbackDays")).toBe("parameters.lookbackDays");
    expect(fieldOfSchedulePath("seed")).toBeUndefined();
    expect(
      scheduleErrorsFromDetails([
        { path: "horizon", message: "must be at least 1 bar" },
        { path: "model", message: "Unknown model type 'nope'." },
        { path: "horizon", message: "second message for the same field" },
        { nonsense: true },
      ]),
    ).toEqual({ horizon: "must be at least 1 bar", modelType: "Unknown model type 'nope'." });
  });

  it("reads a stored schedule back into the form", () => {
    const stored: Schedule = {
      id: "retrain",
      kind: "train",
      cron: "0 23 * * 5",
      timezone: "America/New_York",
      enabled: false,
      params: { tickers: ["ACME.SAMPLE", "MKT.SAMPLE"], model: { type: "ridge" }, featureSet: "default", horizon: 10, register: { name: "acme", alias: "prod" } },
      source: "api",
      createdAt: "2026-11-25T00:00:00.000Z",
      updatedAt: "2026-11-25T00:00:00.000Z",
      nextRun: null,
    };
    const values = formOfSchedule(stored);
    expect(values).toMatchObject({ id: "retrain", kind: "train", enabled: false, tickers: "ACME.SAMPLE, MKT.SAMPLE", modelType: "ridge", horizon: "10", registerName: "acme", registerAlias: "prod" });
    const { id: _id, ...again } = toScheduleInput(values);
    expect(again).toEqual({ kind: "train", cron: stored.cron, timezone: stored.timezone, enabled: false, params: stored.params });
  });
});
