import { type ReactElement, useMemo } from "react";
import { type FieldErrors, type FieldSpec, type FormValues, fieldsOf } from "./jsonSchema.js";

/** Props of SchemaForm. */
export interface SchemaFormProps {
  /** A JSON schema of an object (number/integer/boolean/string/enum properties). */
  schema: unknown;
  /** What the user typed so far; start from `initialValues(fieldsOf(schema))`. */
  values: FormValues;
  /** Called with all values whenever one field changes. */
  onChange: (values: FormValues) => void;
  /** Field name → message, from `readForm` or `errorsFromDetails`; shown under the field. */
  errors?: FieldErrors;
  /** Makes element ids unique when several forms share a page. */
  idPrefix?: string;
  disabled?: boolean;
}

function bounds(field: FieldSpec): string {
  const low = field.minimum ?? field.exclusiveMinimum;
  const high = field.maximum ?? field.exclusiveMaximum;
  if (low === undefined && high === undefined) return "";
  return ` (${low ?? "−∞"} … ${high ?? "∞"})`;
}

function renderInput(field: FieldSpec, id: string, props: SchemaFormProps): ReactElement {
  const { values, onChange, disabled, errors } = props;
  const set = (value: string | boolean) => onChange({ ...values, [field.name]: value });
  const invalid = errors?.[field.name] !== undefined;
  const common = { id, name: field.name, disabled, "aria-invalid": invalid, "data-field": field.name };
  switch (field.kind) {
    case "boolean":
      return <input {...common} type="checkbox" checked={values[field.name] === true} onChange={(e) => set(e.target.checked)} />;
    case "enum":
      return (
        <select {...common} className="jp-mod-styled" value={String(values[field.name] ?? "")} onChange={(e) => set(e.target.value)}>
          {!field.required && <option value="">—</option>}
          {field.options?.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      );
    case "string":
      return <input {...common} type="text" className="jp-mod-styled" value={String(values[field.name] ?? "")} onChange={(e) => set(e.target.value)} />;
    default:
      return (
        <input
          {...common}
          type="number"
          className="jp-mod-styled"
          inputMode={field.kind === "integer" ? "numeric" : "decimal"}
          step={field.kind === "integer" ? 1 : "any"}
          min={field.minimum ?? field.exclusiveMinimum}
          max={field.maximum ?? field.exclusiveMaximum}
          value={String(values[field.name] ?? "")}
          onChange={(e) => set(e.target.value)}
        />
      );
  }
}

/**
 * A form generated from a JSON schema: one labelled input per property (numbers and integers with
 * their bounds, enums as selects, booleans as checkboxes), defaults prefilled by the caller, and
 * each field's error message beneath it.
 */
export function SchemaForm(props: SchemaFormProps): ReactElement {
  const { schema, errors, idPrefix = "oq-form" } = props;
  const fields = useMemo(() => fieldsOf(schema), [schema]);
  if (fields.length === 0) return <p className="oq-SchemaForm oq-SchemaForm-empty">No parameters.</p>;
  return (
    <div className="oq-SchemaForm">
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const error = errors?.[field.name];
        return (
          <div key={field.name} className={error ? "oq-SchemaForm-field oq-mod-invalid" : "oq-SchemaForm-field"}>
            <label htmlFor={id} title={field.description}>
              {field.label}
              {field.kind !== "boolean" && <span className="oq-SchemaForm-bounds">{bounds(field)}</span>}
            </label>
            {renderInput(field, id, props)}
            {error && (
              <span className="oq-FieldError" data-field-error={field.name}>
                {error}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
