import { describe, expect, it } from "vitest";
import { EarlyStopping } from "./early-stopping.js";

/** Feeds scores until the rule says stop; returns [round it stopped at, best round]. */
function run(rounds: number, scores: number[]): [number, number] {
  const stopping = new EarlyStopping(rounds);
  for (let i = 0; i < scores.length; i++) if (stopping.update(i, scores[i])) return [i, stopping.bestRound];
  return [-1, stopping.bestRound];
}

describe("EarlyStopping", () => {
  it("stops after `rounds` rounds in a row without a strictly lower score", () => {
    // Best at round 2 (0.5); rounds 3, 4, 5 bring nothing better: stop at round 5 with rounds = 3.
    expect(run(3, [1, 0.8, 0.5, 0.6, 0.5, 0.7, 0.1])).toEqual([5, 2]);
  });

  it("does not count an equal score as an improvement", () => {
    expect(run(2, [1, 1, 1])).toEqual([2, 0]);
  });

  it("resets the count on every new best", () => {
    expect(run(2, [3, 2, 2.5, 1, 1.5, 0.5, 0.6, 0.7])).toEqual([7, 5]);
  });

  it("never stops while the score keeps improving", () => {
    expect(run(1, [5, 4, 3, 2, 1])).toEqual([-1, 4]);
  });

  it("takes the first score as the best even when it is NaN, which nothing then beats", () => {
    expect(run(2, [Number.NaN, 1, 0])).toEqual([2, 0]);
  });
});
