import { type ReactElement, useState } from "react";
import type { IngestForm as IngestFormValues, IngestState } from "../models/DataExplorerModel.js";
import { INGEST_PROVIDERS, type IngestProvider } from "../schemas/data.js";
import { JobProgress } from "./JobProgress.js";

/** Props of IngestForm. */
export interface IngestFormProps {
  state: IngestState;
  onSubmit: (form: IngestFormValues) => void;
}

// The message under a field, when there is one.
function fieldError(name: string, message: string | undefined): ReactElement | null {
  return message ? (
    <span className="oq-FieldError" data-field-error={name}>
      {message}
    </span>
  ) : null;
}

/** Tickers and provider to ingest; checked before sending, errors beside their field, then the job's progress. */
export function IngestForm({ state, onSubmit }: IngestFormProps): ReactElement {
  const [tickers, setTickers] = useState("");
  const [provider, setProvider] = useState<IngestProvider>("sample");
  const { errors, submitting, job, jobError } = state;
  return (
    <form
      className="oq-IngestForm"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ tickers, provider });
      }}
    >
      <h3 className="oq-Panel-subtitle">Ingest</h3>
      <div className="oq-IngestForm-fields">
        <div className={errors.tickers ? "oq-Field oq-mod-invalid" : "oq-Field"}>
          <label htmlFor="oq-ingest-tickers">Tickers</label>
          <input
            id="oq-ingest-tickers"
            type="text"
            className="jp-mod-styled"
            placeholder="ACME.SAMPLE, NOVA.SAMPLE"
            data-field="tickers"
            aria-invalid={errors.tickers !== undefined}
            value={tickers}
            onChange={(e) => setTickers(e.target.value)}
          />
          {fieldError("tickers", errors.tickers)}
        </div>
        <div className={errors.provider ? "oq-Field oq-mod-invalid" : "oq-Field"}>
          <label htmlFor="oq-ingest-provider">Provider</label>
          <select
            id="oq-ingest-provider"
            className="jp-mod-styled"
            data-field="provider"
            value={provider}
            onChange={(e) => setProvider(e.target.value as IngestProvider)}
          >
            {INGEST_PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          {fieldError("provider", errors.provider)}
        </div>
        <button type="submit" className="jp-Button jp-mod-styled jp-mod-accept oq-IngestForm-submit" disabled={submitting}>
          {submitting ? "Starting…" : "Ingest"}
        </button>
      </div>
      {fieldError("form", errors[""] ?? errors.start ?? errors.end)}
      {(job || jobError) && <JobProgress job={job} label={`Ingest ${(job?.params as { tickers?: string[] })?.tickers?.join(", ") ?? ""}`} error={jobError} />}
    </form>
  );
}
