import { type ReactElement, useState } from "react";
import type { ModelPlaygroundModel } from "../models/ModelPlaygroundModel.js";
import type { ModelPredictionModel } from "../models/ModelPredictionModel.js";
import type { RunsModel } from "../models/RunsModel.js";
import { ErrorBanner } from "./ErrorBanner.js";
import { JobProgress } from "./JobProgress.js";
import { PredictForm } from "./PredictForm.js";
import { RegisterForm } from "./RegisterForm.js";
import { RunsCompareTable } from "./RunsCompareTable.js";
import { RunsTable } from "./RunsTable.js";
import { TrainForm } from "./TrainForm.js";
import { TrainResult } from "./TrainResult.js";

/** Props of ModelPlaygroundPanel. */
export interface ModelPlaygroundPanelProps {
  playground: ModelPlaygroundModel;
  runs: RunsModel;
  /** Predictions of the latest trained run over its test period. */
  testPredictions: ModelPredictionModel;
  /** Predictions of a registered model. */
  predictions: ModelPredictionModel;
  onRefresh: () => void;
}

// The training section: the form, then the job's live progress and, once done, its result.
function renderTraining({ playground, runs, testPredictions }: ModelPlaygroundPanelProps): ReactElement | null {
  const { catalog, training } = playground;
  if (catalog.kind !== "ready") return null;
  const busy = training.kind === "submitting" || training.kind === "running";
  const job = training.kind === "running" || training.kind === "succeeded" ? training.job : training.kind === "failed" ? training.job : undefined;
  return (
    <section className="oq-Section oq-ModelPlayground-train">
      <h3 className="oq-Section-title">Train</h3>
      <TrainForm
        types={catalog.types}
        tickers={catalog.tickers}
        values={playground.form}
        errors={playground.errors}
        paramErrors={playground.paramErrors}
        message={training.kind === "failed" && !training.jobId ? playground.formMessage : undefined}
        busy={busy}
        onChange={(patch) => playground.update(patch)}
        onTrain={() => void playground.train()}
      />
      {(training.kind === "running" || (training.kind !== "idle" && training.kind !== "submitting" && training.jobId)) && (
        <JobProgress
          job={job}
          label={`Train ${playground.form.modelType}`}
          error={training.kind === "running" ? training.pollError : training.kind === "failed" && !job ? training.message : undefined}
        />
      )}
      {training.kind === "succeeded" && (
        <TrainResult
          result={training.result}
          predictions={testPredictions.state}
          runUrl={training.result.runId ? runs.runUrl(training.result.runId) : undefined}
        />
      )}
    </section>
  );
}

/** The Model Playground: train a model, see its results, compare runs, register and predict. */
export function ModelPlaygroundPanel(props: ModelPlaygroundPanelProps): ReactElement {
  const { playground, runs, predictions, onRefresh } = props;
  const [differencesOnly, setDifferencesOnly] = useState(true);
  const { catalog } = playground;
  const runsState = runs.state;
  const runList = runsState.kind === "ready" ? runsState.runs : [];
  return (
    <div className="oq-Panel oq-ModelPlayground">
      <header className="oq-Panel-header">
        <h2 className="oq-Panel-title">Model playground</h2>
        <span className="oq-Panel-checked" />
        <button type="button" className="jp-Button jp-mod-styled oq-Panel-refresh" onClick={onRefresh}>
          Refresh
        </button>
      </header>
      {catalog.kind === "loading" && <p className="oq-Placeholder">Reading the model types from the OpenQuant sidecar…</p>}
      {catalog.kind === "error" && (
        <ErrorBanner
          title={catalog.error.unreachable ? "OpenQuant sidecar unreachable" : "Could not read the model types"}
          message={catalog.error.message}
          onRetry={onRefresh}
        />
      )}
      {renderTraining(props)}
      {catalog.kind === "ready" && (
        <>
          <section className="oq-Section oq-ModelPlayground-runs">
            <h3 className="oq-Section-title">Runs</h3>
            {runsState.kind === "loading" && <p className="oq-Placeholder">Reading the runs…</p>}
            {runsState.kind === "error" && <p className="oq-FieldError">Runs unavailable: {runsState.error.message}</p>}
            {runsState.kind === "ready" && (
              <>
                <RunsTable runs={runList} selected={runs.selected} onToggle={(id) => runs.toggle(id)} runUrl={(id) => runs.runUrl(id)} />
                {!runs.trackingUri && <p className="oq-Note">The sidecar reports no http(s) MLflow address, so runs are not linked to the MLflow UI.</p>}
                <h4 className="oq-Section-subtitle">Compare</h4>
                <RunsCompareTable comparison={runs.comparison} differencesOnly={differencesOnly} onDifferencesOnly={setDifferencesOnly} />
                {runList.length > 0 && (
                  <>
                    <h4 className="oq-Section-subtitle">Register a run's model</h4>
                    <RegisterForm
                      runs={runList}
                      defaultRunId={runs.selected.at(-1)}
                      state={runs.registration}
                      onRegister={(request) => void runs.register(request).then(() => predictions.loadRegistered())}
                    />
                  </>
                )}
              </>
            )}
          </section>
          <section className="oq-Section oq-ModelPlayground-predict">
            <h3 className="oq-Section-title">Predict with a registered model</h3>
            <PredictForm
              registered={predictions.registered}
              tickers={catalog.tickers}
              state={predictions.state}
              onPredict={(request) => void predictions.predict(request)}
            />
          </section>
        </>
      )}
    </div>
  );
}
