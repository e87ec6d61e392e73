/**
 * Universes that other work fills in: an import's `--universe` adds each imported ticker over its
 * bar range, and the sample500 market records its listings and sectors when it is ingested.
 */
import { Conflict, isOpenQuantError } from "../../errors.js";
import type { MarketStore } from "../store/types.js";
import type { Membership, UniverseInfo } from "./schema.js";

const day = (iso: string) => iso.slice(0, 10);

/** Refuses (Conflict) a universe that members cannot be added to: one defined by a CSV or a rule. A missing one is fine. */
export async function checkListUniverse(store: MarketStore, name: string): Promise<void> {
  try {
    const universe = await store.getUniverse(name);
    if (universe.kind !== "list") {
      throw new Conflict(`Universe '${name}' is defined by a ${universe.kind}: its members come from that definition. Import into a list universe or a new name.`, [
        { path: "universe", message: `a ${universe.kind} universe` },
      ]);
    }
  } catch (error) {
    if (!(isOpenQuantError(error) && error.code === "NOT_FOUND")) throw error;
  }
}

/**
 * Adds `members` to the list universe `name` (created when missing): each named ticker's spells are
 * replaced by the one given, the other tickers keep theirs. A universe defined by a CSV or a rule
 * is not overwritten: its memberships come from its definition.
 */
export async function addUniverseMembers(store: MarketStore, name: string, members: readonly Membership[], source: string, description?: string): Promise<UniverseInfo> {
  let existing: Membership[] = [];
  let kept = description ?? "";
  await checkListUniverse(store, name);
  try {
    const universe = await store.getUniverse(name);
    existing = universe.memberships;
    kept = description ?? universe.description ?? "";
  } catch (error) {
    if (!(isOpenQuantError(error) && error.code === "NOT_FOUND")) throw error;
  }
  const replaced = new Set(members.map((m) => m.ticker));
  const tickers = [...existing.filter((m) => !replaced.has(m.ticker)), ...members].map((m) => ({ ticker: m.ticker, from: day(m.from), to: m.to === null ? null : day(m.to) }));
  return store.defineUniverse(name, { kind: "list", description: kept || undefined, tickers }, { source });
}
