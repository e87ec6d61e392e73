import type { ReactElement } from "react";
import type { ComponentStatus } from "../schemas/health.js";

/** Props of StatusBadge. */
export interface StatusBadgeProps {
  status: ComponentStatus;
}

/** A coloured pill saying up, degraded or down. */
export function StatusBadge({ status }: StatusBadgeProps): ReactElement {
  return (
    <span className={`oq-StatusBadge oq-mod-${status}`} data-status={status}>
      {status}
    </span>
  );
}
