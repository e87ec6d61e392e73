import type { ReactElement, ReactNode } from "react";

/**
 * A labelled input with its hint or error beneath, for hand-written forms (SchemaForm draws its own).
 * `id` is the input's element id; the wrapper carries `data-field` and the error `data-field-error`
 * so tests and the API-error mapping find a field by name.
 */
export function labelledField(id: string, name: string, label: string, error: string | undefined, input: ReactNode, hint?: string): ReactElement {
  return (
    <div className={error ? "oq-Field oq-mod-invalid" : "oq-Field"} data-field={name}>
      <label htmlFor={id}>{label}</label>
      {input}
      {hint && !error && <span className="oq-FieldHint">{hint}</span>}
      {error && (
        <span className="oq-FieldError" data-field-error={name}>
          {error}
        </span>
      )}
    </div>
  );
}
