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
export { BAR_COLUMNS, type Bar, type BarFrame, INTERVALS, type Interval, frameRows, sliceFrame } from "./data/frame.js";
export { Database } from "./data/store/database.js";
export { createFeatureCache, type FeatureCache, MemoryCache, RedisCache } from "./features/cache/index.js";
export {
  type CheckResult,
  type ComponentHealth,
  type ComponentStatus,
  type HealthCheck,
  type HealthReport,
  overallStatus,
  runHealthChecks,
} from "./health.js";
export { OpenQuant, type OpenQuantOptions, openQuant } from "./openquant.js";
export { createLogger, type Logger, type LoggerOptions, logRotation } from "./util/logger.js";
export { validate } from "./util/validate.js";
export { VERSION } from "./version.js";
