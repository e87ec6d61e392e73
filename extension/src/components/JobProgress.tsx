import type { ReactElement } from "react";
import { isFinished, type JobSummary } from "../schemas/jobs.js";

/** Props of JobProgress. */
export interface JobProgressProps {
  /** The job to show; undefined while its first status is on the way. */
  job: JobSummary | undefined;
  /** What the job does, e.g. "Ingest ACME.SAMPLE"; the job's kind by default. */
  label?: string;
  /** Why the job's status could not be read (shown under the bar). */
  error?: string;
  /** Shown as a Cancel button while the job has not finished. */
  onCancel?: () => void;
}

/** A progress bar with the job's status, progress message and, once failed, its error. */
export function JobProgress({ job, label, error, onCancel }: JobProgressProps): ReactElement {
  const status = job?.status ?? "queued";
  const percent = Math.round(Math.min(1, Math.max(0, job?.progress.fraction ?? 0)) * 100);
  return (
    <div className="oq-JobProgress" data-status={status} data-job-id={job?.id}>
      <div className="oq-JobProgress-head">
        <span className="oq-JobProgress-label">{label ?? job?.kind ?? "Job"}</span>
        <span className={`oq-JobProgress-status oq-mod-${status}`}>{status}</span>
        <span className="oq-JobProgress-percent">{percent}%</span>
        {onCancel && job && !isFinished(job) && (
          <button type="button" className="jp-Button jp-mod-styled oq-JobProgress-cancel" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <progress className="oq-JobProgress-bar" max={100} value={percent} aria-label={`${label ?? "Job"} progress`} />
      {job?.progress.message && <div className="oq-JobProgress-message">{job.progress.message}</div>}
      {job?.error && (
        <div className="oq-JobProgress-error" role="alert">
          {job.error.message}
        </div>
      )}
      {error && <div className="oq-JobProgress-error">{error}</div>}
    </div>
  );
}
