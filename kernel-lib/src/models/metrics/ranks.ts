/** Ranks with ties averaged (scipy.stats.rankdata's "average" method): the basis of rank IC and ROC AUC. */

/** 1-based ranks of `values`; tied values share the mean of the ranks they span. */
export function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1; // mean of positions i..j, 1-based
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}
