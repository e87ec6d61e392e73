/** The System Health panel's plugin: component statuses, latency, versions, and the jobs. */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { healthIcon } from "../icons.js";
import { CommandIDs, IOpenQuant } from "../tokens.js";
import { HealthWidget } from "../widgets/HealthWidget.js";

/** Registers the System Health panel. */
export const healthPlugin: JupyterFrontEndPlugin<void> = {
  id: "openquant-jupyterlab:health",
  description: "The System Health panel: status, latency and version of each OpenQuant component, and running and recent jobs.",
  autoStart: true,
  requires: [IOpenQuant],
  activate: (_app: JupyterFrontEnd, openQuant: IOpenQuant): void => {
    openQuant.addPanel({
      command: CommandIDs.openHealth,
      label: "System Health",
      caption: "Status, latency and version of each OpenQuant component, and the jobs",
      icon: healthIcon,
      rank: 0,
      create: (service) => new HealthWidget(service),
    });
  },
};
