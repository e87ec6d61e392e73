import type { ReactElement } from "react";
import type { ScheduleListModel } from "../models/ScheduleListModel.js";
import type { NotebookRun } from "../schemas/notebooks.js";
import { ErrorBanner } from "./ErrorBanner.js";
import { JobProgress } from "./JobProgress.js";
import { ScheduleEditorForm } from "./ScheduleEditorForm.js";
import { ScheduleHistory } from "./ScheduleHistory.js";
import { ScheduleTable } from "./ScheduleTable.js";

/** Props of SchedulesPanel. */
export interface SchedulesPanelProps {
  model: ScheduleListModel;
  onRefresh: () => void;
  /** Asks the user, then deletes. */
  onDelete: (id: string) => void;
  /** Shows an executed notebook in the main area. */
  onOpenOutput: (run: NotebookRun) => void;
}

/** The Schedules panel: list, create, edit, pause, delete, run now, history and notebook outputs. */
export function SchedulesPanel({ model, onRefresh, onDelete, onOpenOutput }: SchedulesPanelProps): ReactElement {
  const { state, editor, runNow, history, notebooks, actionError } = model;
  const running = runNow && runNow.job.status === "running" ? runNow.scheduleId : undefined;
  return (
    <div className="oq-Panel oq-SchedulesPanel">
      <header className="oq-Panel-header">
        <h2 className="oq-Panel-title">Schedules</h2>
        <span className="oq-Panel-checked" />
        <button type="button" className="jp-Button jp-mod-styled jp-mod-accept oq-SchedulesPanel-new" disabled={state.kind !== "ready"} onClick={() => model.openCreate()}>
          New schedule
        </button>
        <button type="button" className="jp-Button jp-mod-styled oq-Panel-refresh" onClick={onRefresh}>
          Refresh
        </button>
      </header>
      {state.kind === "loading" && <p className="oq-Placeholder">Reading the schedules from the OpenQuant sidecar…</p>}
      {state.kind === "error" && (
        <ErrorBanner
          title={state.error.unreachable ? "OpenQuant sidecar unreachable" : "Could not read the schedules"}
          message={state.error.message}
          onRetry={onRefresh}
        />
      )}
      {state.kind === "ready" && notebooks.kind === "unavailable" && <p className="oq-Note oq-SchedulesPanel-notebooks">{notebooks.message}</p>}
      {state.kind === "ready" && notebooks.kind === "error" && !notebooks.error.unreachable && (
        <p className="oq-Note oq-SchedulesPanel-notebooks">Notebook schedules unavailable: {notebooks.error.message}</p>
      )}
      {editor && (
        <ScheduleEditorForm
          editor={editor}
          notebooks={notebooks}
          modelTypes={model.modelTypes}
          onChange={(patch) => model.updateEditor(patch)}
          onSave={() => void model.save()}
          onCancel={() => model.closeEditor()}
        />
      )}
      {actionError && (
        <p className="oq-FieldError" role="alert">
          {actionError}
        </p>
      )}
      {runNow && <JobProgress job={runNow.job} label={`Run ${runNow.scheduleId} now`} />}
      {state.kind === "ready" && (
        <ScheduleTable
          rows={state.rows}
          running={running}
          onEdit={(id) => model.openEdit(id)}
          onToggle={(id, enabled) => void model.setEnabled(id, enabled)}
          onRun={(id) => void model.run(id)}
          onHistory={(id) => void model.showHistory(id)}
          onDelete={onDelete}
        />
      )}
      {history && <ScheduleHistory history={history} onOpenOutput={onOpenOutput} onClose={() => model.closeHistory()} />}
    </div>
  );
}
