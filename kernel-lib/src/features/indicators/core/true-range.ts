/** Wilder's true range of one bar: the largest of high−low, |high−prevClose| and |low−prevClose|. */
export function trueRange(high: number, low: number, prevClose: number): number {
  let range = high - low;
  const up = Math.abs(prevClose - high);
  if (up > range) range = up;
  const down = Math.abs(prevClose - low);
  if (down > range) range = down;
  return range;
}
