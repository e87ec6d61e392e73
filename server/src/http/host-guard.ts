/**
 * DNS-rebinding protection, as Jupyter and MLflow have it: the sidecar answers only requests whose
 * `Host` header names one of its own names. A web page the user visits can point its own domain at
 * 127.0.0.1, but the browser still sends that domain as Host, so the page is refused.
 * X-Forwarded-Host is never consulted: any client can send it.
 */
import type { RequestHandler } from "express";
import type { ErrorBody } from "./errors.js";

/** The names every sidecar answers, whatever the settings. */
export const LOOPBACK_NAMES: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/** `host[:port]` or `[v6]:port` → the host, lowercased, without a trailing dot; undefined when malformed. */
export function hostOfHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]\s/@]+)(?::\d{1,5})?$/.exec(header.trim());
  if (!match) return undefined;
  return match[1].toLowerCase().replace(/\.$/, "");
}

/** A listen address as a Host header would name it (IPv6 in brackets). */
function asHostName(address: string): string {
  const name = address.toLowerCase().replace(/\.$/, "");
  return name.includes(":") && !name.startsWith("[") ? `[${name}]` : name;
}

/** Decides which Host names are allowed: exact names, ".domain" for a domain and its subdomains, "*" for any. */
export function hostMatcher(listenHost: string, allowedHosts: readonly string[]): (host: string) => boolean {
  if (allowedHosts.includes("*")) return () => true;
  const exact = new Set([...LOOPBACK_NAMES, asHostName(listenHost), ...allowedHosts.filter((h) => !h.startsWith(".")).map(asHostName)]);
  const domains = allowedHosts.filter((h) => h.startsWith(".")).map((h) => h.toLowerCase().replace(/\.$/, ""));
  return (host) => exact.has(host) || domains.some((d) => host === d.slice(1) || host.endsWith(d));
}

/** Middleware answering 403 to any request whose Host is not one of the sidecar's names. */
export function hostGuard(listenHost: string, allowedHosts: readonly string[]): RequestHandler {
  const allowed = hostMatcher(listenHost, allowedHosts);
  const names = [...new Set([...LOOPBACK_NAMES, asHostName(listenHost), ...allowedHosts])].join(", ");
  return (req, res, next) => {
    const raw = req.headers.host;
    const host = hostOfHeader(raw);
    if (host && allowed(host)) return next();
    const shown = raw === undefined ? "(none)" : `'${raw.slice(0, 100)}'`;
    const body: ErrorBody = {
      error: {
        code: "FORBIDDEN_HOST",
        message:
          `This sidecar does not answer for Host ${shown}: it answers ${names}. ` +
          "If that name is yours (a proxy, a container's service name), add it to OPENQUANT_ALLOWED_HOSTS or allowedHosts in configs/server.yaml.",
        details: [{ path: "Host", message: "not one of the sidecar's host names" }],
        requestId: String(req.id),
      },
    };
    res.status(403).json(body);
  };
}
