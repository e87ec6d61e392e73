/**
 * A small seeded random source for the sample generator: sfc32 (a fast 128-bit-state generator
 * that passes PractRand) seeded by a cyrb128 hash of a string, plus the normal and Student-t
 * draws the market model needs. Same seed string → same sequence, on every platform.
 */

/** A seeded stream of random numbers. */
export interface Random {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Student-t with `dof` degrees of freedom (integer ≥ 3), rescaled to unit variance. */
  studentT(dof: number): number;
}

/** cyrb128: four 32-bit hashes of a string, the seed state of sfc32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A random stream seeded by `seed` (any string, e.g. `"42:ACME.SAMPLE"`). */
export function seededRandom(seed: string): Random {
  let [a, b, c, d] = cyrb128(seed);
  const uniform = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up: the first outputs of sfc32 still echo the seed.
  for (let i = 0; i < 15; i++) uniform();
  const normal = (): number => {
    // Box–Muller; 1 - u keeps the logarithm's argument in (0, 1].
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const studentT = (dof: number): number => {
    let chi2 = 0;
    for (let i = 0; i < dof; i++) {
      const z = normal();
      chi2 += z * z;
    }
    return (normal() / Math.sqrt(chi2 / dof)) * Math.sqrt((dof - 2) / dof);
  };
  return { uniform, normal, studentT };
}
