/**
 * The OpenAPI 3.1 document of the running app, built from the routes it actually has: the
 * builder walks the Express router stack and describes every route defined with defineRoute,
 * converting its zod schemas to JSON Schema 2020-12 (the dialect OpenAPI 3.1 uses).
 */
import { VERSION } from "@openquant/kernel-lib";
import type { Express } from "express";
import { z } from "zod";
import type { AnyRouteSpec, ResponseSpec } from "./openapi-route.js";
import { specOf } from "./openapi-route.js";
import { componentSchemas } from "./openapi-schemas.js";

type JsonSchema = Record<string, unknown>;

/** A route the app answers, with its spec when it was defined with defineRoute. */
export interface AppRoute {
  method: string;
  /** Express path, e.g. /jobs/:id */
  path: string;
  spec?: AnyRouteSpec;
}

interface StackLayer {
  route?: { path: string; stack: Array<{ method?: string; handle: unknown }> };
  handle?: { stack?: StackLayer[] };
}

/** Every method + path the app routes (middleware excluded), in registration order. */
export function appRoutes(app: Express): AppRoute[] {
  const out: AppRoute[] = [];
  const walk = (stack: StackLayer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const { path, stack: handlers } = layer.route;
        for (const method of new Set(handlers.map((h) => h.method).filter((m): m is string => Boolean(m)))) {
          const spec = handlers.map((h) => specOf(h.handle)).find((s) => s?.method === method);
          out.push({ method, path, spec });
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app.router as unknown as { stack: StackLayer[] }).stack);
  return out;
}

/** /jobs/:id → /jobs/{id} */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, "{$1}");
}

function stripOpenObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripOpenObjects);
  if (!schema || typeof schema !== "object") return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "additionalProperties" && value === false) continue;
    out[key] = stripOpenObjects(value);
  }
  return out;
}

/**
 * zod → JSON Schema 2020-12. Requests are described as input (defaults optional, strict objects
 * closed); responses as output, left open to new fields so clients tolerate additions.
 */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: (ctx) => {
      // Dates cross HTTP as ISO strings.
      if ((ctx.zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def.type === "date") {
        ctx.jsonSchema.type = "string";
        ctx.jsonSchema.format = "date-time";
      }
    },
  }) as JsonSchema;
  delete converted.$schema;
  return io === "output" ? (stripOpenObjects(converted) as JsonSchema) : converted;
}

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input: the message names each offending field",
  401: "Missing or wrong bearer token",
  403: "The Host header names a host this sidecar does not answer (DNS-rebinding protection)",
  404: "Not found",
  409: "Conflicts with the current state",
  413: "The request body is too large",
  429: "Too many requests: slow down and retry after the Retry-After header",
  500: "Internal error (no details; see the sidecar log for the request id)",
  503: "A dependency is unavailable",
};

const errorRef = { $ref: "#/components/schemas/ErrorBody" };

function schemaRef(schema: z.ZodType | string): JsonSchema {
  return typeof schema === "string" ? { $ref: `#/components/schemas/${schema}` } : toJsonSchema(schema, "output");
}

function response(spec: ResponseSpec): JsonSchema {
  if (!spec.schema && !spec.alternatives) return { description: spec.description };
  const content: JsonSchema = {};
  if (spec.schema) content[spec.contentType ?? "application/json"] = { schema: schemaRef(spec.schema) };
  for (const type of spec.alternatives ?? []) content[type] = { schema: { type: "string" } };
  return { description: spec.description, content };
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = toJsonSchema(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function operationId(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

function operation(spec: AnyRouteSpec, secured: boolean): JsonSchema {
  const responses: JsonSchema = {};
  for (const [status, r] of Object.entries(spec.responses)) responses[status] = response(r);
  const errors = new Set<number>(spec.errors ?? []);
  if (spec.params || spec.query || spec.body) errors.add(400);
  if (spec.body) errors.add(413);
  if (secured && !spec.public) errors.add(401);
  // a Host that is not the sidecar's own (DNS rebinding) is refused before anything else
  errors.add(403);
  // mutating requests are rate-limited; with a token, so are repeated failed attempts
  if (spec.method !== "get" || (secured && !spec.public)) errors.add(429);
  errors.add(500);
  for (const status of [...errors].sort()) {
    responses[status] = { description: ERROR_TEXT[status] ?? "Error", content: { "application/json": { schema: errorRef } } };
  }
  const op: JsonSchema = {
    operationId: operationId(spec.method, spec.path),
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    parameters: [...parameters(spec.params, "path"), ...parameters(spec.query, "query")],
    responses,
  };
  if (spec.body) op.requestBody = { required: true, content: { "application/json": { schema: toJsonSchema(spec.body, "input") } } };
  if (secured && spec.public) op.security = [];
  return op;
}

/** Options of the document. */
export interface OpenApiOptions {
  /** True when the sidecar requires a bearer token (OPENQUANT_TOKEN). */
  secured: boolean;
}

/** The OpenAPI 3.1 document of `app`: every route defined with defineRoute. */
export function openApiDocument(app: Express, options: OpenApiOptions): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const { spec } of appRoutes(app)) {
    if (!spec) continue;
    const path = openApiPath(spec.path);
    paths[path] ??= {};
    paths[path][spec.method] = operation(spec, options.secured);
  }
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(componentSchemas)) schemas[name] = toJsonSchema(schema, "output");
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "OpenQuant sidecar",
      version: VERSION,
      description:
        "REST API of the OpenQuant sidecar: market data, jobs, schedules and health. Errors are " +
        "`{ error: { code, message, details } }`. Long work answers 202 with a job to follow at /jobs/{id}.",
    },
    // relative to where this document is served, so "Try it out" also works behind JupyterLab's /openquant/ proxy
    servers: [{ url: ".", description: "this sidecar" }],
    paths,
    components: {
      schemas,
      ...(options.secured ? { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } } : {}),
    },
    ...(options.secured ? { security: [{ bearerAuth: [] }] } : {}),
  };
}
