/** @openquant/server: the sidecar app and the service launchers. */
export { type AppDeps, createApp } from "./app.js";
export * from "./services/index.js";
