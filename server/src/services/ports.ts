import { createServer } from "node:net";

/** Resolves true when nothing listens on host:port. */
export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS reports free on loopback right now. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Thrown when a port the platform needs is taken; says which and how to change it. */
export class PortInUseError extends Error {}

/** Throws PortInUseError with an actionable message when `port` is taken. */
export async function requireFreePort(service: string, port: number, setting: string, host = "127.0.0.1"): Promise<void> {
  if (!(await portIsFree(port, host))) {
    throw new PortInUseError(
      `Port ${port} on ${host} is already in use, so ${service} cannot start there. ` +
        `Stop whatever is using it (e.g. an earlier 'npm run up': check with 'ss -ltnp | grep :${port}') ` +
        `or choose another port with ${setting}.`,
    );
  }
}
