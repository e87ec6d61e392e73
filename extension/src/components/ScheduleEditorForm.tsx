import type { ReactElement, ReactNode } from "react";
import { labelledField } from "../forms/index.js";
import type { NotebooksState, ScheduleEditor } from "../models/ScheduleListModel.js";
import type { ScheduleField, ScheduleFieldErrors, ScheduleFormValues } from "../models/ScheduleForm.js";
import { SCHEDULE_KINDS, type ScheduleKind } from "../schemas/schedules.js";

/** Props of ScheduleEditorForm. */
export interface ScheduleEditorFormProps {
  editor: ScheduleEditor;
  notebooks: NotebooksState;
  modelTypes: readonly string[];
  onChange: (patch: Partial<ScheduleFormValues>) => void;
  onSave: () => void;
  onCancel: () => void;
}

// A labelled input with its error beneath, its id prefixed for this form.
function field(name: ScheduleField, label: string, errors: ScheduleFieldErrors, input: ReactNode, hint?: string): ReactElement {
  return labelledField(`oq-schedule-${name}`, name, label, errors[name], input, hint);
}

const PROVIDERS = ["sample", "yahoo"];

/** The schedule form: kind, cron and time zone, and the chosen kind's params; the API's errors sit by their fields. */
export function ScheduleEditorForm({ editor, notebooks, modelTypes, onChange, onSave, onCancel }: ScheduleEditorFormProps): ReactElement {
  const { values, errors, saving } = editor;
  const editing = editor.id !== undefined;
  const text = (name: keyof ScheduleFormValues & ScheduleField, extra: Record<string, unknown> = {}) => (
    <input
      id={`oq-schedule-${name}`}
      className="jp-mod-styled"
      type="text"
      value={String(values[name])}
      aria-invalid={errors[name] !== undefined}
      onChange={(e) => onChange({ [name]: e.target.value })}
      {...extra}
    />
  );
  const notebook = notebooks.kind === "available" ? notebooks.notebooks.find((n) => n.path === values.notebook) : undefined;
  return (
    <form
      className="oq-ScheduleEditor"
      data-mode={editing ? "edit" : "create"}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <h3 className="oq-Section-title">{editing ? `Edit schedule ${editor.id}` : "New schedule"}</h3>
      <fieldset disabled={saving} className="oq-ScheduleEditor-fields">
        {!editing && field("id", "Id", errors, text("id", { placeholder: "optional, e.g. nightly-ingest" }))}
        {field(
          "kind",
          "Kind",
          errors,
          <select id="oq-schedule-kind" className="jp-mod-styled" value={values.kind} onChange={(e) => onChange({ kind: e.target.value as ScheduleKind })}>
            {SCHEDULE_KINDS.map((k) => (
              <option key={k} value={k} disabled={k === "notebook" && notebooks.kind === "unavailable"}>
                {k}
              </option>
            ))}
          </select>,
        )}
        {field("cron", "Cron", errors, text("cron"), "minute hour day month weekday, e.g. 0 22 * * 1-5")}
        {field("timezone", "Time zone", errors, text("timezone"), "IANA name, e.g. UTC or America/New_York")}
        <div className="oq-Field">
          <label htmlFor="oq-schedule-enabled">Enabled</label>
          <input id="oq-schedule-enabled" type="checkbox" checked={values.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
        </div>
        {(values.kind === "ingest" || values.kind === "train") && field("tickers", "Tickers", errors, text("tickers", { placeholder: "ACME.SAMPLE, NOVA.SAMPLE" }))}
        {values.kind === "ingest" &&
          field(
            "provider",
            "Provider",
            errors,
            <select id="oq-schedule-provider" className="jp-mod-styled" value={values.provider} onChange={(e) => onChange({ provider: e.target.value })}>
              {PROVIDERS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>,
          )}
        {values.kind === "train" && (
          <>
            {field("modelType", "Model type", errors, text("modelType", { list: "oq-schedule-model-types" }))}
            <datalist id="oq-schedule-model-types">
              {modelTypes.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
            {field("featureSet", "Feature set", errors, text("featureSet"))}
            {field("horizon", "Horizon (bars)", errors, text("horizon", { inputMode: "numeric" }))}
            {field("registerName", "Register as", errors, text("registerName", { placeholder: "optional model name" }))}
            {field("registerAlias", "Alias", errors, text("registerAlias", { placeholder: "optional, e.g. nightly" }))}
          </>
        )}
        {values.kind === "notebook" && notebooks.kind === "unavailable" && <p className="oq-Note">{notebooks.message}</p>}
        {values.kind === "notebook" && notebooks.kind === "available" && (
          <>
            {field(
              "notebook",
              "Notebook",
              errors,
              <select
                id="oq-schedule-notebook"
                className="jp-mod-styled"
                value={values.notebook}
                onChange={(e) => {
                  const chosen = notebooks.notebooks.find((n) => n.path === e.target.value);
                  const parameters: Record<string, string | boolean> = {};
                  for (const p of chosen?.parameters ?? []) parameters[p.name] = typeof p.default === "boolean" ? p.default : p.default == null ? "" : String(p.default);
                  onChange({ notebook: e.target.value, parameters });
                }}
              >
                <option value="">—</option>
                {notebooks.notebooks.map((n) => (
                  <option key={n.path} value={n.path}>
                    {n.path}
                  </option>
                ))}
              </select>,
            )}
            {notebook?.parameters.map((p) =>
              field(
                `parameters.${p.name}`,
                `${p.name} (${p.type})`,
                errors,
                p.type === "boolean" ? (
                  <input
                    id={`oq-schedule-parameters.${p.name}`}
                    type="checkbox"
                    checked={values.parameters[p.name] === true}
                    onChange={(e) => onChange({ parameters: { ...values.parameters, [p.name]: e.target.checked } })}
                  />
                ) : (
                  <input
                    id={`oq-schedule-parameters.${p.name}`}
                    className="jp-mod-styled"
                    type={p.type === "number" ? "number" : "text"}
                    value={String(values.parameters[p.name] ?? "")}
                    onChange={(e) => onChange({ parameters: { ...values.parameters, [p.name]: e.target.value } })}
                  />
                ),
              ),
            )}
            {field("timeoutSeconds", "Timeout (s)", errors, text("timeoutSeconds", { placeholder: "optional" }))}
          </>
        )}
      </fieldset>
      <div className="oq-ScheduleEditor-actions">
        <button type="submit" className="jp-Button jp-mod-styled jp-mod-accept" disabled={saving}>
          {editing ? "Save" : "Create"}
        </button>
        <button type="button" className="jp-Button jp-mod-styled" onClick={onCancel}>
          Cancel
        </button>
        {editor.message && (
          <span className="oq-FieldError oq-ScheduleEditor-message" role="alert">
            {editor.message}
          </span>
        )}
      </div>
    </form>
  );
}
