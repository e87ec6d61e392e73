import type { ReactElement } from "react";
import type { HealthJobsState } from "../models/HealthJobsModel.js";
import type { HealthState } from "../models/HealthModel.js";
import { ComponentTable } from "./ComponentTable.js";
import { ErrorBanner } from "./ErrorBanner.js";
import { JobsList } from "./JobsList.js";
import { StatusBadge } from "./StatusBadge.js";

/** Props of HealthPanel. */
export interface HealthPanelProps {
  state: HealthState;
  /** Running and recent jobs; left out, the panel shows no jobs section. */
  jobs?: HealthJobsState;
  onRefresh: () => void;
}

function formatUptime(seconds: number): string {
  const s = Math.floor(seconds);
  const [d, h, m] = [Math.floor(s / 86_400), Math.floor((s % 86_400) / 3_600), Math.floor((s % 3_600) / 60)];
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return m > 0 ? `${m}m ${s % 60}s` : `${s}s`;
}

// What sits under the header for each state; a plain function, not a component of its own.
function renderBody({ state, jobs, onRefresh }: HealthPanelProps): ReactElement {
  switch (state.kind) {
    case "loading":
      return <p className="oq-Placeholder">Checking the OpenQuant sidecar…</p>;
    case "error":
      return (
        <ErrorBanner
          title={state.error.unreachable ? "OpenQuant sidecar unreachable" : "Health check failed"}
          message={state.error.message}
          onRetry={onRefresh}
        />
      );
    case "ready": {
      const { health } = state;
      return (
        <>
          <dl className="oq-Summary">
            <div>
              <dt>Platform</dt>
              <dd>
                <StatusBadge status={health.status} />
              </dd>
            </div>
            <div>
              <dt>Sidecar version</dt>
              <dd>{health.version}</dd>
            </div>
            <div>
              <dt>Uptime</dt>
              <dd>{formatUptime(health.uptimeSeconds)}</dd>
            </div>
          </dl>
          <ComponentTable components={health.components} />
          {jobs && (
            <section className="oq-HealthPanel-jobs">
              <h3 className="oq-Panel-subtitle">Jobs</h3>
              <JobsList state={jobs} />
            </section>
          )}
        </>
      );
    }
  }
}

/** The System Health panel: the platform's status, one row per component and the jobs, or why they are unknown. */
export function HealthPanel({ state, jobs, onRefresh }: HealthPanelProps): ReactElement {
  return (
    <div className="oq-Panel oq-HealthPanel">
      <header className="oq-Panel-header">
        <h2 className="oq-Panel-title">System health</h2>
        {state.kind !== "loading" && (
          <span className="oq-Panel-checked">checked {state.checkedAt.toLocaleTimeString()}</span>
        )}
        <button type="button" className="jp-Button jp-mod-styled oq-Panel-refresh" onClick={onRefresh}>
          Refresh
        </button>
      </header>
      {renderBody({ state, jobs, onRefresh })}
    </div>
  );
}
