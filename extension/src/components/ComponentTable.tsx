import type { ReactElement } from "react";
import type { ComponentHealth } from "../schemas/health.js";
import { StatusBadge } from "./StatusBadge.js";

/** Props of ComponentTable. */
export interface ComponentTableProps {
  components: readonly ComponentHealth[];
}

function formatLatency(latencyMs: number | null): string {
  return latencyMs === null ? "—" : latencyMs < 10 ? latencyMs.toFixed(1) : String(Math.round(latencyMs));
}

function formatDetails(component: ComponentHealth): string {
  if (component.error) return component.error;
  if (!component.details) return "";
  return Object.entries(component.details)
    .map(([key, value]) => `${key}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`)
    .join(", ");
}

/** One row per platform component: name, status, latency, version and what it reported. */
export function ComponentTable({ components }: ComponentTableProps): ReactElement {
  return (
    <table className="oq-Table oq-ComponentTable">
      <thead>
        <tr>
          <th scope="col">Component</th>
          <th scope="col">Status</th>
          <th scope="col" className="oq-mod-numeric">
            Latency (ms)
          </th>
          <th scope="col">Version</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {components.map((component) => (
          <tr key={component.name} data-component={component.name}>
            <td className="oq-ComponentTable-name">{component.name}</td>
            <td>
              <StatusBadge status={component.status} />
            </td>
            <td className="oq-mod-numeric">{formatLatency(component.latencyMs)}</td>
            <td>{component.version ?? "—"}</td>
            <td className="oq-ComponentTable-details">{formatDetails(component)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
