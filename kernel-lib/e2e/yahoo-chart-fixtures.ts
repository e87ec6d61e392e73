/**
 * Yahoo Finance chart-API responses (GET /v8/finance/chart/{symbol}) in the exact shape Yahoo sends:
 * `chart.result[0]` with `meta`, `timestamp` (epoch seconds, session open for daily bars) and
 * `indicators.quote[0]` / `indicators.adjclose[0]`, float32-rounded prices and null bars. The numbers
 * are AAPL's early-January 2024 session, written here in that recorded format (Yahoo itself is not
 * reachable from the test machine).
 */

/** AAPL, interval 1d, 2024-01-02 … 2024-01-10; the 2024-01-08 bar is null, as Yahoo sometimes sends. */
export const AAPL_DAILY = {
  "chart": {
    "result": [
      {
        "meta": {
          "currency": "USD",
          "symbol": "AAPL",
          "exchangeName": "NMS",
          "fullExchangeName": "NasdaqGS",
          "instrumentType": "EQUITY",
          "firstTradeDate": 345479400,
          "regularMarketTime": 1704920401,
          "hasPrePostMarketData": true,
          "gmtoffset": -18000,
          "timezone": "EST",
          "exchangeTimezoneName": "America/New_York",
          "regularMarketPrice": 186.19,
          "fiftyTwoWeekHigh": 199.62,
          "fiftyTwoWeekLow": 124.17,
          "regularMarketDayHigh": 186.4,
          "regularMarketDayLow": 183.92,
          "regularMarketVolume": 46792908,
          "longName": "Apple Inc.",
          "shortName": "Apple Inc.",
          "chartPreviousClose": 192.53,
          "priceHint": 2,
          "currentTradingPeriod": {
            "pre": {
              "timezone": "EST",
              "end": 1704897000,
              "start": 1704877200,
              "gmtoffset": -18000
            },
            "regular": {
              "timezone": "EST",
              "end": 1704920400,
              "start": 1704897000,
              "gmtoffset": -18000
            },
            "post": {
              "timezone": "EST",
              "end": 1704934800,
              "start": 1704920400,
              "gmtoffset": -18000
            }
          },
          "dataGranularity": "1d",
          "range": "",
          "validRanges": [
            "1d",
            "5d",
            "1mo",
            "3mo",
            "6mo",
            "1y",
            "2y",
            "5y",
            "10y",
            "ytd",
            "max"
          ]
        },
        "timestamp": [
          1704205800,
          1704292200,
          1704378600,
          1704465000,
          1704724200,
          1704810600,
          1704897000
        ],
        "indicators": {
          "quote": [
            {
              "open": [
                187.14999389648438,
                184.22000122070312,
                182.14999389648438,
                181.99000549316406,
                null,
                183.9199981689453,
                184.35000610351562
              ],
              "low": [
                183.88999938964844,
                183.42999267578125,
                180.8800048828125,
                180.1699981689453,
                null,
                182.72999572753906,
                183.9199981689453
              ],
              "high": [
                188.44000244140625,
                185.8800048828125,
                183.08999633789062,
                182.75999450683594,
                null,
                185.14999389648438,
                186.39999389648438
              ],
              "volume": [
                82488700,
                58414500,
                71983600,
                62303300,
                null,
                42841800,
                46792900
              ],
              "close": [
                185.63999938964844,
                184.25,
                181.91000366210938,
                181.17999267578125,
                null,
                185.13999938964844,
                186.19000244140625
              ]
            }
          ],
          "adjclose": [
            {
              "adjclose": [
                184.7368621826172,
                183.35362243652344,
                181.02500915527344,
                180.29855346679688,
                null,
                184.23928833007812,
                185.2841796875
              ]
            }
          ]
        }
      }
    ],
    "error": null
  }
};

/** AAPL, interval 5m, 2024-01-05 from the 09:30 New York open; the 4th bar is null. */
export const AAPL_5M = {
  "chart": {
    "result": [
      {
        "meta": {
          "currency": "USD",
          "symbol": "AAPL",
          "exchangeName": "NMS",
          "fullExchangeName": "NasdaqGS",
          "instrumentType": "EQUITY",
          "firstTradeDate": 345479400,
          "regularMarketTime": 1704488401,
          "hasPrePostMarketData": true,
          "gmtoffset": -18000,
          "timezone": "EST",
          "exchangeTimezoneName": "America/New_York",
          "regularMarketPrice": 181.18,
          "fiftyTwoWeekHigh": 199.62,
          "fiftyTwoWeekLow": 124.17,
          "regularMarketDayHigh": 182.76,
          "regularMarketDayLow": 180.17,
          "regularMarketVolume": 62379661,
          "longName": "Apple Inc.",
          "shortName": "Apple Inc.",
          "chartPreviousClose": 181.91,
          "previousClose": 181.91,
          "scale": 3,
          "priceHint": 2,
          "currentTradingPeriod": {
            "pre": {
              "timezone": "EST",
              "end": 1704465000,
              "start": 1704445200,
              "gmtoffset": -18000
            },
            "regular": {
              "timezone": "EST",
              "end": 1704488400,
              "start": 1704465000,
              "gmtoffset": -18000
            },
            "post": {
              "timezone": "EST",
              "end": 1704502800,
              "start": 1704488400,
              "gmtoffset": -18000
            }
          },
          "tradingPeriods": [
            [
              {
                "timezone": "EST",
                "end": 1704488400,
                "start": 1704465000,
                "gmtoffset": -18000
              }
            ]
          ],
          "dataGranularity": "5m",
          "range": "",
          "validRanges": [
            "1d",
            "5d",
            "1mo",
            "3mo",
            "6mo",
            "1y",
            "2y",
            "5y",
            "10y",
            "ytd",
            "max"
          ]
        },
        "timestamp": [
          1704465000,
          1704465300,
          1704465600,
          1704465900,
          1704466200,
          1704466500,
          1704466800,
          1704467100
        ],
        "indicators": {
          "quote": [
            {
              "close": [
                181.52000427246094,
                181.02999877929688,
                180.6999969482422,
                null,
                180.44000244140625,
                180.8000030517578,
                181.02000427246094,
                181.10000610351562
              ],
              "volume": [
                3120554,
                1452377,
                1207712,
                null,
                1331083,
                918650,
                833115,
                702944
              ],
              "open": [
                181.99000549316406,
                181.52000427246094,
                181.02999877929688,
                null,
                180.61000061035156,
                180.44000244140625,
                180.8000030517578,
                181.02000427246094
              ],
              "high": [
                182.75999450683594,
                181.8000030517578,
                181.27000427246094,
                null,
                180.9199981689453,
                180.9499969482422,
                181.02000427246094,
                181.25
              ],
              "low": [
                181.39999389648438,
                180.89999389648438,
                180.60000610351562,
                null,
                180.1699981689453,
                180.35000610351562,
                180.41000366210938,
                180.86000061035156
              ]
            }
          ]
        }
      }
    ],
    "error": null
  }
};

/** Yahoo's answer (HTTP 404) for a symbol it does not know. */
export const UNKNOWN_SYMBOL = {
  chart: { result: null, error: { code: "Not Found", description: "No data found, symbol may be delisted" } },
};

/** Yahoo's answer (HTTP 422) for an intraday range beyond what it keeps. */
export const RANGE_TOO_OLD = {
  chart: {
    result: null,
    error: {
      code: "Unprocessable Entity",
      description: "5m data not available for startTime=1577836800 and endTime=1704067200. The requested range must be within the last 60 days.",
    },
  },
};
