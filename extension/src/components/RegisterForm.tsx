import { type ReactElement, useState } from "react";
import type { RegisterState } from "../models/RunsModel.js";
import type { Run } from "../schemas/models.js";

/** Props of RegisterForm. */
export interface RegisterFormProps {
  runs: readonly Run[];
  /** The run preselected (the latest one ticked). */
  defaultRunId?: string;
  state: RegisterState;
  onRegister: (request: { runId: string; name: string; alias?: string }) => void;
}

const ALIAS = /^[A-Za-z][\w-]{0,63}$/;

/** Registers a run's model under a name, with an optional alias on the new version. */
export function RegisterForm({ runs, defaultRunId, state, onRegister }: RegisterFormProps): ReactElement {
  const [runId, setRunId] = useState(defaultRunId ?? runs[0]?.runId ?? "");
  const [name, setName] = useState("");
  const [alias, setAlias] = useState("champion");
  const [local, setLocal] = useState<Record<string, string>>({});
  const chosen = runs.some((r) => r.runId === runId) ? runId : (defaultRunId ?? runs[0]?.runId ?? "");
  const apiErrors = state.kind === "error" ? state.fieldErrors : {};
  const errors = { ...apiErrors, ...local };
  const submit = () => {
    const found: Record<string, string> = {};
    if (!chosen) found.runId = "choose a run";
    if (!name.trim()) found.name = "a model name, e.g. acme-linear";
    if (alias.trim() && !ALIAS.test(alias.trim())) found.alias = "letters, digits, '_' or '-', starting with a letter";
    setLocal(found);
    if (Object.keys(found).length === 0) onRegister({ runId: chosen, name, alias });
  };
  const error = (key: string) =>
    errors[key] && (
      <span className="oq-FieldError" data-field-error={key}>
        {errors[key]}
      </span>
    );
  return (
    <form
      className="oq-RegisterForm oq-InlineForm"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="oq-Field">
        <label htmlFor="oq-register-run">Run</label>
        <select id="oq-register-run" className="jp-mod-styled" value={chosen} onChange={(e) => setRunId(e.target.value)}>
          {runs.map((r) => (
            <option key={r.runId} value={r.runId}>
              {r.runName} ({r.runId.slice(0, 8)})
            </option>
          ))}
        </select>
        {error("runId")}
      </div>
      <div className="oq-Field">
        <label htmlFor="oq-register-name">Model name</label>
        <input id="oq-register-name" className="jp-mod-styled" value={name} onChange={(e) => setName(e.target.value)} />
        {error("name")}
      </div>
      <div className="oq-Field">
        <label htmlFor="oq-register-alias">Alias</label>
        <input id="oq-register-alias" className="jp-mod-styled" value={alias} onChange={(e) => setAlias(e.target.value)} />
        {error("alias")}
      </div>
      <button type="submit" className="jp-Button jp-mod-styled jp-mod-accept" disabled={state.kind === "pending"}>
        Register
      </button>
      {state.kind === "done" && (
        <span className="oq-Note oq-RegisterForm-done" role="status">
          Registered {state.version.name} version {state.version.version}
          {state.version.alias ? ` as @${state.version.alias}` : ""}.
        </span>
      )}
      {state.kind === "error" && Object.keys(apiErrors).length === 0 && <span className="oq-FieldError">{state.error.message}</span>}
    </form>
  );
}
