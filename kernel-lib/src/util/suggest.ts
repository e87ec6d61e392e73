/** Close matches for "did you mean …?" messages (unknown tickers, features, model types). */

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** Up to `limit` names within edit distance ~1/3 of `name`'s length, or sharing its prefix, closest first. */
export function closeMatches(name: string, names: readonly string[], limit = 3): string[] {
  const target = name.toLowerCase();
  const budget = Math.max(2, Math.ceil(target.length / 3));
  return names
    .map((n) => ({ n, d: distance(target, n.toLowerCase()) }))
    .filter(({ n, d }) => d <= budget || n.toLowerCase().startsWith(target) || target.startsWith(n.toLowerCase()))
    .sort((x, y) => x.d - y.d)
    .slice(0, limit)
    .map(({ n }) => n);
}
