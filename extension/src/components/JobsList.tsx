import type { ReactElement } from "react";
import type { HealthJobsState } from "../models/HealthJobsModel.js";
import { isFinished, type JobSummary } from "../schemas/jobs.js";
import { JobProgress } from "./JobProgress.js";

/** Props of JobsList. */
export interface JobsListProps {
  state: HealthJobsState;
}

// "ingest ACME.SAMPLE, NOVA.SAMPLE" rather than a bare kind, when the params say what it works on.
function describeJob(job: JobSummary): string {
  const params = (typeof job.params === "object" && job.params !== null ? job.params : {}) as Record<string, unknown>;
  const subject = Array.isArray(params.tickers) ? params.tickers.join(", ") : typeof params.notebook === "string" ? params.notebook : "";
  return subject ? `${job.kind} ${subject}` : job.kind;
}

function duration(job: JobSummary): string {
  if (!job.startedAt || !job.finishedAt) return "—";
  const ms = Date.parse(job.finishedAt) - Date.parse(job.startedAt);
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Running jobs with live progress bars, then a table of recent ones. */
export function JobsList({ state }: JobsListProps): ReactElement {
  if (state.kind === "loading") return <p className="oq-Placeholder">Loading jobs…</p>;
  if (state.kind === "error") return <p className="oq-JobsList-error">Jobs unavailable: {state.error.message}</p>;
  const active = state.jobs.filter((job) => !isFinished(job));
  const recent = state.jobs.filter(isFinished);
  return (
    <div className="oq-JobsList">
      {active.length === 0 ? (
        <p className="oq-Placeholder">No job running.</p>
      ) : (
        <div className="oq-JobsList-active">
          {active.map((job) => (
            <JobProgress key={job.id} job={job} label={describeJob(job)} />
          ))}
        </div>
      )}
      {recent.length > 0 && (
        <table className="oq-Table oq-JobsList-recent">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Status</th>
              <th scope="col">Trigger</th>
              <th scope="col">Finished</th>
              <th scope="col" className="oq-mod-numeric">
                Took
              </th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((job) => (
              <tr key={job.id} data-job-id={job.id} data-status={job.status} data-kind={job.kind}>
                <td>{describeJob(job)}</td>
                <td>
                  <span className={`oq-JobProgress-status oq-mod-${job.status}`}>{job.status}</span>
                </td>
                <td>{job.trigger}</td>
                <td>{job.finishedAt ? new Date(job.finishedAt).toLocaleString() : "—"}</td>
                <td className="oq-mod-numeric">{duration(job)}</td>
                <td className="oq-JobsList-message">{job.error?.message ?? job.progress.message ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
