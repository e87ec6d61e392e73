import { ReactWidget, UseSignal } from "@jupyterlab/apputils";
import type { Message } from "@lumino/messaging";
import type { ReactElement } from "react";
import { FeatureExplorerPanel } from "../components/FeatureExplorerPanel.js";
import { FeatureExplorerModel, type FeatureExplorerState } from "../models/FeatureExplorerModel.js";

/** Lumino host of the FeatureExplorerPanel; loads the registry and tickers when first shown. */
export class FeatureExplorerWidget extends ReactWidget {
  /** The model the panel renders. */
  readonly model = new FeatureExplorerModel();

  constructor() {
    super();
    this.addClass("oq-FeatureExplorerWidget");
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.model.dispose();
    super.dispose();
  }

  protected override onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    if (this.model.state.features.kind === "idle") void this.model.load();
  }

  protected render(): ReactElement {
    return (
      <UseSignal signal={this.model.changed} initialArgs={this.model.state}>
        {(_, state) => <FeatureExplorerPanel state={state as FeatureExplorerState} model={this.model} />}
      </UseSignal>
    );
  }
}
