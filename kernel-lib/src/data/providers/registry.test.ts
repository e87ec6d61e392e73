import { describe, expect, it } from "vitest";
import { dataSourcesSchema } from "../../config/schema.js";
import { InvalidInput } from "../../errors.js";
import { CsvProvider } from "./csv/csv-provider.js";
import { createProvider, isProviderName } from "./registry.js";
import { SampleProvider } from "./sample/sample-provider.js";
import { YahooProvider } from "./yahoo/yahoo-provider.js";

describe("createProvider", () => {
  it("builds each shipped provider by name", () => {
    expect(createProvider("sample")).toBeInstanceOf(SampleProvider);
    expect(createProvider("csv", { file: "bars.csv" })).toBeInstanceOf(CsvProvider);
    expect(createProvider("yahoo")).toBeInstanceOf(YahooProvider);
    expect(createProvider("yahoo").name).toBe("yahoo");
  });

  it("passes the sample settings through", () => {
    const settings = dataSourcesSchema.parse({ providers: { sample: { tickers: ["MKT.SAMPLE"] } } });
    expect(createProvider("sample", { settings }).listTickers?.()).toEqual(["MKT.SAMPLE"]);
  });

  it("refuses an unknown provider, listing the known ones", () => {
    expect(() => createProvider("bloomberg")).toThrow("Unknown provider 'bloomberg'. Known providers: sample, csv, yahoo.");
    expect(isProviderName("yahoo")).toBe(true);
    expect(isProviderName("YAHOO")).toBe(false);
  });

  it("asks for the file of the csv provider", () => {
    expect(() => createProvider("csv")).toThrow(InvalidInput);
    expect(() => createProvider("csv")).toThrow(/--file path\.csv/);
  });
});
