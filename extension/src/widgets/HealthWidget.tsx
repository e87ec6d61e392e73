import { ReactWidget, UseSignal } from "@jupyterlab/apputils";
import type { Message } from "@lumino/messaging";
import type { ReactElement } from "react";
import { HealthPanel } from "../components/HealthPanel.js";
import { HealthModel, type HealthState } from "../models/HealthModel.js";
import type { OpenQuantSettings } from "../settings.js";
import type { IOpenQuant } from "../tokens.js";

/** Lumino host of the HealthPanel: owns a HealthModel that polls while the panel is attached. */
export class HealthWidget extends ReactWidget {
  /** The model the panel renders. */
  readonly model: HealthModel;
  private readonly _openQuant: IOpenQuant;

  constructor(openQuant: IOpenQuant) {
    super();
    this._openQuant = openQuant;
    this.model = new HealthModel({ intervalMs: openQuant.settings.refreshIntervalSeconds * 1000 });
    this.addClass("oq-HealthWidget");
    openQuant.settingsChanged.connect(this._onSettingsChanged, this);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this._openQuant.settingsChanged.disconnect(this._onSettingsChanged, this);
    this.model.dispose();
    super.dispose();
  }

  protected override onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.model.start();
  }

  protected override onBeforeDetach(msg: Message): void {
    this.model.stop();
    super.onBeforeDetach(msg);
  }

  protected render(): ReactElement {
    const refresh = () => void this.model.refresh();
    return (
      <UseSignal signal={this.model.changed} initialArgs={this.model.state}>
        {(_, state) => <HealthPanel state={state as HealthState} onRefresh={refresh} />}
      </UseSignal>
    );
  }

  private _onSettingsChanged(_: IOpenQuant, settings: OpenQuantSettings): void {
    this.model.intervalMs = settings.refreshIntervalSeconds * 1000;
    void this.model.refresh();
  }
}
