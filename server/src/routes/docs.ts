/**
 * The API's own description: GET /openapi.json (built from the routes the app has) and Swagger UI
 * at /docs, served from swagger-ui-dist in node_modules — no CDN, so it works offline and under
 * helmet's default Content-Security-Policy (no inline script: the initializer is its own file).
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import express, { type Express, Router } from "express";
import { z } from "zod";
import { openApiDocument } from "../http/openapi.js";
import { defineRoute } from "../http/openapi-route.js";

const swaggerDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

/** The Swagger UI files the page loads; nothing else from the package is served. */
const ASSETS = new Set(["/swagger-ui.css", "/index.css", "/swagger-ui-bundle.js", "/swagger-ui-standalone-preset.js", "/favicon-32x32.png", "/favicon-16x16.png"]);

// Relative URLs keep working behind a path prefix (JupyterLab proxies the sidecar at /openquant/).
const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>OpenQuant API</title>
    <link rel="stylesheet" type="text/css" href="docs/swagger-ui.css">
    <link rel="stylesheet" type="text/css" href="docs/index.css">
    <link rel="icon" type="image/png" href="docs/favicon-32x32.png" sizes="32x32">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="docs/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="docs/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="docs/init.js" charset="UTF-8"></script>
  </body>
</html>
`;

const INIT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
  });
};
`;

/** Options of the docs routes. */
export interface DocsOptions {
  /** True when a bearer token is required (documented as the security scheme). */
  secured: boolean;
}

export function docsRoutes(options: DocsOptions): Router {
  const router = Router();
  const tags = ["docs"];
  const documents = new WeakMap<Express, unknown>();

  defineRoute(
    router,
    {
      method: "get",
      path: "/openapi.json",
      summary: "This API's OpenAPI 3.1 document",
      tags,
      responses: { 200: { description: "OpenAPI 3.1, generated from the routes' zod schemas", schema: z.looseObject({ openapi: z.string() }) } },
    },
    (_input, req, res) => {
      // routes are fixed once the app is built: build the document once per app
      const app = req.app as Express;
      if (!documents.has(app)) documents.set(app, openApiDocument(app, { secured: options.secured }));
      res.json(documents.get(app));
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/docs",
      summary: "Swagger UI for this API",
      tags,
      responses: { 200: { description: "An HTML page", schema: z.string(), contentType: "text/html" } },
    },
    (_input, req, res) => {
      // the page's relative asset URLs need /docs without a trailing slash
      if (req.path.endsWith("/")) {
        res.redirect(301, "../docs");
        return;
      }
      res.type("html").send(PAGE);
    },
  );

  defineRoute(
    router,
    {
      method: "get",
      path: "/docs/init.js",
      summary: "Swagger UI's start-up script (a file, so the CSP needs no inline script)",
      tags,
      responses: { 200: { description: "JavaScript", schema: z.string(), contentType: "text/javascript" } },
    },
    (_input, _req, res) => {
      res.type("text/javascript").send(INIT);
    },
  );

  const assets = express.static(swaggerDir, { index: false, fallthrough: true, maxAge: "1d" });
  router.use("/docs", (req, res, next) => (ASSETS.has(req.path) ? assets(req, res, next) : next()));
  return router;
}
