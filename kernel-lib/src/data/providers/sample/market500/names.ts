/**
 * Ticker names of the sample500 market: pronounceable made-up roots (consonant–vowel patterns such
 * as `METU` or `SOF`) with the `.SAMPLE` suffix, drawn from a fixed random stream, so every seed has
 * the same 500 names and `ingest METU.SAMPLE` means the same ticker whatever the seed.
 */
import { TICKER_PATTERN } from "../../ticker.js";
import { seededRandom } from "../random.js";
import { SAMPLE_UNIVERSE } from "../universe.js";

const CONSONANTS = "BCDFGHJKLMNPRSTVWXZ";
const VOWELS = "AEIOU";

/** `count` distinct ticker names, none of them one of the ten original sample tickers. */
export function sample500Names(count: number): string[] {
  const rng = seededRandom("sample500:names");
  const pick = (letters: string) => letters[Math.floor(rng.uniform() * letters.length)];
  const taken = new Set(SAMPLE_UNIVERSE.map((s) => s.ticker));
  const names: string[] = [];
  while (names.length < count) {
    // Mostly four letters (CVCV, CVCC), some three (CVC), so the names look like tickers.
    const shape = rng.uniform();
    const root =
      shape < 0.25
        ? pick(CONSONANTS) + pick(VOWELS) + pick(CONSONANTS)
        : shape < 0.75
          ? pick(CONSONANTS) + pick(VOWELS) + pick(CONSONANTS) + pick(VOWELS)
          : pick(CONSONANTS) + pick(VOWELS) + pick(CONSONANTS) + pick(CONSONANTS);
    const ticker = `${root}.SAMPLE`;
    if (taken.has(ticker) || !TICKER_PATTERN.test(ticker)) continue;
    taken.add(ticker);
    names.push(ticker);
  }
  return names;
}
