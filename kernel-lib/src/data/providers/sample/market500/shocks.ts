/**
 * Fast random draws for the sample500 generator (2.4 million bars): normals by Marsaglia's polar
 * method, using both values of each pair, and Student-t by Bailey's polar method (two uniforms and
 * one power per draw, instead of dof + 1 normals). Built on a seeded uniform stream (random.ts).
 */
import type { Random } from "../random.js";

/** Standard normal and unit-variance Student-t draws from a uniform stream. */
export interface Shocks {
  normal(): number;
  /** Student-t with `dof` (> 2) degrees of freedom, rescaled to unit variance. */
  studentT(dof: number): number;
  uniform(): number;
}

/** Shocks drawn from `random`'s uniform stream. */
export function shocksFrom(random: Random): Shocks {
  const uniform = random.uniform;
  let spare = 0;
  let hasSpare = false;
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * m;
    hasSpare = true;
    return u * m;
  };
  const studentT = (dof: number): number => {
    let u: number;
    let w: number;
    do {
      u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      w = u * u + v * v;
    } while (w >= 1 || w === 0);
    const t = u * Math.sqrt((dof * (w ** (-2 / dof) - 1)) / w);
    return t * Math.sqrt((dof - 2) / dof);
  };
  return { normal, studentT, uniform };
}
