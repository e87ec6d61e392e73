import type { ReactElement } from "react";
import type { ComparisonRow, RunsComparison } from "../models/RunsComparison.js";
import { formatMetric } from "./MetricsTable.js";

/** Props of RunsCompareTable. */
export interface RunsCompareTableProps {
  comparison: RunsComparison;
  /** Show only the params whose values differ between the runs. */
  differencesOnly: boolean;
  onDifferencesOnly: (value: boolean) => void;
}

function cells(row: ComparisonRow, kind: "param" | "metric"): ReactElement[] {
  return row.values.map((value, i) => {
    const best = row.best.includes(i);
    return (
      <td
        // biome-ignore lint/suspicious/noArrayIndexKey: one cell per compared run, in column order
        key={i}
        className={`${kind === "metric" ? "oq-mod-numeric " : ""}${best ? "oq-mod-best" : ""}`.trim() || undefined}
        data-best={best ? "true" : undefined}
      >
        {value === undefined ? "—" : typeof value === "number" ? formatMetric(value) : value}
      </td>
    );
  });
}

/** Selected runs side by side: params, then metrics with the best value of each highlighted. */
export function RunsCompareTable({ comparison, differencesOnly, onDifferencesOnly }: RunsCompareTableProps): ReactElement {
  if (comparison.runs.length === 0) return <p className="oq-Placeholder">Tick runs in the table to compare them side by side.</p>;
  const params = differencesOnly ? comparison.params.filter((p) => p.differs) : comparison.params;
  return (
    <div className="oq-RunsCompare">
      <label className="oq-RunsCompare-toggle">
        <input type="checkbox" checked={differencesOnly} onChange={(e) => onDifferencesOnly(e.target.checked)} /> params that differ only
      </label>
      <table className="oq-Table oq-RunsCompareTable">
        <thead>
          <tr>
            <th scope="col" />
            {comparison.runs.map((run) => (
              <th key={run.runId} scope="col" data-run-id={run.runId} title={run.runId}>
                {run.runName}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="oq-RunsCompare-group">
            <th scope="rowgroup" colSpan={comparison.runs.length + 1}>
              Params
            </th>
          </tr>
          {params.map((row) => (
            <tr key={`p:${row.key}`} data-param={row.key} className={row.differs ? "oq-mod-differs" : undefined}>
              <th scope="row">{row.key}</th>
              {cells(row, "param")}
            </tr>
          ))}
          <tr className="oq-RunsCompare-group">
            <th scope="rowgroup" colSpan={comparison.runs.length + 1}>
              Metrics
            </th>
          </tr>
          {comparison.metrics.map((row) => (
            <tr key={`m:${row.key}`} data-metric={row.key}>
              <th scope="row">{row.key}</th>
              {cells(row, "metric")}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
