import type { ReactElement } from "react";
import type { HistoryState } from "../models/ScheduleListModel.js";
import type { NotebookRun } from "../schemas/notebooks.js";

/** Props of ScheduleHistory. */
export interface ScheduleHistoryProps {
  history: HistoryState;
  onOpenOutput: (run: NotebookRun) => void;
  onClose: () => void;
}

function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}

function seconds(start: string, end: string | null): string {
  return end ? `${((Date.parse(end) - Date.parse(start)) / 1000).toFixed(1)} s` : "—";
}

/** A schedule's runs with their status and, for notebook schedules, the executed notebooks to open. */
export function ScheduleHistory({ history, onOpenOutput, onClose }: ScheduleHistoryProps): ReactElement {
  return (
    <section className="oq-Section oq-ScheduleHistory" data-schedule-id={history.scheduleId}>
      <header className="oq-Panel-header">
        <h3 className="oq-Section-title">Runs of {history.scheduleId}</h3>
        <span className="oq-Panel-checked" />
        <button type="button" className="jp-Button jp-mod-styled" onClick={onClose}>
          Close
        </button>
      </header>
      {history.kind === "loading" && <p className="oq-Placeholder">Reading the runs…</p>}
      {history.kind === "error" && <p className="oq-FieldError">{history.error.message}</p>}
      {history.kind === "ready" && history.runs.length === 0 && <p className="oq-Placeholder">It has not run yet.</p>}
      {history.kind === "ready" && history.runs.length > 0 && (
        <table className="oq-Table oq-ScheduleHistory-runs">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Trigger</th>
              <th scope="col">Status</th>
              <th scope="col" className="oq-mod-numeric">
                Duration
              </th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {history.runs.map((run) => (
              <tr key={run.id} data-run-id={run.id} data-status={run.status}>
                <td>{when(run.startedAt)}</td>
                <td>{run.trigger}</td>
                <td>
                  <span className={`oq-RunStatus oq-mod-${run.status}`}>{run.status}</span>
                </td>
                <td className="oq-mod-numeric">{seconds(run.startedAt, run.finishedAt)}</td>
                <td className="oq-ScheduleHistory-error">{run.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {history.kind === "ready" && history.notebookRuns && (
        <>
          <h4 className="oq-Section-subtitle">Executed notebooks</h4>
          {history.notebookRuns.length === 0 ? (
            <p className="oq-Placeholder">No executed notebook yet.</p>
          ) : (
            <table className="oq-Table oq-ScheduleHistory-notebooks">
              <tbody>
                {history.notebookRuns.map((run) => (
                  <tr key={run.id} data-notebook-run-id={run.id} data-status={run.status}>
                    <td>{when(run.startedAt)}</td>
                    <td>{run.notebook}</td>
                    <td>
                      <span className={`oq-RunStatus oq-mod-${run.status}`}>{run.status}</span>
                    </td>
                    <td>{run.error ? `cell ${run.error.cellIndex ?? "?"}: ${run.error.ename}: ${run.error.message}` : ""}</td>
                    <td>
                      <button type="button" className="jp-Button jp-mod-styled" disabled={run.status === "running"} onClick={() => onOpenOutput(run)}>
                        Open output
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
