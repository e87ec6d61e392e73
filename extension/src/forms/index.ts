/** Forms generated from JSON schemas: the component and the pure helpers behind it. */
export { labelledField } from "./labelledField.js";
export { SchemaForm, type SchemaFormProps } from "./SchemaForm.js";
export {
  errorsFromDetails,
  type FieldErrors,
  type FieldKind,
  type FieldSpec,
  type FormResult,
  type FormValues,
  fieldsOf,
  initialValues,
  readField,
  readForm,
} from "./jsonSchema.js";
