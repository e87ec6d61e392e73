import type { ReactElement } from "react";
import type { Run } from "../schemas/models.js";
import { formatMetric } from "./MetricsTable.js";

/** Props of RunsTable. */
export interface RunsTableProps {
  runs: readonly Run[];
  selected: readonly string[];
  onToggle: (runId: string) => void;
  /** The run's page in the MLflow UI, when known. */
  runUrl: (runId: string) => string | undefined;
}

// The headline metric of a run: rmse for regression, accuracy for classification.
const HEADLINE = ["rmse", "accuracy", "r2", "ic"];

/** The experiment's runs, newest first; tick runs to compare them side by side. */
export function RunsTable({ runs, selected, onToggle, runUrl }: RunsTableProps): ReactElement {
  if (runs.length === 0) return <p className="oq-Placeholder">No runs yet: train a model above.</p>;
  return (
    <table className="oq-Table oq-RunsTable">
      <thead>
        <tr>
          <th scope="col">Compare</th>
          <th scope="col">Run</th>
          <th scope="col">Model</th>
          <th scope="col">Started</th>
          <th scope="col">Status</th>
          {HEADLINE.map((m) => (
            <th key={m} scope="col" className="oq-mod-numeric">
              {m}
            </th>
          ))}
          <th scope="col">MLflow</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => {
          const url = runUrl(run.runId);
          const checked = selected.includes(run.runId);
          return (
            <tr key={run.runId} data-run-id={run.runId} className={checked ? "oq-mod-selected" : undefined}>
              <td>
                <input type="checkbox" aria-label={`compare ${run.runName}`} checked={checked} onChange={() => onToggle(run.runId)} />
              </td>
              <td title={run.runId}>{run.runName}</td>
              <td>{run.modelType}</td>
              <td>{new Date(run.startTime).toLocaleString()}</td>
              <td>{run.status.toLowerCase()}</td>
              {HEADLINE.map((m) => (
                <td key={m} className="oq-mod-numeric" data-metric={m}>
                  {formatMetric(run.metrics[m])}
                </td>
              ))}
              <td>
                {url ? (
                  <a href={url} target="_blank" rel="noreferrer" className="oq-RunLink">
                    open
                  </a>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
