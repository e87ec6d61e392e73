/**
 * The vocabulary of universes, one zod schema for notebooks, REST bodies and configs/universes.yaml.
 * A universe is a named set of memberships (ticker, from, to): a ticker belongs to it only between
 * those dates (both inclusive, whole UTC days; `to` null = still a member), so a delisted ticker keeps
 * its history and nothing survivorship-biased leaks into research. It is defined three ways:
 * - `list`: tickers, each optionally with its own from/to;
 * - `csv`: a membership CSV with the columns ticker,from,to (`to` may be empty);
 * - `rule`: re-chosen from stored bars at each rebalance date (the top N by liquidity, a price floor).
 */
import { z } from "zod";
import { parseDate } from "../../util/dates.js";
import { tickerSchema } from "../providers/ticker.js";

/** A universe's name: a letter, then letters, digits, '_', '-' or '.' (it goes in URLs and file names). */
export const universeNameSchema = z
  .string()
  .regex(/^[A-Za-z][\w.-]{0,63}$/, "a universe name: a letter, then up to 63 letters, digits, '_', '-' or '.'");

/** A calendar date as written in definitions: YYYY-MM-DD (kept as written, so a definition round-trips). */
export const dayStringSchema = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && Number.isFinite(parseDate(s)), { message: "a date as YYYY-MM-DD" });

const description = z.string().max(500).optional();

/** One ticker of a list universe: the ticker alone (a member always), or with its own from/to. */
export const listMemberSchema = z.union([
  tickerSchema,
  z.strictObject({ ticker: tickerSchema, from: dayStringSchema.optional(), to: dayStringSchema.nullable().optional() }),
]);

/** A universe given as a list of tickers. */
export const listDefinitionSchema = z.strictObject({
  kind: z.literal("list"),
  description,
  tickers: z.array(listMemberSchema).min(1, "at least one ticker").max(100_000),
});

/**
 * A universe given as a membership CSV: `csv` holds its text (header ticker,from,to; `to` may be
 * empty). `file` names where it came from, for messages; notebooks and YAML may give only `file`,
 * which the defining process reads (the sidecar never reads a path sent over HTTP).
 */
export const csvDefinitionSchema = z.strictObject({
  kind: z.literal("csv"),
  description,
  csv: z.string().max(20_000_000).optional(),
  file: z.string().min(1).max(1000).optional(),
});

/** What a rule ranks tickers by at each rebalance date, over the `window` bars up to that date. */
export const RULE_MEASURES = ["median_dollar_volume", "mean_dollar_volume"] as const;
/** How often a rule re-chooses its members. */
export const REBALANCE_FREQUENCIES = ["weekly", "monthly", "quarterly"] as const;

/**
 * A universe re-chosen from stored bars at each rebalance date (the first trading date of each
 * week, month or quarter among the candidates' bars): the `top` candidates by `by` over the last
 * `window` bars up to and including that date, among those with a bar on it, at least `window`
 * bars of history and a close ≥ `minPrice`. Only bars up to the rebalance date are read (no look-ahead).
 */
export const ruleDefinitionSchema = z
  .strictObject({
    kind: z.literal("rule"),
    description,
    /** "all" = every stored daily ticker, or a list. */
    candidates: z.union([z.literal("all"), z.array(tickerSchema).min(1).max(100_000)]).default("all"),
    rebalance: z.enum(REBALANCE_FREQUENCIES).default("monthly"),
    top: z.number().int().min(1).max(100_000),
    by: z.enum(RULE_MEASURES).default("median_dollar_volume"),
    window: z.number().int().min(1).max(5000).default(60),
    minPrice: z.number().min(0).optional(),
    start: dayStringSchema.optional(),
    end: dayStringSchema.optional(),
  })
  .refine((r) => r.start === undefined || r.end === undefined || r.start <= r.end, { message: "start must not be after end", path: ["start"] });

/** A universe definition of any kind, as notebooks, REST bodies and configs/universes.yaml write it. */
export const universeDefinitionSchema = z.discriminatedUnion("kind", [listDefinitionSchema, csvDefinitionSchema, ruleDefinitionSchema]);

/** A universe definition as written (input form). */
export type UniverseDefinitionInput = z.input<typeof universeDefinitionSchema>;
/** A validated universe definition (defaults filled in). */
export type UniverseDefinition = z.output<typeof universeDefinitionSchema>;
/** A validated rule definition. */
export type RuleDefinition = z.output<typeof ruleDefinitionSchema>;

/** configs/universes.yaml: universes by name, defined (a new version when changed) when the sidecar starts. */
export const universesConfigSchema = z.strictObject({
  // `universes:` with every entry commented out reads as null
  universes: z
    .record(universeNameSchema, universeDefinitionSchema)
    .nullish()
    .transform((v) => v ?? {}),
});

/** One membership spell: the ticker is a member from `from` to `to`, both inclusive (YYYY-MM-DD); `to` null = open-ended. */
export interface Membership {
  ticker: string;
  from: string;
  to: string | null;
}

/** A stored universe version without its memberships. */
export interface UniverseInfo {
  name: string;
  description: string | null;
  kind: UniverseDefinition["kind"];
  /** 1 for the first definition; each change of definition or memberships adds one. Old versions stay readable. */
  version: number;
  /** The definition as validated (a csv definition keeps its text). */
  definition: UniverseDefinition;
  /** Where it was defined: "api", "yaml", "cli", "notebook"… */
  source: string;
  /** Distinct tickers and membership spells of this version. */
  tickers: number;
  spells: number;
  /** When the universe was first defined and when this version was, ISO. */
  createdAt: string;
  updatedAt: string;
}

/** A universe version with its memberships, ordered by ticker then from. */
export interface Universe extends UniverseInfo {
  memberships: Membership[];
}

/** Which version of a universe to read: a number, or the one current at `asOf` (ISO time or epoch ms); default the latest. */
export interface UniverseVersionQuery {
  version?: number;
  asOf?: string | number | Date;
}

/** Descriptive attributes of a ticker (sector is used for grouping and neutralization). */
export interface TickerAttributes {
  ticker: string;
  sector?: string | null;
  industry?: string | null;
  name?: string | null;
  exchange?: string | null;
  currency?: string | null;
}

const attributeText = z.string().max(200).nullable().optional();

/** The zod shape of one ticker's attributes. */
export const tickerAttributesSchema = z.strictObject({
  ticker: tickerSchema,
  sector: attributeText,
  industry: attributeText,
  name: attributeText,
  exchange: attributeText,
  currency: attributeText,
});

/** The zod shape of a membership spell as stored and answered. */
export const membershipSchema = z.object({ ticker: z.string(), from: z.string(), to: z.string().nullable() });

/** The zod shape of a version query: a version number, or the version current at asOf. */
export const universeVersionQuerySchema = z
  .strictObject({
    version: z.number().int().min(1).optional(),
    asOf: z.union([z.string(), z.number(), z.date()]).optional(),
  })
  .refine((q) => q.asOf === undefined || Number.isFinite(parseDate(q.asOf)), { message: "asOf: a date, an ISO time or epoch ms", path: ["asOf"] })
  .refine((q) => q.version === undefined || q.asOf === undefined, { message: "give version or asOf, not both", path: ["version"] });
