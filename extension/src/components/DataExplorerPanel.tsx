import type { ReactElement } from "react";
import type { DataExplorerModel, DataExplorerState } from "../models/DataExplorerModel.js";
import { DataChart } from "./DataChart.js";
import { DataRangeInputs } from "./DataRangeInputs.js";
import { DataTable } from "./DataTable.js";
import { ErrorBanner } from "./ErrorBanner.js";
import { IngestForm } from "./IngestForm.js";
import { TickerPicker } from "./TickerPicker.js";

/** Props of DataExplorerPanel. */
export interface DataExplorerPanelProps {
  state: DataExplorerState;
  model: DataExplorerModel;
}

function renderBars({ state, model }: DataExplorerPanelProps): ReactElement | null {
  const { bars } = state;
  switch (bars.kind) {
    case "idle":
      return null;
    case "loading":
      return <p className="oq-Placeholder">Loading bars…</p>;
    case "error":
      return <ErrorBanner title="Could not load the bars" message={bars.error.message} onRetry={() => void model.loadBars()} />;
    case "ready":
      if (bars.value.ts.length === 0) return <p className="oq-Placeholder">No bars in this range.</p>;
      return state.view === "chart" ? (
        <DataChart bars={bars.value} />
      ) : (
        <DataTable bars={bars.value} page={state.page} onPage={(page) => model.setPage(page)} />
      );
  }
}

/** The Data Explorer: pick a stored ticker and range, see its candles and volume or a paged table, download CSV, ingest more. */
export function DataExplorerPanel(props: DataExplorerPanelProps): ReactElement {
  const { state, model } = props;
  const { tickers } = state;
  const barCount = state.bars.kind === "ready" ? state.bars.value.ts.length : undefined;
  return (
    <div className="oq-Panel oq-DataExplorerPanel">
      <header className="oq-Panel-header">
        <h2 className="oq-Panel-title">Data explorer</h2>
        <span className="oq-Panel-checked">{barCount !== undefined && <span className="oq-DataExplorer-count">{barCount} bars</span>}</span>
        <button type="button" className="jp-Button jp-mod-styled oq-Panel-refresh" onClick={() => void model.refreshTickers()}>
          Refresh
        </button>
      </header>
      {tickers.kind === "error" && (
        <ErrorBanner
          title={tickers.error.unreachable ? "OpenQuant sidecar unreachable" : "Could not list the tickers"}
          message={tickers.error.message}
          onRetry={() => void model.refreshTickers()}
        />
      )}
      {tickers.kind === "loading" && <p className="oq-Placeholder">Loading tickers…</p>}
      {tickers.kind === "ready" && tickers.value.length === 0 && (
        <p className="oq-Placeholder oq-DataExplorer-empty">No data stored yet: ingest a ticker below (the sample provider works offline).</p>
      )}
      {tickers.kind === "ready" && tickers.value.length > 0 && (
        <>
          <div className="oq-Toolbar">
            <TickerPicker tickers={tickers.value} value={state.ticker} onChange={(t) => void model.select(t)} />
            <DataRangeInputs start={state.start} end={state.end} errors={state.rangeErrors} onApply={(s, e) => void model.setRange(s, e)} />
            <div className="oq-Toolbar-end">
              <div className="oq-ViewToggle">
                {(["chart", "table"] as const).map((view) => (
                  <button
                    key={view}
                    type="button"
                    className={state.view === view ? "jp-Button jp-mod-styled jp-mod-accept" : "jp-Button jp-mod-styled"}
                    aria-pressed={state.view === view}
                    data-view={view}
                    onClick={() => model.setView(view)}
                  >
                    {view === "chart" ? "Chart" : "Table"}
                  </button>
                ))}
              </div>
              {model.csvUrl && (
                <a className="jp-Button jp-mod-styled oq-DataExplorer-csv" href={model.csvUrl} download={`${state.ticker}.csv`}>
                  Download CSV
                </a>
              )}
            </div>
          </div>
          {renderBars(props)}
        </>
      )}
      <IngestForm state={state.ingest} onSubmit={(form) => void model.ingest(form)} />
    </div>
  );
}
