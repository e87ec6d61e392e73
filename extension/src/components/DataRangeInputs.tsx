import { type ReactElement, useEffect, useState } from "react";
import type { FieldErrors } from "../forms/jsonSchema.js";

/** Props of DataRangeInputs. */
export interface DataRangeInputsProps {
  /** YYYY-MM-DD or "". */
  start: string;
  end: string;
  /** Called when the user applies a range (Enter, leaving a field, or Apply). */
  onApply: (start: string, end: string) => void;
  /** Messages for "start" and "end". */
  errors?: FieldErrors;
  /** Makes element ids unique when several forms share a page. */
  idPrefix?: string;
}

/** Start and end date inputs, applied together; each shows its own error. */
export function DataRangeInputs({ start, end, onApply, errors = {}, idPrefix = "oq-range" }: DataRangeInputsProps): ReactElement {
  const [draft, setDraft] = useState({ start, end });
  // A new ticker brings its own default range.
  useEffect(() => setDraft({ start, end }), [start, end]);
  const apply = () => onApply(draft.start, draft.end);
  const field = (name: "start" | "end", label: string) => (
    <div className={errors[name] ? "oq-Field oq-mod-invalid" : "oq-Field"}>
      <label htmlFor={`${idPrefix}-${name}`}>{label}</label>
      <input
        id={`${idPrefix}-${name}`}
        type="date"
        className="jp-mod-styled"
        data-field={name}
        aria-invalid={errors[name] !== undefined}
        value={draft[name]}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        onKeyDown={(e) => e.key === "Enter" && apply()}
      />
      {errors[name] && (
        <span className="oq-FieldError" data-field-error={name}>
          {errors[name]}
        </span>
      )}
    </div>
  );
  return (
    <div className="oq-DataRangeInputs">
      {field("start", "From")}
      {field("end", "To")}
      <button type="button" className="jp-Button jp-mod-styled oq-DataRangeInputs-apply" onClick={apply}>
        Apply
      </button>
    </div>
  );
}
