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
export { createLogger, type Logger, type LoggerOptions, logRotation } from "./util/logger.js";
export { validate } from "./util/validate.js";
export { VERSION } from "./version.js";
