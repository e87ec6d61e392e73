/** POST /panels: one universe's aligned dates × tickers panel, as JSON columns or an Arrow IPC stream. */
import { type OpenQuant, panelOptionsSchema, universeNameSchema } from "@openquant/kernel-lib";
import { Router } from "express";
import { z } from "zod";
import { defineRoute } from "../http/openapi-route.js";
import { PANEL_CONTENT_TYPES, PANEL_FORMATS, panelToArrow, panelToJson } from "./panel-formats.js";

const panelBody = z.strictObject({ universe: universeNameSchema, ...panelOptionsSchema.shape });

/** The panel route. */
export function panelRoutes(oq: OpenQuant): Router {
  const router = Router();
  defineRoute(
    router,
    {
      method: "post",
      path: "/panels",
      summary: "One universe's data on an aligned dates × tickers grid, with the membership mask",
      description:
        "Body: { universe, fields?, featureSet?, start?, end?, asOf?, version?, adjusted? }. format=json (default) answers dates (epoch ms), tickers, fields, and per field an array of dates × tickers values, row-major by date (index d * tickers.length + t), null where there is no value, with mask 1 where the ticker is a member that day and has a bar. format=arrow answers an Arrow IPC stream in long format: date, ticker, member, then one float64 column per field.",
      tags: ["universes"],
      query: z.strictObject({ format: z.enum(PANEL_FORMATS).default("json") }),
      body: panelBody,
      responses: {
        200: { description: "The panel", schema: z.looseObject({ universe: z.string(), version: z.number().int(), dates: z.array(z.number()), tickers: z.array(z.string()), fields: z.array(z.string()), columns: z.record(z.string(), z.array(z.number().nullable())), mask: z.array(z.number().int()) }), alternatives: [PANEL_CONTENT_TYPES.arrow] },
      },
      errors: [404],
    },
    async ({ query, body }, _req, res) => {
      const { universe, ...options } = body;
      const panel = await oq.panel(universe, options);
      if (query.format === "arrow") {
        const ipc = panelToArrow(panel);
        res.attachment(`${universe}.arrow`).type(PANEL_CONTENT_TYPES.arrow).send(Buffer.from(ipc.buffer, ipc.byteOffset, ipc.byteLength));
        return;
      }
      res.json(panelToJson(panel));
    },
  );
  return router;
}
