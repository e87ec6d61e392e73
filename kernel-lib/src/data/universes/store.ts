/**
 * Universes in DuckDB. Every definition that changes anything is a new version with its own copy
 * of the memberships, and old versions stay, so a run can pin the membership it used; deleting a
 * universe hides its name but keeps its versions for pins (defining it again continues the count).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { NotFound } from "../../errors.js";
import { isoOrNull, parseDate } from "../../util/dates.js";
import { closeMatches } from "../../util/suggest.js";
import { DAY_MS, type Spell, toMembership } from "./members.js";
import type { Membership, Universe, UniverseDefinition, UniverseInfo, UniverseVersionQuery } from "./schema.js";

const INFO_COLUMNS = `v.name, v.version, v.description, v.kind, v.definition::VARCHAR AS definition, v.source,
  epoch_ms(u.created_at) AS created, epoch_ms(v.created_at) AS updated,
  (SELECT count(DISTINCT ticker) FROM universe_memberships m WHERE m.universe = v.name AND m.version = v.version) AS tickers,
  (SELECT count(*) FROM universe_memberships m WHERE m.universe = v.name AND m.version = v.version) AS spells`;

function toInfo(r: Record<string, unknown>): UniverseInfo {
  return {
    name: String(r.name),
    description: r.description === null ? null : String(r.description),
    kind: String(r.kind) as UniverseInfo["kind"],
    version: Number(r.version),
    definition: JSON.parse(String(r.definition)) as UniverseDefinition,
    source: String(r.source),
    tickers: Number(r.tickers),
    spells: Number(r.spells),
    createdAt: isoOrNull(r.created) as string,
    updatedAt: isoOrNull(r.updated) as string,
  };
}

/** The current version of every universe not deleted, by name. */
export async function selectUniverses(conn: DuckDBConnection): Promise<UniverseInfo[]> {
  const rows = await conn.runAndReadAll(
    `SELECT ${INFO_COLUMNS} FROM universes u JOIN universe_versions v ON v.name = u.name AND v.version = u.version
     WHERE u.deleted_at IS NULL ORDER BY u.name`,
  );
  return rows.getRowObjects().map(toInfo);
}

/** NotFound for an unknown universe, listing the known ones (or how to define one). */
export async function unknownUniverse(conn: DuckDBConnection, name: string): Promise<NotFound> {
  const known = (await conn.runAndReadAll("SELECT name FROM universes WHERE deleted_at IS NULL ORDER BY name")).getRowObjects().map((r) => String(r.name));
  const close = closeMatches(name, known);
  const hint = known.length
    ? `${close.length ? ` Did you mean ${close.join(", ")}?` : ""} Known universes: ${known.slice(0, 30).join(", ")}${known.length > 30 ? ", …" : ""}.`
    : " No universe is defined yet: define one with oq.universes.define, PUT /universes/{name}, `openquant universe define` or configs/universes.yaml.";
  return new NotFound(`No universe '${name}'.${hint}`, [{ path: "name", message: "unknown universe" }]);
}

/** The version a query means: the given one, the one current at asOf, or the current one. */
export async function resolveVersion(conn: DuckDBConnection, name: string, query: UniverseVersionQuery = {}): Promise<number> {
  if (query.version !== undefined) {
    const row = (await conn.runAndReadAll("SELECT max(version) AS n FROM universe_versions WHERE name = $1", [name])).getRowObjects()[0];
    if (row.n === null) throw await unknownUniverse(conn, name);
    if (query.version < 1 || query.version > Number(row.n)) {
      throw new NotFound(`Universe '${name}' has no version ${query.version}: its versions are 1 to ${Number(row.n)}.`, [{ path: "version", message: "no such version" }]);
    }
    return query.version;
  }
  if (query.asOf !== undefined) {
    const asOfMs = parseDate(query.asOf);
    const row = (
      await conn.runAndReadAll("SELECT max(version) AS n FROM universe_versions WHERE name = $1 AND created_at <= make_timestamp($2::BIGINT * 1000)", [
        name,
        Math.floor(asOfMs),
      ])
    ).getRowObjects()[0];
    if (row.n === null) {
      const first = (await conn.runAndReadAll("SELECT epoch_ms(min(created_at)) AS f FROM universe_versions WHERE name = $1", [name])).getRowObjects()[0];
      if (first.f === null) throw await unknownUniverse(conn, name);
      throw new NotFound(`Universe '${name}' had no version yet on ${new Date(asOfMs).toISOString()}: its first version was defined ${isoOrNull(first.f)}.`, [
        { path: "asOf", message: "before the universe existed" },
      ]);
    }
    return Number(row.n);
  }
  const row = (await conn.runAndReadAll("SELECT version FROM universes WHERE name = $1 AND deleted_at IS NULL", [name])).getRowObjects()[0];
  if (!row) throw await unknownUniverse(conn, name);
  return Number(row.version);
}

/** One version's memberships, by ticker then from, in epoch ms. */
export async function selectSpells(conn: DuckDBConnection, name: string, version: number): Promise<Spell[]> {
  const rows = await conn.runAndReadAll(
    `SELECT ticker, epoch_ms(from_ts)::DOUBLE AS f, epoch_ms(to_ts)::DOUBLE AS t FROM universe_memberships
     WHERE universe = $1 AND version = $2 ORDER BY ticker, from_ts`,
    [name, version],
  );
  return rows.getRowObjects().map((r) => ({ ticker: String(r.ticker), from: Number(r.f), to: r.t === null ? null : Number(r.t) }));
}

