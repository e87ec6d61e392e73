import type { ReactElement } from "react";
import type { ScheduleRow } from "../models/ScheduleListModel.js";

/** Props of ScheduleTable. */
export interface ScheduleTableProps {
  rows: readonly ScheduleRow[];
  /** The schedule whose run is under way, if any (its Run now button waits). */
  running?: string;
  onEdit: (id: string) => void;
  onToggle: (id: string, enabled: boolean) => void;
  onRun: (id: string) => void;
  onHistory: (id: string) => void;
  onDelete: (id: string) => void;
}

function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}

/** Every schedule: what, when, whether enabled, next run, last status, and its actions. */
export function ScheduleTable({ rows, running, onEdit, onToggle, onRun, onHistory, onDelete }: ScheduleTableProps): ReactElement {
  if (rows.length === 0) return <p className="oq-Placeholder">No schedules yet: create one.</p>;
  return (
    <table className="oq-Table oq-ScheduleTable">
      <thead>
        <tr>
          <th scope="col">Id</th>
          <th scope="col">Kind</th>
          <th scope="col">Cron</th>
          <th scope="col">Time zone</th>
          <th scope="col">Enabled</th>
          <th scope="col">Next run</th>
          <th scope="col">Last run</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ schedule, lastRun }) => (
          <tr key={schedule.id} data-schedule-id={schedule.id} data-enabled={String(schedule.enabled)}>
            <td className="oq-ScheduleTable-id">{schedule.id}</td>
            <td>{schedule.kind}</td>
            <td>
              <code>{schedule.cron}</code>
            </td>
            <td>{schedule.timezone}</td>
            <td>
              <span className={`oq-StatusBadge ${schedule.enabled ? "oq-mod-up" : "oq-mod-paused"}`}>{schedule.enabled ? "enabled" : "paused"}</span>
            </td>
            <td data-next-run={schedule.enabled ? (schedule.nextRun ?? undefined) : undefined}>{schedule.enabled ? when(schedule.nextRun) : "—"}</td>
            <td data-last-status={lastRun?.status ?? "none"} title={lastRun?.error ?? undefined}>
              {lastRun ? (
                <>
                  <span className={`oq-RunStatus oq-mod-${lastRun.status}`}>{lastRun.status}</span> {when(lastRun.startedAt)}
                </>
              ) : (
                "never"
              )}
            </td>
            <td className="oq-ScheduleTable-actions">
              <button type="button" className="jp-Button jp-mod-styled" onClick={() => onEdit(schedule.id)}>
                Edit
              </button>
              <button type="button" className="jp-Button jp-mod-styled" onClick={() => onToggle(schedule.id, !schedule.enabled)}>
                {schedule.enabled ? "Pause" : "Resume"}
              </button>
              <button type="button" className="jp-Button jp-mod-styled" disabled={running === schedule.id} onClick={() => onRun(schedule.id)}>
                Run now
              </button>
              <button type="button" className="jp-Button jp-mod-styled" onClick={() => onHistory(schedule.id)}>
                History
              </button>
              <button type="button" className="jp-Button jp-mod-styled jp-mod-warn" onClick={() => onDelete(schedule.id)}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
