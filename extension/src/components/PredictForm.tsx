import { type ReactElement, useState } from "react";
import type { PredictionState } from "../models/ModelPredictionModel.js";
import { PredictionsChart } from "./PredictionsChart.js";

/** Props of PredictForm. */
export interface PredictFormProps {
  /** `name@alias` of registered models, offered as suggestions. */
  registered: readonly string[];
  /** Stored tickers, offered as suggestions. */
  tickers: readonly string[];
  state: PredictionState;
  onPredict: (request: { model: string; ticker: string; start?: string; end?: string }) => void;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Predicts with a registered model (name@alias) for a ticker and range, and charts it against what happened. */
export function PredictForm({ registered, tickers, state, onPredict }: PredictFormProps): ReactElement {
  const [model, setModel] = useState(registered[0] ?? "");
  const [ticker, setTicker] = useState(tickers[0] ?? "");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...(state.kind === "error" ? state.fieldErrors : {}), ...local };
  const submit = () => {
    const found: Record<string, string> = {};
    if (!model.trim()) found.model = "a registered model as name@alias, or a run id";
    if (!ticker.trim()) found.ticker = "a stored ticker";
    if (start && !DATE.test(start)) found.start = "YYYY-MM-DD";
    if (end && !DATE.test(end)) found.end = "YYYY-MM-DD";
    if (start && end && start >= end) found.end = "must be after the start";
    setLocal(found);
    if (Object.keys(found).length === 0) onPredict({ model, ticker, ...(start ? { start } : {}), ...(end ? { end } : {}) });
  };
  const error = (key: string) =>
    errors[key] && (
      <span className="oq-FieldError" data-field-error={key}>
        {errors[key]}
      </span>
    );
  return (
    <div className="oq-PredictForm">
      <form
        className="oq-InlineForm"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="oq-Field">
          <label htmlFor="oq-predict-model">Model (name@alias)</label>
          <input id="oq-predict-model" className="jp-mod-styled" list="oq-predict-models" value={model} onChange={(e) => setModel(e.target.value)} />
          <datalist id="oq-predict-models">
            {registered.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          {error("model")}
        </div>
        <div className="oq-Field">
          <label htmlFor="oq-predict-ticker">Ticker</label>
          <input id="oq-predict-ticker" className="jp-mod-styled" list="oq-predict-tickers" value={ticker} onChange={(e) => setTicker(e.target.value)} />
          <datalist id="oq-predict-tickers">
            {tickers.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          {error("ticker")}
        </div>
        <div className="oq-Field">
          <label htmlFor="oq-predict-start">Start</label>
          <input id="oq-predict-start" type="date" className="jp-mod-styled" value={start} onChange={(e) => setStart(e.target.value)} />
          {error("start")}
        </div>
        <div className="oq-Field">
          <label htmlFor="oq-predict-end">End</label>
          <input id="oq-predict-end" type="date" className="jp-mod-styled" value={end} onChange={(e) => setEnd(e.target.value)} />
          {error("end")}
        </div>
        <button type="submit" className="jp-Button jp-mod-styled jp-mod-accept" disabled={state.kind === "loading"}>
          Predict
        </button>
      </form>
      {state.kind === "loading" && <p className="oq-Placeholder">Predicting…</p>}
      {state.kind === "error" && Object.keys(state.fieldErrors).length === 0 && <p className="oq-FieldError">{state.error.message}</p>}
      {state.kind === "ready" && <PredictionsChart series={state.series} title={`${state.request.model} on ${state.series.ticker}`} />}
    </div>
  );
}
