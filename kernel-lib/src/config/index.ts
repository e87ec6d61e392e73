export { envOverrides } from "./env.js";
export { type LoadOptions, loadSettings } from "./load.js";
export { findProjectRoot } from "./root.js";
export * from "./schema.js";
export { ensureTokenFile, readTokenFile, TOKEN_FILE_NAME, tokenPath } from "./token.js";
