/** Checks of the frames and results handed to the builders, so a wrong argument fails with a clear message. */
import { z } from "zod";
import { InvalidInput } from "../errors.js";

const column = z.instanceof(Float64Array, { error: "must be a Float64Array column" });

/** A bar frame as the chart builders read it. */
export const barFrameShape = z.object(
  { ticker: z.string(), ts: column, open: column, high: column, low: column, close: column, volume: column },
  { error: "must be a BarFrame (from oq.bars(ticker))" },
);

/** Throws InvalidInput unless every named column has as many values as `ts`. */
export function checkAligned(what: string, ts: Float64Array, columns: Record<string, ArrayLike<number>>): void {
  for (const [name, values] of Object.entries(columns)) {
    if (values.length !== ts.length) {
      throw new InvalidInput(`${what}: column '${name}' has ${values.length} values but there are ${ts.length} bar times; the columns must line up row for row.`, [
        { path: name, message: "length differs from ts" },
      ]);
    }
  }
}
