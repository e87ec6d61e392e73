/**
 * The planted signals of the sample500 market (the derivation is at the bottom of this header).
 *
 * On each day u every listed ticker's log return gets a drift
 *     d_u = reversal.driftPerScore · S_rev(u−1) + momentum.driftPerScore · S_mom(u−1)
 * where S(t) is the cross-sectional rank score (rank-score.ts: uniform, mean 0, variance 1) of the
 * signal known at the close of day t, computed from the generated prices up to t only:
 * - reversal: the past 5-day return log(P_t / P_{t−5}), driftPerScore < 0;
 * - momentum: the 12-1 month return log(P_{t−21} / P_{t−252}), driftPerScore > 0.
 * A ticker takes part in a signal's ranking from the day its history is long enough (6 bars for
 * reversal, 253 for momentum). Nothing else in the bars carries a designed signal: there is no
 * per-ticker alpha, volume and volatility carry no drift.
 *
 * Derivation (per day t, across tickers): the forward h-day return R_fwd = Σ_{u=t+1..t+h} d_u + noise.
 * The drift of day t+j uses the score of day t+j−1, whose window overlaps the signal's window at t
 * by (L−j+1)/L of its L daily returns (L = 5 for reversal, 231 for momentum); overlapping sums of
 * independent returns correlate by that fraction, so, with c = driftPerScore and σ_S = 1,
 *     cov(S(t), R_fwd) ≈ c · Σρ,   Σρ = Σ_{j=1..h} max(0, L−j+1)/L
 *     Pearson IC ≈ c · Σρ / σ_h    σ_h: cross-sectional s.d. of h-day returns (idiosyncratic GARCH
 *                                  noise and jumps, sector factors, beta spread times the market)
 *     Rank IC ≈ κ · c · Σρ / σ_h   κ: Spearman / Pearson for these returns
 * Reversal, h = 5: Σρ = (5+4+3+2+1)/5 = 3. Momentum, h = 21: Σρ = 21 − 210/231 = 20.09.
 * Measured on the generated market (seeds 1, 2, 3, 42; mean over days of the cross-sectional s.d.):
 * σ_5 ≈ 0.054, σ_21 ≈ 0.113, so the Pearson ICs are −0.0008·3/0.054 = −0.044 and
 * 0.00015·20.09/0.113 = +0.027. Ranks damp the fat-tailed, unequally volatile noise (a noisy name's
 * extreme return counts as one rank), which makes κ ≈ 1.12 for both signals, hence the coefficients
 * c = IC · σ_h / (κ · Σρ): −0.05·0.054/(1.12·3) ≈ −0.0008 and 0.03·0.113/(1.12·20.09) ≈ 0.00015.
 * Check by simulation (measure-ic.ts, Newey–West s.e.): reversal −0.0486, −0.0491, −0.0496, −0.0507
 * on seeds 42, 1, 2, 3 (mean −0.0495, s.e. of one seed ≈ 0.0019); momentum +0.0229, +0.0275,
 * +0.0360, +0.0344 (mean +0.0302, s.e. of one seed ≈ 0.0038). market500.test.ts checks seed 42.
 * Side effects at other horizons, by the same formula: reversal vs the next 21 days ≈ −0.022
 * (its drift lasts 5 days, the noise grows), momentum vs the next 5 days ≈ +0.015.
 */

/** A signal planted in the sample500 market with a designed strength. */
export interface PlantedSignal {
  /** What the signal is, as a formula on adjusted closes P. */
  definition: string;
  /** Trading days back to the window's start and end: log(P_{t−to} / P_{t−from}). */
  window: { from: number; to: number };
  /** Forward horizon of the designed IC: the return log(P_{t+h} / P_t), in trading days. */
  horizon: number;
  /** Designed mean daily cross-sectional Spearman Rank IC between the signal at t and the forward return. */
  rankIC: number;
  /** Daily log-return drift per unit of rank score that plants it. */
  driftPerScore: number;
}

/** The two planted signals, their designed Rank ICs and horizons. */
export const SAMPLE500_SIGNALS: { readonly reversal: PlantedSignal; readonly momentum: PlantedSignal } = {
  reversal: {
    definition: "5-day return log(P_t / P_{t-5}); predicts log(P_{t+5} / P_t) negatively",
    window: { from: 5, to: 0 },
    horizon: 5,
    rankIC: -0.05,
    driftPerScore: -0.0008,
  },
  momentum: {
    definition: "12-1 month return log(P_{t-21} / P_{t-252}); predicts log(P_{t+21} / P_t) positively",
    window: { from: 252, to: 21 },
    horizon: 21,
    rankIC: 0.03,
    driftPerScore: 0.00015,
  },
};
