import type { ReactElement } from "react";

/** Props of MetricsTable. */
export interface MetricsTableProps {
  metrics: Record<string, number>;
  /** Only metrics whose name passes (all by default). */
  filter?: (name: string) => boolean;
}

/** A metric value with four significant digits, whole numbers as they are. */
export function formatMetric(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "—";
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

/** Metric names and values, one row each, in name order. */
export function MetricsTable({ metrics, filter }: MetricsTableProps): ReactElement {
  const names = Object.keys(metrics)
    .filter((n) => !filter || filter(n))
    .sort();
  return (
    <table className="oq-Table oq-MetricsTable">
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="oq-mod-numeric">
            Value
          </th>
        </tr>
      </thead>
      <tbody>
        {names.map((name) => (
          <tr key={name} data-metric={name}>
            <td>{name}</td>
            <td className="oq-mod-numeric" data-value={metrics[name]}>
              {formatMetric(metrics[name])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
