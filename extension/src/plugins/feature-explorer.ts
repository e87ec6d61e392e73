/** The Feature Explorer panel's plugin: compute features with generated parameter forms, chart and correlate them. */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { featureIcon } from "../icons.js";
import { CommandIDs, IOpenQuant } from "../tokens.js";
import { FeatureExplorerWidget } from "../widgets/FeatureExplorerWidget.js";

/** Registers the Feature Explorer panel. */
export const featureExplorerPlugin: JupyterFrontEndPlugin<void> = {
  id: "openquant-jupyterlab:feature-explorer",
  description: "The Feature Explorer panel: compute indicators for a ticker and range, plot them over the price or beneath it, and correlate them.",
  autoStart: true,
  requires: [IOpenQuant],
  activate: (_app: JupyterFrontEnd, openQuant: IOpenQuant): void => {
    openQuant.addPanel({
      command: CommandIDs.openFeatureExplorer,
      label: "Feature Explorer",
      caption: "Compute indicators for a ticker, chart them and see how they correlate",
      icon: featureIcon,
      rank: 2,
      create: () => new FeatureExplorerWidget(),
    });
  },
};
