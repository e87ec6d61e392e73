import type { ReactElement } from "react";
import type { FeatureExplorerModel, FeatureExplorerState } from "../models/FeatureExplorerModel.js";
import { CorrelationHeatmap } from "./CorrelationHeatmap.js";
import { DataRangeInputs } from "./DataRangeInputs.js";
import { ErrorBanner } from "./ErrorBanner.js";
import { FeatureChart } from "./FeatureChart.js";
import { FeaturePicker } from "./FeaturePicker.js";
import { TickerPicker } from "./TickerPicker.js";

/** Props of FeatureExplorerPanel. */
export interface FeatureExplorerPanelProps {
  state: FeatureExplorerState;
  model: FeatureExplorerModel;
}

function renderResult({ state, model }: FeatureExplorerPanelProps): ReactElement | null {
  const { result } = state;
  switch (result.kind) {
    case "idle":
      return <p className="oq-Placeholder">Choose a ticker and features, then Compute.</p>;
    case "loading":
      return <p className="oq-Placeholder">Computing…</p>;
    case "error":
      return <ErrorBanner title="Could not compute the features" message={result.error.message} onRetry={() => void model.compute()} />;
    case "ready":
      return (
        <>
          <FeatureChart result={result.value} />
          <h3 className="oq-Panel-subtitle">Correlation</h3>
          <CorrelationHeatmap result={result.value} />
        </>
      );
  }
}

/** The Feature Explorer: features with generated parameter forms, computed for a ticker and range, charted and correlated. */
export function FeatureExplorerPanel(props: FeatureExplorerPanelProps): ReactElement {
  const { state, model } = props;
  const { features, tickers } = state;
  const failed = features.kind === "error" ? features.error : tickers.kind === "error" ? tickers.error : undefined;
  return (
    <div className="oq-Panel oq-FeatureExplorerPanel">
      <header className="oq-Panel-header">
        <h2 className="oq-Panel-title">Feature explorer</h2>
        <span className="oq-Panel-checked" />
        <button type="button" className="jp-Button jp-mod-styled oq-Panel-refresh" onClick={() => void model.load()}>
          Refresh
        </button>
      </header>
      {failed && (
        <ErrorBanner
          title={failed.unreachable ? "OpenQuant sidecar unreachable" : "Could not load features or tickers"}
          message={failed.message}
          onRetry={() => void model.load()}
        />
      )}
      {tickers.kind === "ready" && tickers.value.length === 0 && (
        <p className="oq-Placeholder">No data stored yet: ingest a ticker in the Data Explorer first.</p>
      )}
      {tickers.kind === "ready" && tickers.value.length > 0 && features.kind === "ready" && (
        <>
          <div className="oq-Toolbar">
            <TickerPicker id="oq-feature-ticker" tickers={tickers.value} value={state.ticker} onChange={(t) => model.selectTicker(t)} />
            <DataRangeInputs
              idPrefix="oq-feature-range"
              start={state.start}
              end={state.end}
              errors={state.rangeErrors}
              onApply={(s, e) => model.setRange(s, e)}
            />
            <div className="oq-Toolbar-end">
              <button
                type="button"
                className="jp-Button jp-mod-styled jp-mod-accept oq-FeatureExplorer-compute"
                disabled={state.result.kind === "loading" || state.selected.length === 0}
                onClick={() => void model.compute()}
              >
                Compute
              </button>
            </div>
          </div>
          <FeaturePicker
            features={features.value}
            selected={state.selected}
            onToggle={(name, on) => model.toggleFeature(name, on)}
            onParams={(name, values) => model.setParams(name, values)}
          />
          {renderResult(props)}
        </>
      )}
    </div>
  );
}
