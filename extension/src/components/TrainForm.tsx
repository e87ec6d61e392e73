import type { ReactElement, ReactNode } from "react";
import { labelledField, SchemaForm } from "../forms/index.js";
import type { FieldErrors } from "../forms/index.js";
import { parseFeatureList, type TrainFieldErrors, type TrainFormValues } from "../models/ModelTrainSpec.js";
import type { ModelType } from "../schemas/models.js";

/** Props of TrainForm. */
export interface TrainFormProps {
  types: readonly ModelType[];
  /** Stored tickers, offered as suggestions. */
  tickers: readonly string[];
  values: TrainFormValues;
  errors: TrainFieldErrors;
  paramErrors: FieldErrors;
  /** A refusal that concerns no single field. */
  message?: string;
  busy: boolean;
  onChange: (patch: Partial<TrainFormValues>) => void;
  onTrain: () => void;
}

// A labelled input with its error beneath, its id prefixed for this form.
function field(name: keyof TrainFormValues, label: string, errors: TrainFieldErrors, input: ReactNode, hint?: string): ReactElement {
  return labelledField(`oq-train-${name}`, name, label, errors[name], input, hint);
}

const num = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** The training form: model type and hyperparameters, data, features, horizon and split; "Train" submits. */
export function TrainForm(props: TrainFormProps): ReactElement {
  const { types, tickers, values, errors, paramErrors, message, busy, onChange, onTrain } = props;
  const type = types.find((t) => t.name === values.modelType);
  const id = (name: string) => `oq-train-${name}`;
  const text = (name: keyof TrainFormValues, extra: Record<string, unknown> = {}) => (
    <input
      id={id(name)}
      className="jp-mod-styled"
      type="text"
      value={String(values[name])}
      aria-invalid={errors[name] !== undefined}
      onChange={(e) => onChange({ [name]: e.target.value })}
      {...extra}
    />
  );
  const number = (name: "horizon" | "testFraction" | "folds" | "window" | "embargo", step: number | "any" = 1) => (
    <input
      id={id(name)}
      className="jp-mod-styled"
      type="number"
      step={step}
      value={Number.isFinite(values[name]) ? String(values[name]) : ""}
      aria-invalid={errors[name] !== undefined}
      onChange={(e) => onChange({ [name]: num(e.target.value) })}
    />
  );
  return (
    <form
      className="oq-TrainForm"
      onSubmit={(e) => {
        e.preventDefault();
        onTrain();
      }}
    >
      <fieldset className="oq-TrainForm-section" disabled={busy}>
        <legend>Model</legend>
        {field(
          "modelType",
          "Model type",
          errors,
          <select id={id("modelType")} className="jp-mod-styled" value={values.modelType} onChange={(e) => onChange({ modelType: e.target.value })}>
            {types.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>,
        )}
        {field(
          "task",
          "Task",
          errors,
          <select id={id("task")} className="jp-mod-styled" value={values.task} onChange={(e) => onChange({ task: e.target.value as TrainFormValues["task"] })}>
            {(type?.tasks ?? ["regression"]).map((task) => (
              <option key={task} value={task}>
                {task}
              </option>
            ))}
          </select>,
        )}
        {type && <p className="oq-TrainForm-description">{type.description}</p>}
        <div className="oq-TrainForm-params" data-model-type={values.modelType}>
          <SchemaForm
            schema={type?.params ?? {}}
            values={values.params}
            errors={paramErrors}
            idPrefix="oq-train-param"
            disabled={busy}
            onChange={(params) => onChange({ params })}
          />
        </div>
      </fieldset>

      <fieldset className="oq-TrainForm-section" disabled={busy}>
        <legend>Data and features</legend>
        {field("tickers", "Tickers", errors, text("tickers", { list: "oq-train-tickers-list", placeholder: "ACME.SAMPLE, NOVA.SAMPLE" }))}
        <datalist id="oq-train-tickers-list">
          {tickers.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        {field("start", "Start", errors, text("start", { type: "date" }))}
        {field("end", "End", errors, text("end", { type: "date" }))}
        {field(
          "featureMode",
          "Features",
          errors,
          <select
            id={id("featureMode")}
            className="jp-mod-styled"
            value={values.featureMode}
            onChange={(e) => onChange({ featureMode: e.target.value as TrainFormValues["featureMode"] })}
          >
            <option value="named">a named set</option>
            <option value="chosen">chosen features</option>
          </select>,
        )}
        {values.featureMode === "named"
          ? field("featureSetName", "Feature set", errors, text("featureSetName"), "from configs/features.yaml")
          : field(
              "features",
              "Chosen features",
              errors,
              <input
                id={id("features")}
                className="jp-mod-styled oq-TrainForm-features"
                type="text"
                placeholder="returns(period=1), rsi, volatility(period=20)"
                value={values.featuresText}
                aria-invalid={errors.features !== undefined}
                onChange={(e) => onChange({ featuresText: e.target.value, features: parseFeatureList(e.target.value).features })}
              />,
              "name or name(param=value, …), separated by commas",
            )}
      </fieldset>

      <fieldset className="oq-TrainForm-section" disabled={busy}>
        <legend>Label and evaluation</legend>
        {field("horizon", "Horizon (bars)", errors, number("horizon"))}
        {field(
          "splitMethod",
          "Split",
          errors,
          <select
            id={id("splitMethod")}
            className="jp-mod-styled"
            value={values.splitMethod}
            onChange={(e) => onChange({ splitMethod: e.target.value as TrainFormValues["splitMethod"] })}
          >
            <option value="train_test">chronological train/test</option>
            <option value="walk_forward">walk-forward folds</option>
          </select>,
        )}
        {values.splitMethod === "train_test" ? (
          field("testFraction", "Test fraction", errors, number("testFraction", "any"), "the last part of the bar times")
        ) : (
          <>
            {field("folds", "Folds", errors, number("folds"))}
            {field(
              "walkMode",
              "Training window",
              errors,
              <select
                id={id("walkMode")}
                className="jp-mod-styled"
                value={values.walkMode}
                onChange={(e) => onChange({ walkMode: e.target.value as TrainFormValues["walkMode"] })}
              >
                <option value="expanding">expanding</option>
                <option value="rolling">rolling</option>
              </select>,
            )}
            {values.walkMode === "rolling" && field("window", "Window (bars)", errors, number("window"))}
          </>
        )}
        {field("embargo", "Embargo (bars)", errors, number("embargo"), `purge: ${Number.isFinite(values.horizon) ? values.horizon : "h"} bars (the horizon), always`)}
        {field("runName", "Run name", errors, text("runName", { placeholder: "optional" }))}
      </fieldset>

      <div className="oq-TrainForm-actions">
        <button type="submit" className="jp-Button jp-mod-styled jp-mod-accept oq-TrainForm-train" disabled={busy}>
          Train
        </button>
        {message && (
          <span className="oq-FieldError oq-TrainForm-message" role="alert">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
