/**
 * @openquant/kernel-lib — OpenQuant's core, for tslab notebooks, the sidecar and the CLI.
 * This barrel is the package's whole public API.
 */
export * from "./config/index.js";
export {
  Conflict,
  type ErrorCode,
  type FieldIssue,
  InvalidInput,
  invalidFromZod,
  isOpenQuantError,
  NotFound,
  OpenQuantError,
  Unavailable,
} from "./errors.js";
export {
  allocFrame,
  BAR_COLUMNS,
  type Bar,
  type BarFrame,
  barAt,
  frameFromBars,
  frameRows,
  INTERVALS,
  type Interval,
  sliceFrame,
} from "./data/frame.js";
export {
  type IngestProgress,
  type IngestRequest,
  type IngestResult,
  type IngestContext,
  ingest,
  ingestRequestSchema,
  type TickerIngestResult,
} from "./data/ingest.js";
export * from "./data/providers/index.js";
export {
  type ImportedMembership,
  type ImportedRowIssue,
  type ImportedTicker,
  type ImportOptions,
  type ImportRequest,
  type ImportResult,
  importOptionsSchema,
  importRequestSchema,
} from "./data/import/import-types.js";
export { IMPORT_PROVIDER, importedMemberships, importFiles } from "./data/import/import-files.js";
export { DATE_FORMAT_HELP, type DateFormat, parseDateFormatOption } from "./data/import/date-formats.js";
export { SUPPORTED_EXTENSIONS } from "./data/import/sources.js";
export { Database } from "./data/store/database.js";
export { DuckStore, validateInterval, validateRange } from "./data/store/duck-store.js";
export { HttpStore } from "./data/store/http-store.js";
export type { BarQuery, DefineUniverseOptions, MarketStore, TickerInfo, UpsertResult } from "./data/store/types.js";
export { type AsOf, type AsOfInput, asOfInputSchema, parseAsOf, snapshotNameSchema } from "./data/store/as-of.js";
export { type SnapshotInfo, snapshotInfoSchema } from "./data/store/snapshots.js";
export { type RetentionOptions, type RetentionReport, retentionOptionsSchema } from "./data/store/retention.js";
export { type DataPinRecord, dataPinRecordSchema, type PinnedRange } from "./data/store/pins.js";
export { type BarValidation, type RejectedBar, validateBars } from "./data/store/validate-bars.js";
export { fromWire, toWire, type WireFrame, wireFrameSchema } from "./data/store/wire.js";
export {
  csvDefinitionSchema,
  dayStringSchema,
  listDefinitionSchema,
  listMemberSchema,
  type Membership,
  membershipSchema,
  REBALANCE_FREQUENCIES,
  RULE_MEASURES,
  type RuleDefinition,
  ruleDefinitionSchema,
  type TickerAttributes,
  tickerAttributesSchema,
  type Universe,
  type UniverseDefinition,
  type UniverseDefinitionInput,
  type UniverseInfo,
  type UniverseVersionQuery,
  universeDefinitionSchema,
  universeNameSchema,
  universesConfigSchema,
  universeVersionQuerySchema,
} from "./data/universes/schema.js";
export { type DefineOptions, Universes, withCsvText } from "./data/universes/universes.js";
export { parseMembershipCsv } from "./data/universes/csv.js";
export { addUniverseMembers } from "./data/universes/record.js";
export { recordSample500, SAMPLE500_UNIVERSE_NAME } from "./data/universes/sample500.js";
export { evaluateRule, type RuleSelection, rebalanceDates, selectionsToSpells } from "./data/universes/rule.js";
export { normalizeSpells, type Spell, type SpellSource } from "./data/universes/members.js";
export { type Panel, PANEL_BAR_FIELDS, type PanelBarField, type PanelOptions, panelOptionsSchema, panelValue } from "./data/panel/panel.js";
export { buildPanel, type PanelDeps } from "./data/panel/build.js";
export { createFeatureCache, type FeatureCache, MemoryCache, RedisCache } from "./features/cache/index.js";
export { computeOnBars, FeatureEngine, type FeatureRange, featureRangeSchema } from "./features/engine.js";
export {
  type FeatureSetInput,
  featureSetInputSchema,
  type ResolvedFeature,
  type ResolvedFeatureSet,
  resolveFeatureSet,
} from "./features/feature-set.js";
export { deserializeFeatureFrame, type FeatureFrame, featureRows, serializeFeatureFrame } from "./features/frame.js";
export * from "./features/indicators/index.js";
export { type CustomFeature, type FeatureInfo, FeatureRegistry } from "./features/registry.js";
export {
  type CheckResult,
  type ComponentHealth,
  type ComponentStatus,
  type HealthCheck,
  type HealthReport,
  overallStatus,
  runHealthChecks,
} from "./health.js";
export * from "./jobs/job-api.js";
export * from "./jobs/notebook-api.js";
export * from "./models/backtest/index.js";
export { type TickerBacktest, runBacktests } from "./models/backtest-runs.js";
export { compareRuns, type RunComparison } from "./models/compare.js";
export * from "./models/dataset/index.js";
export { equitySvg } from "./models/equity-svg.js";
export * from "./models/impl/index.js";
export * from "./models/metrics/index.js";
export { modelArtifacts, venvPackageVersion } from "./models/mlmodel.js";
export { type LoadedModel, type PredictionResult, Predictor, type PredictRequest, predictRequestSchema } from "./models/predictor.js";
export { registerModel, registerRequestSchema } from "./models/register.js";
export { backtestSpecSchema, type ResolvedTrainSpec, type TrainSpec, crossValidateSpecSchema, trainSpecSchema } from "./models/spec.js";
export * from "./models/splits/index.js";
export { resolveModelParams, type TrainDeps, type TrainOptions, type TrainProgress, type TrainResult, train } from "./models/trainer.js";
export { type ReproduceResult, reproduce, runIdSchema } from "./models/reproduce.js";
export type { MetricComparison, PredictionComparison } from "./models/reproduce-compare.js";
export { type RunDataPin, runDataPinSchema } from "./models/data-pin.js";
export { reproduceJobSchema } from "./models/reproduce-job.js";
export type { Dataset, FitOptions, FitProgress, Model, ModelType, SavedModel, Task } from "./models/types.js";
export type { RunNowOptions, ScheduleApi } from "./jobs/schedule-api.js";
export { SCHEDULE_KINDS, type Schedule, type ScheduleInput, type ScheduleKind, type SchedulePatch, scheduleInputSchema, schedulePatchSchema } from "./jobs/schedule-spec.js";
export type { ScheduleRun } from "./jobs/schedule-store.js";
export { type ScheduleHandler, Scheduler, type SchedulerStatus } from "./jobs/scheduler.js";
export * from "./notebook/index.js";
export { type BarsOptions, type IngestOptions, OpenQuant, type OpenQuantOptions, openQuant } from "./openquant.js";
export { dateInput, isoDay, parseDate } from "./util/dates.js";
export { SidecarClient } from "./util/sidecar-client.js";
export { createLogger, type Logger, type LoggerOptions, logRotation, REDACTED, REDACTED_PATHS, redactFromLogs } from "./util/logger.js";
export { validate } from "./util/validate.js";
export * from "./tracking/index.js";
export { VERSION } from "./version.js";
