/**
 * Early stopping on a validation metric that is better when lower (rmse, l2, logloss), with the
 * rule XGBoost's and LightGBM's Python packages share: a round is best when its score is strictly
 * lower than the best so far; stop once `rounds` rounds in a row brought no new best.
 */
export class EarlyStopping {
  private bestScore = Number.POSITIVE_INFINITY;
  private bestIndex = -1;

  constructor(private readonly rounds: number) {}

  /** Records the score of 0-based round `round`; true when training should stop now. */
  update(round: number, score: number): boolean {
    if (this.bestIndex < 0 || score < this.bestScore) {
      this.bestScore = score;
      this.bestIndex = round;
      return false;
    }
    return round - this.bestIndex >= this.rounds;
  }

  /** 0-based index of the best round so far (-1 before any). */
  get bestRound(): number {
    return this.bestIndex;
  }

  /** The best score so far. */
  get best(): number {
    return this.bestScore;
  }
}
