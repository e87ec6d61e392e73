export { envOverrides } from "./env.js";
export { type LoadOptions, loadSettings } from "./load.js";
export { findProjectRoot } from "./root.js";
export * from "./schema.js";
