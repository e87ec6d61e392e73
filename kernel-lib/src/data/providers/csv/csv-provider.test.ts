import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidInput } from "../../../errors.js";
import { parseIsoDate } from "../dates.js";
import { CsvProvider } from "./csv-provider.js";

const dir = mkdtempSync(join(tmpdir(), "openquant-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const yahooFile = file(
  "AAPL.csv",
  [
    "Date,Open,High,Low,Close,Adj Close,Volume",
    "2024-01-02,187.150000,188.440002,183.889999,185.639999,184.734970,82488700",
    "2024-01-03,184.220001,185.880005,183.429993,184.250000,183.351746,58414500",
    "2024-01-04,182.149994,183.089996,180.880005,181.910004,181.023163,71983600",
    "2024-01-05,181.990005,182.759995,180.169998,181.179993,180.296707,62303300",
    "2024-01-08,null,null,null,null,null,null",
    "2024-01-09,183.919998,185.149994,182.729996,185.139999,184.237427,42841800",
    "",
  ].join("\n"),
);

describe("CsvProvider", () => {
  it("imports a Yahoo download under the ticker the user gives", async () => {
    const provider = new CsvProvider({ file: yahooFile });
    const frame = await provider.fetch({ ticker: "MYAPPLE", interval: "1d" });
    expect(frame.ticker).toBe("MYAPPLE");
    expect(frame.ts.length).toBe(5);
    expect(frame.close[0]).toBe(185.639999);
    expect(frame.adjClose[4]).toBe(184.237427);
    expect(frame.skipped).toEqual([{ line: 6, ts: parseIsoDate("2024-01-08"), reason: expect.any(String) }]);
  });

  it("returns only the requested range, bounds inclusive", async () => {
    const provider = new CsvProvider({ file: yahooFile });
    const frame = await provider.fetch({ ticker: "AAPL", interval: "1d", start: parseIsoDate("2024-01-03"), end: parseIsoDate("2024-01-05") });
    expect(Array.from(frame.close)).toEqual([184.25, 181.910004, 181.179993]);
    expect(frame.skipped).toEqual([]);
  });

  it("imports the plain layout with intraday ISO times", async () => {
    const path = file(
      "plain.csv",
      "date,open,high,low,close,volume\n2024-01-02T14:30:00Z,10,11,9,10.5,100\n2024-01-02T14:35:00Z,10.5,10.6,10.1,10.2,50\n",
    );
    const frame = await new CsvProvider({ file: path }).fetch({ ticker: "X", interval: "5m" });
    expect(Array.from(frame.ts)).toEqual([Date.UTC(2024, 0, 2, 14, 30), Date.UTC(2024, 0, 2, 14, 35)]);
    expect(Array.from(frame.adjClose)).toEqual([10.5, 10.2]);
    expect(frame.interval).toBe("5m");
  });

  it("reads the file again on each fetch", async () => {
    const path = file("changing.csv", "date,open,high,low,close,volume\n2024-01-02,1,1,1,1,1\n");
    const provider = new CsvProvider({ file: path });
    expect((await provider.fetch({ ticker: "X", interval: "1d" })).ts.length).toBe(1);
    writeFileSync(path, "date,open,high,low,close,volume\n2024-01-02,1,1,1,1,1\n2024-01-03,1,1,1,1,1\n");
    expect((await provider.fetch({ ticker: "X", interval: "1d" })).ts.length).toBe(2);
  });

  it("names the file and line of a malformed row", async () => {
    const path = file("bad.csv", "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,1,1,1,1,1\n2024-01-03,1,1,1,1,1,many\n");
    const error = await new CsvProvider({ file: path }).fetch({ ticker: "X", interval: "1d" }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.message).toBe(`Cannot import ${path}, line 3: column 'Volume' is not a number: 'many'.`);
  });

  it("says clearly when the file is missing or is a directory", async () => {
    const missing = join(dir, "nope.csv");
    await expect(new CsvProvider({ file: missing }).fetch({ ticker: "X", interval: "1d" })).rejects.toThrow(
      `Cannot read CSV file ${missing}: the file does not exist.`,
    );
    const folder = join(dir, "folder.csv");
    mkdirSync(folder);
    await expect(new CsvProvider({ file: folder }).fetch({ ticker: "X", interval: "1d" })).rejects.toThrow(/is a directory/);
  });

  it("validates the ticker and the options", async () => {
    await expect(new CsvProvider({ file: yahooFile }).fetch({ ticker: "../etc", interval: "1d" })).rejects.toThrow(/Invalid ticker '\.\.\/etc'/);
    expect(() => new CsvProvider({ file: "" })).toThrow(InvalidInput);
  });
});
