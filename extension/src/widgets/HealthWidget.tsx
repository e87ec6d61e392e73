import { ReactWidget, UseSignal } from "@jupyterlab/apputils";
import type { Message } from "@lumino/messaging";
import type { ReactElement } from "react";
import { HealthPanel } from "../components/HealthPanel.js";
import { HealthJobsModel, type HealthJobsState } from "../models/HealthJobsModel.js";
import { HealthModel, type HealthState } from "../models/HealthModel.js";
import type { OpenQuantSettings } from "../settings.js";
import type { IOpenQuant } from "../tokens.js";

/** Lumino host of the HealthPanel: owns the health and jobs models, which poll while the panel is attached. */
export class HealthWidget extends ReactWidget {
  /** The platform's health. */
  readonly model: HealthModel;
  /** Running and recent jobs. */
  readonly jobs: HealthJobsModel;
  private readonly _openQuant: IOpenQuant;

  constructor(openQuant: IOpenQuant) {
    super();
    this._openQuant = openQuant;
    const intervalMs = openQuant.settings.refreshIntervalSeconds * 1000;
    this.model = new HealthModel({ intervalMs });
    this.jobs = new HealthJobsModel({ intervalMs });
    this.addClass("oq-HealthWidget");
    openQuant.settingsChanged.connect(this._onSettingsChanged, this);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this._openQuant.settingsChanged.disconnect(this._onSettingsChanged, this);
    this.model.dispose();
    this.jobs.dispose();
    super.dispose();
  }

  protected override onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.model.start();
    this.jobs.start();
  }

  protected override onBeforeDetach(msg: Message): void {
    this.model.stop();
    this.jobs.stop();
    super.onBeforeDetach(msg);
  }

  protected render(): ReactElement {
    const refresh = () => {
      void this.model.refresh();
      void this.jobs.refresh();
    };
    return (
      <UseSignal signal={this.model.changed} initialArgs={this.model.state}>
        {(_, state) => (
          <UseSignal signal={this.jobs.changed} initialArgs={this.jobs.state}>
            {(__, jobs) => <HealthPanel state={state as HealthState} jobs={jobs as HealthJobsState} onRefresh={refresh} />}
          </UseSignal>
        )}
      </UseSignal>
    );
  }

  private _onSettingsChanged(_: IOpenQuant, settings: OpenQuantSettings): void {
    this.model.intervalMs = settings.refreshIntervalSeconds * 1000;
    this.jobs.intervalMs = settings.refreshIntervalSeconds * 1000;
    void this.model.refresh();
    void this.jobs.refresh();
  }
}
