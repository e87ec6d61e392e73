import type { ReactElement } from "react";
import { SchemaForm } from "../forms/SchemaForm.js";
import type { SelectedFeature } from "../models/FeatureExplorerModel.js";
import type { FeatureInfo } from "../schemas/features.js";

/** Props of FeaturePicker. */
export interface FeaturePickerProps {
  features: readonly FeatureInfo[];
  selected: readonly SelectedFeature[];
  onToggle: (name: string, on: boolean) => void;
  onParams: (name: string, values: SelectedFeature["values"]) => void;
}

/** Checkboxes of the registry's features; each chosen one gets a parameter form from its JSON schema. */
export function FeaturePicker({ features, selected, onToggle, onParams }: FeaturePickerProps): ReactElement {
  return (
    <div className="oq-FeaturePicker">
      <div className="oq-FeaturePicker-list">
        {features.map((feature) => {
          const on = selected.some((s) => s.name === feature.name);
          return (
            <label key={feature.name} className="oq-FeaturePicker-option" title={feature.description}>
              <input type="checkbox" checked={on} data-feature={feature.name} onChange={(e) => onToggle(feature.name, e.target.checked)} />
              {feature.name}
            </label>
          );
        })}
      </div>
      <div className="oq-FeaturePicker-forms">
        {selected.map((s) => {
          const info = features.find((f) => f.name === s.name);
          return (
            <fieldset key={s.name} className="oq-FeaturePicker-params" data-feature-params={s.name}>
              <legend title={info?.description}>{s.name}</legend>
              <SchemaForm
                schema={info?.params}
                values={s.values}
                errors={s.errors}
                idPrefix={`oq-feature-${s.name}`}
                onChange={(values) => onParams(s.name, values)}
              />
            </fieldset>
          );
        })}
      </div>
    </div>
  );
}
