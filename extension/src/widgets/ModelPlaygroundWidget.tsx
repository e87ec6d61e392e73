import { ReactWidget } from "@jupyterlab/apputils";
import type { ReactElement } from "react";
import { ModelPlaygroundPanel } from "../components/ModelPlaygroundPanel.js";
import { ModelPlaygroundModel } from "../models/ModelPlaygroundModel.js";
import { ModelPredictionModel } from "../models/ModelPredictionModel.js";
import { RunsModel } from "../models/RunsModel.js";
import type { TrainJobResult } from "../schemas/models.js";

/** Lumino host of the Model Playground: owns its models and re-renders when any of them changes. */
export class ModelPlaygroundWidget extends ReactWidget {
  /** Model types, the training form and the latest training. */
  readonly playground = new ModelPlaygroundModel();
  /** The experiment's runs, the comparison and registration. */
  readonly runs = new RunsModel();
  /** The latest trained run's predictions over its test period. */
  readonly testPredictions = new ModelPredictionModel();
  /** Predictions of a registered model. */
  readonly predictions = new ModelPredictionModel();

  constructor() {
    super();
    this.addClass("oq-ModelPlaygroundWidget");
    for (const model of [this.playground, this.runs, this.testPredictions, this.predictions]) {
      model.changed.connect(() => this.update(), this);
    }
    this.playground.trained.connect(this._onTrained, this);
    void this.refresh();
  }

  /** Reads the model types, runs and registered models again. */
  async refresh(): Promise<void> {
    const catalog = await this.playground.load();
    if (catalog.kind !== "ready") return;
    await Promise.all([this.runs.refresh(), this.predictions.loadRegistered()]);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.playground.dispose();
    this.runs.dispose();
    this.testPredictions.dispose();
    this.predictions.dispose();
    super.dispose();
  }

  protected render(): ReactElement {
    return (
      <ModelPlaygroundPanel
        playground={this.playground}
        runs={this.runs}
        testPredictions={this.testPredictions}
        predictions={this.predictions}
        onRefresh={() => void this.refresh()}
      />
    );
  }

  private _onTrained(_: ModelPlaygroundModel, result: TrainJobResult): void {
    void this.runs.refresh();
    const ticker = result.backtests[0]?.ticker;
    const runId = result.runId;
    if (!ticker || !runId || result.folds.length === 0) return;
    void this.testPredictions.predict({
      model: runId,
      ticker,
      start: result.folds[0].testStart.slice(0, 10),
      end: result.folds[result.folds.length - 1].testEnd.slice(0, 10),
    });
  }
}
