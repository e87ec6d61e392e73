/** The Model Playground panel's plugin: train, compare runs, register and predict. */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { modelIcon } from "../icons.js";
import { CommandIDs, IOpenQuant } from "../tokens.js";
import { ModelPlaygroundWidget } from "../widgets/ModelPlaygroundWidget.js";

/** Registers the Model Playground panel. */
export const modelPlaygroundPlugin: JupyterFrontEndPlugin<void> = {
  id: "openquant-jupyterlab:model-playground",
  description: "The Model Playground: train a model with live progress, see metrics and equity, compare runs, register and predict.",
  autoStart: true,
  requires: [IOpenQuant],
  activate: (_app: JupyterFrontEnd, openQuant: IOpenQuant): void => {
    openQuant.addPanel({
      command: CommandIDs.openModelPlayground,
      label: "Model Playground",
      caption: "Train models, compare runs, register and predict",
      icon: modelIcon,
      rank: 3,
      create: () => new ModelPlaygroundWidget(),
    });
  },
};