/** A universe version with its memberships. */
export async function selectUniverse(conn: DuckDBConnection, name: string, query: UniverseVersionQuery = {}): Promise<Universe> {
  const version = await resolveVersion(conn, name, query);
  const rows = await conn.runAndReadAll(
    `SELECT ${INFO_COLUMNS} FROM universe_versions v JOIN universes u ON u.name = v.name WHERE v.name = $1 AND v.version = $2`,
    [name, version],
  );
  const info = toInfo(rows.getRowObjects()[0]);
  return { ...info, memberships: (await selectSpells(conn, name, version)).map(toMembership) };
}

/** The tickers that are members of `name` on the day of `dateMs`, sorted. */
export async function selectMembers(conn: DuckDBConnection, name: string, dateMs: number, query: UniverseVersionQuery = {}): Promise<string[]> {
  const version = await resolveVersion(conn, name, query);
  const day = Math.floor(dateMs / DAY_MS) * DAY_MS;
  const rows = await conn.runAndReadAll(
    `SELECT DISTINCT ticker FROM universe_memberships WHERE universe = $1 AND version = $2
       AND from_ts <= make_timestamp($3::BIGINT * 1000) AND (to_ts IS NULL OR to_ts >= make_timestamp($3::BIGINT * 1000)) ORDER BY ticker`,
    [name, version, day],
  );
  return rows.getRowObjects().map((r) => String(r.ticker));
}

function sameSpells(a: Spell[], b: Spell[]): boolean {
  return a.length === b.length && a.every((s, i) => s.ticker === b[i].ticker && s.from === b[i].from && s.to === b[i].to);
}

/**
 * Writes a new version of `name` when its definition or memberships differ from the current one
 * (or it was deleted); otherwise changes nothing. Run inside a transaction. Returns the version.
 */
export async function insertUniverseVersion(
  conn: DuckDBConnection,
  name: string,
  definition: UniverseDefinition,
  spells: Spell[],
  source: string,
  nowMs: number,
): Promise<number> {
  const head = (await conn.runAndReadAll("SELECT version, deleted_at IS NOT NULL AS deleted FROM universes WHERE name = $1", [name])).getRowObjects()[0];
  const json = JSON.stringify(definition);
  if (head && !head.deleted) {
    const current = (
      await conn.runAndReadAll("SELECT definition::VARCHAR AS d FROM universe_versions WHERE name = $1 AND version = $2", [name, Number(head.version)])
    ).getRowObjects()[0];
    const unchanged = JSON.stringify(JSON.parse(String(current.d))) === json && sameSpells(await selectSpells(conn, name, Number(head.version)), spells);
    if (unchanged) return Number(head.version);
  }
  const last = (await conn.runAndReadAll("SELECT coalesce(max(version), 0) AS n FROM universe_versions WHERE name = $1", [name])).getRowObjects()[0];
  const version = Number(last.n) + 1;
  const now = nowMs * 1000;
  await conn.run("INSERT INTO universe_versions VALUES ($1, $2, $3, $4, $5::JSON, $6, make_timestamp($7::BIGINT))", [
    name,
    version,
    definition.description ?? null,
    definition.kind,
    json,
    source,
    now,
  ]);
  await conn.run(
    `INSERT INTO universes VALUES ($1, $2, make_timestamp($3::BIGINT), make_timestamp($3::BIGINT), NULL)
     ON CONFLICT DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at, deleted_at = NULL,
       created_at = CASE WHEN universes.deleted_at IS NULL THEN universes.created_at ELSE excluded.created_at END`,
    [name, version, now],
  );
  await appendSpells(conn, name, version, spells);
  return version;
}

async function appendSpells(conn: DuckDBConnection, name: string, version: number, spells: Spell[]): Promise<void> {
  await conn.run("CREATE TEMP TABLE IF NOT EXISTS staging_spells (ticker VARCHAR, from_ms DOUBLE, to_ms DOUBLE)");
  await conn.run("DELETE FROM staging_spells");
  const appender = await conn.createAppender("staging_spells", "main", "temp");
  try {
    for (const s of spells) {
      appender.appendVarchar(s.ticker);
      appender.appendDouble(s.from);
      if (s.to === null) appender.appendNull();
      else appender.appendDouble(s.to);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  await conn.run(
    `INSERT INTO universe_memberships SELECT $1, $2, ticker, make_timestamp((from_ms * 1000)::BIGINT),
       CASE WHEN to_ms IS NULL THEN NULL ELSE make_timestamp((to_ms * 1000)::BIGINT) END FROM staging_spells`,
    [name, version],
  );
  await conn.run("DELETE FROM staging_spells");
}

/** Hides a universe's name (its versions stay for runs that pinned them). Unknown → NotFound. */
export async function markUniverseDeleted(conn: DuckDBConnection, name: string, nowMs: number): Promise<void> {
  const row = (await conn.runAndReadAll("SELECT 1 FROM universes WHERE name = $1 AND deleted_at IS NULL", [name])).getRowObjects()[0];
  if (!row) throw await unknownUniverse(conn, name);
  await conn.run("UPDATE universes SET deleted_at = make_timestamp($2::BIGINT * 1000) WHERE name = $1", [name, nowMs]);
}

/** Membership spells as answered (YYYY-MM-DD). */
export function memberships(spells: Spell[]): Membership[] {
  return spells.map(toMembership);
}
