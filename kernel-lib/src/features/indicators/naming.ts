/** Builds an output column name: the stem, then each parameter value, joined by `_` (e.g. `rsi_14`). */
export function columnName(stem: string, ...paramValues: number[]): string {
  return paramValues.length === 0 ? stem : `${stem}_${paramValues.map(String).join("_")}`;
}
