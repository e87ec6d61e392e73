import { ReactWidget, UseSignal } from "@jupyterlab/apputils";
import type { Message } from "@lumino/messaging";
import type { ReactElement } from "react";
import { DataExplorerPanel } from "../components/DataExplorerPanel.js";
import { DataExplorerModel, type DataExplorerState } from "../models/DataExplorerModel.js";

/** Lumino host of the DataExplorerPanel; loads the ticker list when first shown. */
export class DataExplorerWidget extends ReactWidget {
  /** The model the panel renders. */
  readonly model = new DataExplorerModel();

  constructor() {
    super();
    this.addClass("oq-DataExplorerWidget");
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.model.dispose();
    super.dispose();
  }

  protected override onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    if (this.model.state.tickers.kind === "idle") void this.model.refreshTickers();
  }

  protected render(): ReactElement {
    return (
      <UseSignal signal={this.model.changed} initialArgs={this.model.state}>
        {(_, state) => <DataExplorerPanel state={state as DataExplorerState} model={this.model} />}
      </UseSignal>
    );
  }
}
