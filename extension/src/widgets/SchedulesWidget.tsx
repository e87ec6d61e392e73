import { Dialog, ReactWidget, showDialog } from "@jupyterlab/apputils";
import type { ReactElement } from "react";
import { SchedulesPanel } from "../components/SchedulesPanel.js";
import { ScheduleListModel } from "../models/ScheduleListModel.js";
import type { NotebookRun } from "../schemas/notebooks.js";

/** Options of a SchedulesWidget. */
export interface SchedulesWidgetOptions {
  /** Shows an executed notebook's output in the main area. */
  openOutput: (run: NotebookRun) => void;
}

/** Lumino host of the Schedules panel: owns its model, asks before deleting, re-renders on change. */
export class SchedulesWidget extends ReactWidget {
  /** The panel's state and actions. */
  readonly model = new ScheduleListModel();
  private readonly _openOutput: (run: NotebookRun) => void;

  constructor(options: SchedulesWidgetOptions) {
    super();
    this._openOutput = options.openOutput;
    this.addClass("oq-SchedulesWidget");
    this.model.changed.connect(() => this.update(), this);
    void this.model.refresh();
  }

  /** Asks the user to confirm, then deletes the schedule. */
  async confirmDelete(id: string): Promise<void> {
    const answer = await showDialog({
      title: "Delete schedule",
      body: `Delete the schedule '${id}'? Its run history goes with it.`,
      buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: "Delete" })],
    });
    if (answer.button.accept) await this.model.remove(id);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.model.dispose();
    super.dispose();
  }

  protected render(): ReactElement {
    return (
      <SchedulesPanel
        model={this.model}
        onRefresh={() => void this.model.refresh()}
        onDelete={(id) => void this.confirmDelete(id)}
        onOpenOutput={this._openOutput}
      />
    );
  }
}
