import type { ReactElement } from "react";
import type { PredictionState } from "../models/ModelPredictionModel.js";
import type { TrainJobResult } from "../schemas/models.js";
import { EquityChart } from "./EquityChart.js";
import { MetricsTable } from "./MetricsTable.js";
import { PredictionsChart } from "./PredictionsChart.js";

/** Props of TrainResult. */
export interface TrainResultProps {
  result: TrainJobResult;
  /** Predictions vs actual over the test period of the first ticker. */
  predictions: PredictionState;
  /** The run's page in the MLflow UI, when known. */
  runUrl?: string;
}

// Per-ticker backtest metrics (bt_<ticker>_…) are shown with the equity curves, not in the table.
const isModelMetric = (name: string) => !name.startsWith("bt_") && !name.startsWith("fold_");

/** A finished training: the run, its metrics, equity curves vs buy-and-hold, predictions vs actual. */
export function TrainResult({ result, predictions, runUrl }: TrainResultProps): ReactElement {
  const runId = result.runId ?? result.localRunId;
  return (
    <section className="oq-TrainResult" data-run-id={runId}>
      <h3 className="oq-Section-title">
        Run {runUrl ? <a href={runUrl} target="_blank" rel="noreferrer" className="oq-RunLink">{runId}</a> : <code>{runId}</code>}
        {result.destination === "outbox" && <span className="oq-Note"> (MLflow unreachable: kept in the outbox, replayed later)</span>}
      </h3>
      {result.notes?.map((note) => (
        <p key={note} className="oq-Note oq-TrainResult-note">
          {note}
        </p>
      ))}
      <div className="oq-TrainResult-grid">
        <div className="oq-TrainResult-metrics">
          <MetricsTable metrics={result.metrics} filter={isModelMetric} />
        </div>
        <div className="oq-TrainResult-charts">
          {result.backtests.map((b) => (
            <div key={b.ticker} className="oq-TrainResult-backtest" data-ticker={b.ticker}>
              <EquityChart backtest={b} />
              <MetricsTable metrics={b.summary} />
            </div>
          ))}
          {predictions.kind === "loading" && <p className="oq-Placeholder">Predicting over the test period…</p>}
          {predictions.kind === "error" && <p className="oq-FieldError">Predictions unavailable: {predictions.error.message}</p>}
          {predictions.kind === "ready" && <PredictionsChart series={predictions.series} />}
        </div>
      </div>
    </section>
  );
}
