export { type JupyterOptions, startJupyter } from "./jupyter.js";
export { type MlflowOptions, startMlflow } from "./mlflow.js";
export { freePort, PortInUseError, portIsFree, requireFreePort } from "./ports.js";
export { httpOk, ServiceStartError, type ServiceHandle, spawnService } from "./process.js";
export { type RedisOptions, redisPing, startRedis } from "./redis.js";
export { type SidecarHandle, type SidecarOptions, startSidecar } from "./sidecar.js";
