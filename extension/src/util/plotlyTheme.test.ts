import { describe, expect, it } from "vitest";
import { type ChartColors, themeLayout } from "./plotlyTheme.js";

const DARK: ChartColors = {
  paper: "#111111",
  plot: "#222222",
  font: "#dddddd",
  fontStrong: "#ffffff",
  grid: "#444444",
  fontFamily: "Inter",
};

describe("themeLayout", () => {
  it("colours the backgrounds, fonts, legend and the default axes", () => {
    const themed = themeLayout({ title: { text: "Prices" } }, DARK) as Record<string, unknown>;
    expect(themed).toMatchObject({
      paper_bgcolor: "#111111",
      plot_bgcolor: "#222222",
      font: { family: "Inter", color: "#dddddd" },
      legend: { font: { color: "#ffffff" } },
      xaxis: { gridcolor: "#444444", linecolor: "#444444", zerolinecolor: "#444444" },
      yaxis: { gridcolor: "#444444" },
      title: { text: "Prices" },
    });
  });

  it("themes every numbered axis the layout names and keeps the axis settings given", () => {
    const themed = themeLayout({ yaxis2: { domain: [0, 0.25], title: { text: "Volume" } }, xaxis3: { type: "date" } }, DARK) as Record<
      string,
      Record<string, unknown>
    >;
    expect(themed.yaxis2).toEqual({ gridcolor: "#444444", linecolor: "#444444", zerolinecolor: "#444444", domain: [0, 0.25], title: { text: "Volume" } });
    expect(themed.xaxis3).toMatchObject({ type: "date", gridcolor: "#444444" });
  });

  it("lets colours set by the caller win over the theme's", () => {
    const themed = themeLayout({ paper_bgcolor: "red", font: { color: "blue" }, yaxis: { gridcolor: "green" } }, DARK) as Record<string, unknown>;
    expect(themed.paper_bgcolor).toBe("red");
    expect(themed.font).toEqual({ family: "Inter", color: "blue" });
    expect((themed.yaxis as Record<string, unknown>).gridcolor).toBe("green");
  });
});
