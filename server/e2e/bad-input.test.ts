/**
 * The bad-input battery: every endpoint, in-process against a real platform (DuckDB file, MLflow,
 * a trained model), fed malformed JSON, wrong types, missing and unknown fields, huge bodies,
 * SQL-looking and path-traversal tickers, unknown ids, impossible ranges and dates, unknown model
 * types and features, bad hyperparameters, cron expressions and time zones. Every answer must be a
 * 4xx with `{ error: { code, message, details } }`, a message naming what is wrong, and nothing
 * internal (no stack, no file path); none may be a 500.
 */
import { tmpdir } from "node:os";
import type { OpenQuant } from "@openquant/kernel-lib";
import type { Express } from "express";
import request, { type Test } from "supertest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp } from "../src/app.js";
import { testPlatform } from "./helpers.js";

type Method = "get" | "post" | "put" | "delete";

/** One bad request and what the answer must say. */
interface Case {
  name: string;
  method: Method;
  path: string;
  /** A JSON value to send, or raw text sent as application/json. */
  body?: unknown;
  raw?: string;
  status: number;
  /** What the message must say about the mistake. */
  message: RegExp;
  /** A field the details must name, when the mistake is one field. */
  field?: string;
}

const SQL = "'; DROP TABLE ohlcv; --";
const TRAVERSAL = "../../etc/passwd";
const TICKER = "ACME.SAMPLE";
const UNKNOWN_RUN = "0123456789abcdef0123456789abcdef";
const TICKER_RULE = /ticker of 1 to 20 characters/;
const NOT_A_DATE = /is not a date: use YYYY-MM-DD/;
const START_AFTER_END = /start.*after.*end/i;
const MODEL_REF = /model: a run id \(32 hex characters\), runs:\/<run id>\/<path> or models:\/<name>@<alias>/;
/** Just over the default 1 MB JSON limit. */
const PADDING = "x".repeat(1_100_000);
const UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";

/** Cases every JSON-body route must survive: broken JSON, non-object bodies, unknown fields, a body past the limit. */
function bodyBasics(method: Method, path: string, valid: Record<string, unknown>, padding = PADDING): Case[] {
  return [
    { name: "malformed JSON", method, path, raw: '{"tickers": [', status: 400, message: /not valid JSON/ },
    { name: "trailing garbage", method, path, raw: `${JSON.stringify(valid)} DROP`, status: 400, message: /not valid JSON/ },
    { name: "a bare string", method, path, raw: '"hello"', status: 400, message: /not valid JSON/ },
    { name: "an array", method, path, body: [valid], status: 400, message: /expected object, received array/ },
    { name: "an unknown field", method, path, body: { ...valid, bogus: 1 }, status: 400, message: /Unrecognized key.*bogus/ },
    { name: "a prototype key", method, path, raw: JSON.stringify(valid).replace(/^\{/, '{"__proto__": {"admin": true},'), status: 400, message: /Unrecognized key.*__proto__/ },
    { name: "a huge body", method, path, body: { ...valid, padding }, status: 413, message: /too large/ },
  ];
}

/** What a body may never contain: stack frames or paths of this machine. */
function leaks(text: string): string[] {
  const found: string[] = [];
  if (/\n\s+at\s|\bat .+:\d+:\d+/.test(text)) found.push("a stack frame");
  for (const secret of [inject("home"), tmpdir(), "node_modules", "/usr/", "file://"]) if (text.includes(secret)) found.push(`'${secret}'`);
  if (/\.(ts|js|py):\d+/.test(text)) found.push("a source location");
  return found;
}

function send(app: Express, c: Case): Test {
  const req = request(app)[c.method](c.path);
  if (c.raw !== undefined) return req.set("Content-Type", "application/json").send(c.raw);
  return c.body === undefined ? req : req.send(c.body as object);
}

/** Sends every case and returns one line per broken promise (empty when all hold). */
async function run(app: Express, cases: Case[]): Promise<string[]> {
  const problems: string[] = [];
  for (const c of cases) {
    const res = await send(app, c);
    const label = `${c.method.toUpperCase()} ${c.path.slice(0, 80)} (${c.name})`;
    const error = res.body?.error;
    const wrong: string[] = [];
    if (res.status !== c.status) wrong.push(`status ${res.status}, want ${c.status}`);
    if (res.status >= 500) wrong.push("a server error");
    if (typeof error?.code !== "string" || typeof error?.message !== "string" || !Array.isArray(error?.details)) {
      wrong.push(`no { error: { code, message, details } } body: ${res.text.slice(0, 200)}`);
    } else {
      if (!c.message.test(error.message)) wrong.push(`message ${JSON.stringify(error.message)} does not match ${c.message}`);
      if (c.field && !error.details.some((d: { path: string }) => d.path === c.field)) wrong.push(`details ${JSON.stringify(error.details)} do not name '${c.field}'`);
    }
    const leaked = leaks(res.text);
    if (leaked.length) wrong.push(`leaks ${leaked.join(", ")}`);
    if (wrong.length) problems.push(`${label}: ${wrong.join("; ")}`);
  }
  return problems;
}

describe("bad input on every endpoint: a clear 4xx, never a 500", () => {
  let oq: OpenQuant;
  let app: Express;
  let runId: string;
  let finishedJob: string;
  const scheduleId = `battery-${Date.now().toString(36)}`;
  const battery: Record<string, () => Case[]> = {};

  beforeAll(async () => {
    oq = await testPlatform();
    app = createApp({ oq, logger: oq.logger, rateLimit: { windowMs: 60_000, limit: 100_000 } });
    await oq.ingest([TICKER, "BANK.SAMPLE"], { start: "2023-01-01" });
    const trained = await oq.train({ experiment: `battery-${Date.now()}`, tickers: [TICKER], featureSet: [{ name: "rsi" }, { name: "natr" }], model: { type: "linear" } });
    runId = trained.runId as string;
    await request(app).post("/schedules").send({ id: scheduleId, kind: "ingest", cron: "0 3 * * *", enabled: false, params: { tickers: [TICKER] } }).expect(201);
    const job = await request(app).post("/data/ingest").send({ tickers: [TICKER], provider: "sample" }).expect(202);
    finishedJob = job.body.jobId;
    await request(app).put("/universes/battery-u").send({ kind: "list", tickers: [TICKER] }).expect(200);
    for (let i = 0; i < 200; i++) {
      if (["succeeded", "failed"].includes((await request(app).get(`/jobs/${finishedJob}`)).body.status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => oq?.close());

  const endpoint = (name: string, cases: () => Case[]) => {
    battery[name] = cases;
    it(name, async () => {
      expect(await run(app, cases())).toEqual([]);
    });
  };

  endpoint("GET /data/{ticker}", () => {
    const get = (name: string, path: string, status: number, message: RegExp, field?: string): Case => ({ name, method: "get", path, status, message, field });
    return [
      get("a SQL-looking ticker", `/data/${encodeURIComponent(SQL)}`, 400, TICKER_RULE, "ticker"),
      get("an encoded path traversal", `/data/${encodeURIComponent(TRAVERSAL)}`, 400, TICKER_RULE, "ticker"),
      get("a raw path traversal", `/data/${TRAVERSAL}`, 404, /No route GET/),
      get("%2e%2e%2f", "/data/%2e%2e%2f", 400, TICKER_RULE, "ticker"),
      get("'..' alone", "/data/..%2E", 400, TICKER_RULE, "ticker"),
      get("a ticker of 21 characters", `/data/${"A".repeat(21)}`, 400, TICKER_RULE, "ticker"),
      get("a NUL byte", "/data/AB%00C", 400, TICKER_RULE, "ticker"),
      get("an unknown ticker", "/data/NOPE", 404, /No 1d bars stored for NOPE/, "ticker"),
      get("start after end", `/data/${TICKER}?start=2024-05-01&end=2024-01-01`, 400, START_AFTER_END, "start"),
      get("a day that does not exist", `/data/${TICKER}?start=2024-02-31`, 400, NOT_A_DATE, "start"),
      get("a date in words", `/data/${TICKER}?end=yesterday`, 400, NOT_A_DATE, "end"),
      get("two starts", `/data/${TICKER}?start=2024-01-01&start=2024-02-01`, 400, /start/, "start"),
      get("format xml", `/data/${TICKER}?format=xml`, 400, /format.*json.*csv/, "format"),
      get("format arrays", `/data/${TICKER}?format[]=json`, 400, /format/),
      get("an unknown interval", `/data/${TICKER}?interval=2h`, 400, /interval/, "interval"),
      get("an unknown query field", `/data/${TICKER}?limit=5`, 400, /Unrecognized key.*limit/),
    ];
  });

  endpoint("GET /data/{ticker}/bar-time", () => [
    { name: "no back", method: "get", path: `/data/${TICKER}/bar-time`, status: 400, message: /back/, field: "back" },
    { name: "negative back", method: "get", path: `/data/${TICKER}/bar-time?back=-1`, status: 400, message: /back.*>=0/, field: "back" },
    { name: "back in words", method: "get", path: `/data/${TICKER}/bar-time?back=ten`, status: 400, message: /back/, field: "back" },
    { name: "fractional back", method: "get", path: `/data/${TICKER}/bar-time?back=1.5`, status: 400, message: /back.*expected int/, field: "back" },
    { name: "a SQL-looking ticker", method: "get", path: `/data/${encodeURIComponent(SQL)}/bar-time?back=1`, status: 400, message: TICKER_RULE, field: "ticker" },
  ]);

  endpoint("POST /data/ingest", () => {
    const valid = { tickers: [TICKER], provider: "sample" };
    const post = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "post", path: "/data/ingest", body, status, message, field });
    return [
      ...bodyBasics("post", "/data/ingest", valid),
      post("no tickers", { provider: "sample" }, 400, /tickers/, "tickers"),
      post("an empty ticker list", { tickers: [] }, 400, /at least one ticker/, "tickers"),
      post("tickers as a string", { tickers: TICKER }, 400, /tickers.*expected array/, "tickers"),
      post("a SQL-looking ticker", { tickers: [SQL] }, 400, TICKER_RULE, "tickers.0"),
      post("a path-traversal ticker", { tickers: [TRAVERSAL] }, 400, TICKER_RULE, "tickers.0"),
      post("an encoded traversal ticker", { tickers: ["%2e%2e%2f"] }, 400, TICKER_RULE, "tickers.0"),
      post("a null ticker", { tickers: [null] }, 400, /tickers\.0/, "tickers.0"),
      post("an unknown provider", { ...valid, provider: "bloomberg" }, 400, /provider.*sample.*csv.*yahoo/, "provider"),
      post("start after end", { ...valid, start: "2024-05-01", end: "2024-01-01" }, 400, START_AFTER_END, "start"),
      post("an invalid date", { ...valid, start: "2024-13-01" }, 400, NOT_A_DATE, "start"),
      post("full as a string", { ...valid, full: "yes" }, 400, /full.*expected boolean/, "full"),
      post("csv without a file", { tickers: [TICKER], provider: "csv" }, 400, /csv provider imports one file/, "file"),
      post("a csv file outside by '..'", { tickers: [TICKER], provider: "csv", file: TRAVERSAL }, 400, /file/, "file"),
      post("a csv file that is not a .csv", { tickers: [TICKER], provider: "csv", file: "/etc/passwd" }, 400, /file/, "file"),
    ];
  });

  endpoint("POST /data/import", () => {
    const valid = { input: "data/bars.csv" };
    const post = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "post", path: "/data/import", body, status, message, field });
    return [
      ...bodyBasics("post", "/data/import", valid),
      post("no input", {}, 400, /input/, "input"),
      post("an empty input", { input: "" }, 400, /input/, "input"),
      post("an input climbing with '..'", { input: TRAVERSAL }, 400, /without '\.\.'/, "input"),
      post("a '..' inside the path", { input: "data/../../etc/x.csv" }, 400, /without '\.\.'/, "input"),
      post("input as a number", { input: 42 }, 400, /input.*expected string/, "input"),
      post("a SQL-looking ticker", { ...valid, ticker: SQL }, 400, TICKER_RULE, "ticker"),
      post("an unknown interval", { ...valid, interval: "3d" }, 400, /interval/, "interval"),
      post("an empty ticker column", { ...valid, tickerColumn: "" }, 400, /tickerColumn/, "tickerColumn"),
      post("a date format of 41 characters", { ...valid, dateFormat: "%".repeat(41) }, 400, /dateFormat/, "dateFormat"),
      post("a universe name with a slash", { ...valid, universe: "a/b" }, 400, /universe name/, "universe"),
    ];
  });

  endpoint("POST /data/bars", () => {
    const frame = { ticker: "ZZ.TEST", interval: "1d", ts: [Date.UTC(2024, 0, 2)], open: [1], high: [2], low: [0.5], close: [1.5], adjClose: [1.5], volume: [100] };
    const post = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "post", path: "/data/bars", body, status, message, field });
    return [
      ...bodyBasics("post", "/data/bars", { provider: "test", frame }, "x".repeat(65 * 1024 * 1024)),
      post("no frame", { provider: "test" }, 400, /frame/, "frame"),
      post("columns of different lengths", { provider: "test", frame: { ...frame, open: [1, 2] } }, 400, /as many values as ts/, "frame"),
      post("prices as strings", { provider: "test", frame: { ...frame, close: ["1.5"] } }, 400, /frame\.close\.0/, "frame.close.0"),
      post("a SQL-looking ticker", { provider: "test", frame: { ...frame, ticker: SQL } }, 400, TICKER_RULE, "frame.ticker"),
      post("an empty provider", { provider: "", frame }, 400, /provider/, "provider"),
    ];
  });

  endpoint("POST /data/ingestion-runs", () => {
    const now = new Date().toISOString();
    const totals = { fetched: 1, inserted: 1, updated: 0, unchanged: 0, rejected: 0, failed: 0 };
    const result = { runId: "r-1", provider: "sample", interval: "1d", startedAt: now, finishedAt: now, status: "ok", tickers: [{ ticker: TICKER, status: "ok" }], totals };
    const post = (name: string, body: unknown, message: RegExp, field?: string): Case => ({ name, method: "post", path: "/data/ingestion-runs", body, status: 400, message, field });
    return [
      ...bodyBasics("post", "/data/ingestion-runs", { result, trigger: "test" }),
      post("no result", { trigger: "test" }, /result/, "result"),
      post("a number as result", { trigger: "test", result: 5 }, /result/, "result"),
      post("a result without its fields", { trigger: "test", result: { tickers: "a" } }, /result\.runId/, "result.runId"),
      post("a time that is no time", { trigger: "test", result: { ...result, startedAt: "yesterday" } }, /result\.startedAt/, "result.startedAt"),
      post("a SQL-looking ticker", { trigger: "test", result: { ...result, tickers: [{ ticker: SQL, status: "ok" }] } }, TICKER_RULE, "result.tickers.0.ticker"),
      post("a negative count", { trigger: "test", result: { ...result, totals: { ...result.totals, inserted: -1 } } }, /result\.totals\.inserted/, "result.totals.inserted"),
    ];
  });

  endpoint("POST /features/compute", () => {
    const valid = { ticker: TICKER, featureSet: [{ name: "rsi" }] };
    const post = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "post", path: "/features/compute", body, status, message, field });
    return [
      ...bodyBasics("post", "/features/compute", valid),
      post("no ticker", { featureSet: "default" }, 400, /ticker/, "ticker"),
      post("a SQL-looking ticker", { ...valid, ticker: SQL }, 400, TICKER_RULE, "ticker"),
      post("a path-traversal ticker", { ...valid, ticker: TRAVERSAL }, 400, TICKER_RULE, "ticker"),
      post("an unknown ticker", { ...valid, ticker: "NOPE" }, 404, /NOPE/),
      post("an unknown feature", { ticker: TICKER, featureSet: [{ name: "rsii" }] }, 404, /Unknown feature 'rsii'.*rsi/),
      post("an unknown feature set", { ticker: TICKER, featureSet: "nope" }, 404, /No feature set 'nope'.*default/, "featureSet"),
      post("an empty feature list", { ticker: TICKER, featureSet: [] }, 400, /at least one feature/),
      post("a period of zero", { ticker: TICKER, featureSet: [{ name: "rsi", params: { period: 0 } }] }, 400, /params of feature 'rsi'.*period/),
      post("a period in words", { ticker: TICKER, featureSet: [{ name: "sma", params: { period: "ten" } }] }, 400, /params of feature 'sma'.*period/),
      post("an unknown param", { ticker: TICKER, featureSet: [{ name: "sma", params: { window: 5 } }] }, 400, /params of feature 'sma'.*window/),
      post("start after end", { ...valid, start: "2024-05-01", end: "2024-01-01" }, 400, START_AFTER_END, "start"),
      post("an invalid date", { ...valid, end: "31/12/2024" }, 400, NOT_A_DATE, "end"),
      post("epoch ms past any date", { ...valid, start: -3e78 }, 400, NOT_A_DATE, "start"),
      post("an unknown interval", { ...valid, interval: "7d" }, 400, /interval/, "interval"),
      post("adjusted as a string", { ...valid, adjusted: "yes" }, 400, /adjusted.*expected boolean/, "adjusted"),
    ];
  });

  for (const path of ["/models/train", "/models/cross-validate"]) {
    endpoint(`POST ${path}`, () => {
      const valid = { tickers: [TICKER], featureSet: [{ name: "rsi" }], model: { type: "linear" } };
      const post = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "post", path, body, status, message, field });
      return [
        ...bodyBasics("post", path, valid),
        post("no model", { tickers: [TICKER] }, 400, /model/, "model"),
        post("no tickers", { model: { type: "linear" } }, 400, /tickers/, "tickers"),
        post("a SQL-looking ticker", { ...valid, tickers: [SQL] }, 400, TICKER_RULE, "tickers.0"),
        post("a path-traversal ticker", { ...valid, tickers: [TRAVERSAL] }, 400, TICKER_RULE, "tickers.0"),
        post("an unknown ticker", { ...valid, tickers: [TICKER, "NOPE"] }, 404, /NOPE/, "tickers"),
        post("an unknown model type", { ...valid, model: { type: "xgbost" } }, 400, /Unknown model type 'xgbost'.*Did you mean 'xgboost'/, "model"),
        post("a hyperparameter of the wrong type", { ...valid, model: { type: "xgboost", params: { max_depth: "deep" } } }, 400, /hyperparameters of xgboost.*max_depth/),
        post("an unknown hyperparameter", { ...valid, model: { type: "ridge", params: { alfa: 1 } } }, 400, /hyperparameters of ridge.*alfa/),
        post("a negative learning rate", { ...valid, model: { type: "lightgbm", params: { learning_rate: -1 } } }, 400, /hyperparameters of lightgbm.*learning_rate/),
        post("a horizon of zero", { ...valid, horizon: 0 }, 400, /horizon.*at least 1 bar/, "horizon"),
        post("a fractional horizon", { ...valid, horizon: 2.5 }, 400, /horizon.*whole number/, "horizon"),
        post("an unknown task", { ...valid, task: "clustering" }, 400, /task/, "task"),
        post("an unknown feature", { ...valid, featureSet: [{ name: "rsii" }] }, 404, /Unknown feature 'rsii'/),
        post("invalid feature params", { ...valid, featureSet: [{ name: "rsi", params: { period: -3 } }] }, 400, /params of feature 'rsi'.*period/),
        post("an unknown feature set", { ...valid, featureSet: "nope" }, 404, /No feature set 'nope'/, "featureSet"),
        post("start after end", { ...valid, start: "2024-05-01", end: "2024-01-01" }, 400, START_AFTER_END, "start"),
        post("an invalid date", { ...valid, start: "2024-02-30" }, 400, NOT_A_DATE, "start"),
        post("epoch ms past any date", { ...valid, end: 9e15 }, 400, NOT_A_DATE, "end"),
        post("a test fraction over 1", { ...valid, split: { method: "train_test", testFraction: 2 } }, 400, /testFraction/, "split.testFraction"),
        post("an unknown split", { ...valid, split: { method: "random" } }, 400, /split/),
        post("a bad registry alias", { ...valid, register: { name: "m", alias: "1st prod" } }, 400, /alias/, "register.alias"),
      ];
    });
  }

  endpoint("POST /models/predict", () => {
    const valid = { model: UNKNOWN_RUN, ticker: TICKER };
    const post = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "post", path: "/models/predict", body, status, message, field });
    return [
      ...bodyBasics("post", "/models/predict", valid),
      post("no model", { ticker: TICKER }, 400, /model/, "model"),
      post("a reference that is no reference", { ...valid, model: "not-a-run" }, 400, MODEL_REF, "model"),
      post("a traversal in runs:/", { ...valid, model: `runs:/${TRAVERSAL}` }, 400, MODEL_REF, "model"),
      post("an empty reference", { ...valid, model: "" }, 400, MODEL_REF, "model"),
      post("an unknown run", valid, 404, /Run with id=0123456789abcdef0123456789abcdef not found/),
      post("an unknown registered model", { ...valid, model: "models:/no-such-model@prod" }, 404, /no-such-model/),
      post("a SQL-looking ticker", { model: () => runId, ticker: SQL }, 400, TICKER_RULE, "ticker"),
      post("an unknown ticker", { model: () => runId, ticker: "NOPE" }, 404, /NOPE/),
      post("start after end", { model: () => runId, ticker: TICKER, start: "2024-05-01", end: "2024-01-01" }, 400, START_AFTER_END, "start"),
      post("an invalid date", { model: () => runId, ticker: TICKER, start: "not a date" }, 400, NOT_A_DATE, "start"),
    ].map((c) => ({ ...c, body: withRun(c.body) }));
  });

  /** Bodies name the trained run lazily (it exists only once beforeAll ran). */
  const withRun = (body: unknown): unknown =>
    body && typeof body === "object" && !Array.isArray(body) && typeof (body as { model?: unknown }).model === "function"
      ? { ...body, model: ((body as { model: () => string }).model as () => string)() }
      : body;

  endpoint("GET /models/runs", () => [
    { name: "an unknown experiment", method: "get", path: "/models/runs?experiment=no-such-experiment-xyz", status: 404, message: /no experiment called 'no-such-experiment-xyz'/ },
    { name: "a limit of zero", method: "get", path: "/models/runs?limit=0", status: 400, message: /limit/, field: "limit" },
    { name: "a limit in words", method: "get", path: "/models/runs?limit=many", status: 400, message: /limit/, field: "limit" },
    { name: "an empty experiment", method: "get", path: "/models/runs?experiment=", status: 400, message: /experiment/, field: "experiment" },
    { name: "an unknown query field", method: "get", path: "/models/runs?sort=rmse", status: 400, message: /Unrecognized key.*sort/ },
  ]);

  endpoint("POST /models/register", () => {
    const post = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "post", path: "/models/register", body, status, message, field });
    return [
      ...bodyBasics("post", "/models/register", { runId: UNKNOWN_RUN, name: "m" }),
      post("a run id that is not one", { runId: "x", name: "m" }, 400, /MLflow run id/, "runId"),
      post("a SQL-looking run id", { runId: SQL, name: "m" }, 400, /MLflow run id/, "runId"),
      post("an unknown run", { runId: UNKNOWN_RUN, name: "m" }, 404, /Run with id=0123456789abcdef0123456789abcdef not found/),
      post("no name", { runId: UNKNOWN_RUN }, 400, /name/, "name"),
      post("an alias with a space", { runId: UNKNOWN_RUN, name: "m", alias: "my alias" }, 400, /alias/, "alias"),
    ];
  });

  endpoint("POST /schedules", () => {
    const valid = { kind: "ingest", cron: "0 3 * * *", enabled: false, params: { tickers: [TICKER] } };
    const post = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "post", path: "/schedules", body, status, message, field });
    return [
      ...bodyBasics("post", "/schedules", valid),
      post("no cron", { kind: "ingest" }, 400, /cron/, "cron"),
      post("an unknown kind", { ...valid, kind: "backup" }, 400, /kind/, "kind"),
      post("an invalid cron", { ...valid, cron: "61 * * * *" }, 400, /Invalid cron expression '61 \* \* \* \*'/, "cron"),
      post("a cron in words", { ...valid, cron: "every day" }, 400, /Invalid cron expression/, "cron"),
      post("an unknown time zone", { ...valid, timezone: "Mars/Olympus" }, 400, /Unknown time zone 'Mars\/Olympus'/, "timezone"),
      post("a SQL-looking id", { ...valid, id: SQL }, 400, /id/, "id"),
      post("a path-traversal id", { ...valid, id: TRAVERSAL }, 400, /id/, "id"),
      post("an id already taken", { ...valid, id: scheduleId }, 409, /already exists/),
      post("a SQL-looking ticker in params", { ...valid, params: { tickers: [SQL] } }, 400, TICKER_RULE, "tickers.0"),
      post("params as a list", { ...valid, params: [TICKER] }, 400, /params/, "params"),
      post("a training schedule of an unknown model type", { kind: "train", cron: "0 4 * * *", params: { tickers: [TICKER], model: { type: "xgbost" } } }, 400, /xgbost.*Did you mean 'xgboost'/),
      post("a training schedule with bad hyperparameters", { kind: "train", cron: "0 4 * * *", params: { tickers: [TICKER], model: { type: "xgboost", params: { max_depth: "deep" } } } }, 400, /max_depth/),
      post("enabled as a string", { ...valid, enabled: "no" }, 400, /enabled.*expected boolean/, "enabled"),
    ];
  });

  endpoint("GET /schedules/{id}", () => [
    { name: "an unknown id", method: "get", path: "/schedules/no-such-schedule", status: 404, message: /No schedule 'no-such-schedule'/, field: "id" },
    { name: "a SQL-looking id", method: "get", path: `/schedules/${encodeURIComponent(SQL)}`, status: 400, message: /a schedule id/, field: "id" },
    { name: "an encoded traversal", method: "get", path: "/schedules/%2e%2e%2f", status: 400, message: /a schedule id/, field: "id" },
  ]);

  endpoint("PUT /schedules/{id}", () => {
    const put = (name: string, path: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "put", path, body, status, message, field });
    const own = `/schedules/${scheduleId}`;
    return [
      ...bodyBasics("put", own, { enabled: false }),
      put("an unknown id", "/schedules/no-such-schedule", { enabled: false }, 404, /No schedule 'no-such-schedule'/, "id"),
      put("a SQL-looking id", `/schedules/${encodeURIComponent(SQL)}`, { enabled: false }, 400, /a schedule id/, "id"),
      put("an invalid cron", own, { cron: "* * * * * * * *" }, 400, /Invalid cron expression/, "cron"),
      put("an unknown time zone", own, { timezone: "Europe/Atlantis" }, 400, /Unknown time zone 'Europe\/Atlantis'/, "timezone"),
      put("a new id", own, { id: "renamed" }, 400, /Unrecognized key.*id/),
      put("an unknown kind", own, { kind: "backup" }, 400, /kind/, "kind"),
      put("params with a bad ticker", own, { params: { tickers: [TRAVERSAL] } }, 400, TICKER_RULE, "tickers.0"),
    ];
  });

  endpoint("DELETE /schedules/{id}", () => [
    { name: "an unknown id", method: "delete", path: "/schedules/no-such-schedule", status: 404, message: /No schedule 'no-such-schedule'/, field: "id" },
    { name: "a path-traversal id", method: "delete", path: `/schedules/${encodeURIComponent(TRAVERSAL)}`, status: 400, message: /a schedule id/, field: "id" },
  ]);

  endpoint("POST /schedules/{id}/run", () => [
    { name: "an unknown id", method: "post", path: "/schedules/no-such-schedule/run", status: 404, message: /No schedule 'no-such-schedule'/, field: "id" },
    { name: "a SQL-looking id", method: "post", path: `/schedules/${encodeURIComponent(SQL)}/run`, status: 400, message: /a schedule id/, field: "id" },
    { name: "wait that is not true or false", method: "post", path: `/schedules/${scheduleId}/run?wait=maybe`, status: 400, message: /wait/, field: "wait" },
    { name: "an unknown query field", method: "post", path: `/schedules/${scheduleId}/run?async=1`, status: 400, message: /Unrecognized key.*async/ },
  ]);

  endpoint("GET /schedules/{id}/runs/{runId}", () => [
    { name: "an unknown schedule", method: "get", path: `/schedules/no-such-schedule/runs/${UNKNOWN_UUID}`, status: 404, message: /No schedule 'no-such-schedule'/, field: "id" },
    { name: "an unknown run", method: "get", path: `/schedules/${scheduleId}/runs/${UNKNOWN_UUID}`, status: 404, message: /has no run/, field: "runId" },
    { name: "a run id that is not one", method: "get", path: `/schedules/${scheduleId}/runs/r1`, status: 400, message: /a run id/, field: "runId" },
    { name: "a SQL-looking run id", method: "get", path: `/schedules/${scheduleId}/runs/${encodeURIComponent(SQL)}`, status: 400, message: /a run id/, field: "runId" },
  ]);

  endpoint("GET /schedules/{id}/runs", () => [
    { name: "an unknown id", method: "get", path: "/schedules/no-such-schedule/runs", status: 404, message: /No schedule 'no-such-schedule'/, field: "id" },
    { name: "a limit of zero", method: "get", path: `/schedules/${scheduleId}/runs?limit=0`, status: 400, message: /limit/, field: "limit" },
    { name: "a limit too large", method: "get", path: `/schedules/${scheduleId}/runs?limit=100000`, status: 400, message: /limit/, field: "limit" },
  ]);

  endpoint("POST /data/snapshots", () => {
    const post = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "post", path: "/data/snapshots", body, status, message, field });
    return [
      ...bodyBasics("post", "/data/snapshots", { name: "battery-snap" }),
      post("no name", { tickers: [TICKER] }, 400, /name/, "name"),
      post("a name too long", { name: "x".repeat(65) }, 400, /snapshot name/, "name"),
      post("a SQL-looking name", { name: SQL }, 400, /snapshot name/, "name"),
      post("a traversal ticker", { name: "ok", tickers: [TRAVERSAL] }, 400, TICKER_RULE, "tickers.0"),
      post("a ticker with no bars", { name: "ok", tickers: ["NOPE.SAMPLE"] }, 404, /no bars stored/),
    ];
  });

  endpoint("DELETE /data/snapshots/{name}", () => [
    { name: "an unknown snapshot", method: "delete", path: "/data/snapshots/no-such-snap", status: 404, message: /no-such-snap/ },
    { name: "a name with a space", method: "delete", path: "/data/snapshots/bad%20name", status: 400, message: /snapshot name/, field: "name" },
    { name: "an encoded traversal", method: "delete", path: "/data/snapshots/%2e%2e%2f", status: 400, message: /snapshot name/, field: "name" },
  ]);

  endpoint("POST /data/pins", () => {
    const range = { ticker: TICKER, interval: "1d", start: null, end: null, asOf: 1, rows: 0, sha256: "0".repeat(64) };
    const valid = { runId: "battery-run", createdAt: 1, asOf: 1, ranges: [range] };
    const post = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "post", path: "/data/pins", body, status, message, field });
    return [
      ...bodyBasics("post", "/data/pins", valid),
      post("no ranges", { ...valid, ranges: [] }, 400, /ranges/, "ranges"),
      post("a time past any date", { ...valid, createdAt: 1e20 }, 400, /createdAt/, "createdAt"),
      post("the same ticker twice", { ...valid, ranges: [range, range] }, 400, /one range per ticker/),
      post("a SQL-looking run id", { ...valid, runId: SQL }, 400, /runId/, "runId"),
    ];
  });

  endpoint("GET /data/pins/{runId}", () => [
    { name: "an unknown run", method: "get", path: "/data/pins/unknown-run", status: 404, message: /No data pin for run unknown-run/, field: "runId" },
    { name: "a SQL-looking run id", method: "get", path: `/data/pins/${encodeURIComponent(SQL)}`, status: 400, message: /runId/, field: "runId" },
  ]);

  endpoint("POST /data/pins/{runId}/link", () => [
    ...bodyBasics("post", "/data/pins/battery-run/link", { mlflowRunId: UNKNOWN_RUN }),
    { name: "not an MLflow run id", method: "post", path: "/data/pins/battery-run/link", body: { mlflowRunId: "nope" }, status: 400, message: /MLflow run id/, field: "mlflowRunId" },
  ]);

  const universeName = /universe name: a letter/;
  endpoint("GET /universes/{name}", () => {
    const get = (name: string, path: string, status: number, message: RegExp, field?: string): Case => ({ name, method: "get", path, status, message, field });
    return [
      get("an unknown universe", "/universes/no-such-u", 404, /No universe 'no-such-u'\..*Known universes: .*battery-u/, "name"),
      get("a SQL-looking name", `/universes/${encodeURIComponent(SQL)}`, 400, universeName, "name"),
      get("an encoded traversal", "/universes/%2e%2e%2f", 400, universeName, "name"),
      get("version zero", "/universes/battery-u?version=0", 400, /version/, "version"),
      get("version not a number", "/universes/battery-u?version=abc", 400, /version/, "version"),
      get("a version that does not exist", "/universes/battery-u?version=99", 404, /has no version 99: its versions are 1 to 1/, "version"),
      get("asOf not a date", "/universes/battery-u?asOf=yesterday", 400, NOT_A_DATE, "asOf"),
      get("asOf before the universe existed", "/universes/battery-u?asOf=2000-01-01", 404, /had no version yet on 2000-01-01/, "asOf"),
      get("version and asOf", "/universes/battery-u?version=1&asOf=2030-01-01", 400, /version or asOf, not both/, "version"),
      get("an unknown query field", "/universes/battery-u?bogus=1", 400, /Unrecognized key.*bogus/),
    ];
  });

  endpoint("PUT /universes/{name}", () => {
    const path = "/universes/battery-new";
    const put = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "put", path, body, status, message, field });
    return [
      ...bodyBasics("put", path, { kind: "list", tickers: [TICKER] }, "x".repeat(17_000_000)),
      put("no kind", { tickers: [TICKER] }, 400, /kind/, "kind"),
      put("an unknown kind", { kind: "index", tickers: [TICKER] }, 400, /Expected 'list' \| 'csv' \| 'rule'/, "kind"),
      put("no tickers", { kind: "list", tickers: [] }, 400, /at least one ticker/, "tickers"),
      put("a traversal ticker", { kind: "list", tickers: [TRAVERSAL] }, 400, TICKER_RULE, "tickers.0"),
      put("a SQL-looking ticker", { kind: "list", tickers: [{ ticker: SQL }] }, 400, TICKER_RULE, "tickers.0.ticker"),
      put("an impossible date", { kind: "list", tickers: [{ ticker: TICKER, from: "2024-02-31" }] }, 400, /a date as YYYY-MM-DD/, "tickers.0.from"),
      put("to before from", { kind: "list", tickers: [{ ticker: TICKER, from: "2024-06-01", to: "2024-01-01" }] }, 400, /ACME\.SAMPLE ends 2024-01-01, before it starts 2024-06-01/, "tickers.0.to"),
      put(
        "overlapping memberships",
        { kind: "list", tickers: [{ ticker: TICKER, from: "2024-01-01", to: "2024-06-30" }, { ticker: TICKER, from: "2024-06-30" }] },
        400,
        /ACME\.SAMPLE has overlapping memberships: tickers\[0\].*and tickers\[1\]/,
        "tickers.1",
      ),
      put("a CSV without a to column", { kind: "csv", csv: "ticker,from\nACME.SAMPLE,2024-01-01\n" }, 400, /line 1: the header 'ticker,from' has no to column/, "csv.line.1"),
      put("a CSV with a bad line", { kind: "csv", csv: "ticker,from,to\nACME.SAMPLE,2024-01-01,\nBAD TICKER,2024-01-01,\n" }, 400, /line 3: 'BAD TICKER' is not a valid ticker/, "csv.line.3"),
      put("a CSV with a bad date", { kind: "csv", csv: "ticker,from,to\nACME.SAMPLE,1/4/2024,\n" }, 400, /line 2: from '1\/4\/2024' is not a date/, "csv.line.2"),
      put("a CSV named by a path only", { kind: "csv", file: "/etc/passwd" }, 400, /send the file's content in 'csv'/, "csv"),
      put("a rule with an unknown field", { kind: "rule", top: 5, windows: 60 }, 400, /Unrecognized key.*windows/),
      put("a rule with top 0", { kind: "rule", top: 0 }, 400, /top/, "top"),
      put("a rule with an unknown measure", { kind: "rule", top: 5, by: "market_cap" }, 400, /median_dollar_volume/, "by"),
      put("a rule ending before it starts", { kind: "rule", top: 5, start: "2024-06-01", end: "2024-01-01" }, 400, /start must not be after end/, "start"),
      put("a rule over a ticker with no bars", { kind: "rule", top: 5, candidates: ["NOPE.SAMPLE"] }, 404, /No 1d bars stored for NOPE\.SAMPLE/),
      { name: "a SQL-looking name", method: "put", path: `/universes/${encodeURIComponent(SQL)}`, body: { kind: "list", tickers: [TICKER] }, status: 400, message: universeName, field: "name" },
      { name: "an unknown source", method: "put", path: `${path}?source=me`, body: { kind: "list", tickers: [TICKER] }, status: 400, message: /source/, field: "source" },
    ];
  });

  endpoint("DELETE /universes/{name}", () => [
    { name: "an unknown universe", method: "delete", path: "/universes/no-such-u", status: 404, message: /No universe 'no-such-u'/, field: "name" },
    { name: "a name with a space", method: "delete", path: "/universes/bad%20name", status: 400, message: universeName, field: "name" },
  ]);

  endpoint("GET /universes/{name}/members", () => {
    const get = (name: string, path: string, status: number, message: RegExp, field?: string): Case => ({ name, method: "get", path, status, message, field });
    return [
      get("no date", "/universes/battery-u/members", 400, /date/, "date"),
      get("a date that is not one", "/universes/battery-u/members?date=2024-13-01", 400, NOT_A_DATE, "date"),
      get("an unknown universe", "/universes/no-such-u/members?date=2024-01-02", 404, /No universe 'no-such-u'/, "name"),
      get("a version that does not exist", "/universes/battery-u/members?date=2024-01-02&version=7", 404, /has no version 7/, "version"),
      get("a SQL-looking name", `/universes/${encodeURIComponent(SQL)}/members?date=2024-01-02`, 400, universeName, "name"),
    ];
  });

  endpoint("POST /panels", () => {
    const post = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "post", path: "/panels", body, status, message, field });
    return [
      ...bodyBasics("post", "/panels", { universe: "battery-u" }),
      post("no universe", { fields: ["close"] }, 400, /universe/, "universe"),
      post("an unknown universe", { universe: "no-such-u" }, 404, /No universe 'no-such-u'\..*Known universes: .*battery-u/, "name"),
      post("an unknown field", { universe: "battery-u", fields: ["price"] }, 400, /adjClose/, "fields.0"),
      post("no columns", { universe: "battery-u", fields: [] }, 400, /no columns/, "fields"),
      post("an unknown feature", { universe: "battery-u", featureSet: [{ name: "nope" }] }, 404, /nope/),
      post("an unknown feature set", { universe: "battery-u", featureSet: "no-such-set" }, 404, /no-such-set/),
      post("start after end", { universe: "battery-u", start: "2024-06-01", end: "2024-01-01" }, 400, START_AFTER_END, "start"),
      post("a start that is not a date", { universe: "battery-u", start: "soon" }, 400, NOT_A_DATE, "start"),
      post("an asOf that is neither", { universe: "battery-u", asOf: "!!" }, 400, /asOf '!!' is not a time/, "asOf"),
      post("version zero", { universe: "battery-u", version: 0 }, 400, /version/, "version"),
      { name: "an unknown format", method: "post", path: "/panels?format=xml", body: { universe: "battery-u" }, status: 400, message: /json.*arrow/, field: "format" },
    ];
  });

  endpoint("PUT /data/attributes", () => {
    const put = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "put", path: "/data/attributes", body, status, message, field });
    return [
      ...bodyBasics("put", "/data/attributes", { rows: [{ ticker: TICKER, sector: "Tech" }] }, "x".repeat(17_000_000)),
      put("no rows", { rows: [] }, 400, /rows/, "rows"),
      put("an unknown attribute", { rows: [{ ticker: TICKER, colour: "red" }] }, 400, /Unrecognized key.*colour/, "rows.0"),
      put("a SQL-looking ticker", { rows: [{ ticker: SQL, sector: "Tech" }] }, 400, TICKER_RULE, "rows.0.ticker"),
      put("a sector that is a number", { rows: [{ ticker: TICKER, sector: 7 }] }, 400, /expected string/, "rows.0.sector"),
    ];
  });

  endpoint("POST /data/attributes/query", () => [
    ...bodyBasics("post", "/data/attributes/query", { tickers: [TICKER] }),
    { name: "a traversal ticker", method: "post", path: "/data/attributes/query", body: { tickers: [TRAVERSAL] }, status: 400, message: TICKER_RULE, field: "tickers.0" },
  ]);

  endpoint("POST /data/retention", () => [
    ...bodyBasics("post", "/data/retention", { olderThanDays: 30 }),
    { name: "a negative age", method: "post", path: "/data/retention", body: { olderThanDays: -1 }, status: 400, message: /olderThanDays/, field: "olderThanDays" },
    { name: "force as a string", method: "post", path: "/data/retention", body: { force: "yes" }, status: 400, message: /force/, field: "force" },
  ]);

  endpoint("POST /models/reproduce", () => [
    ...bodyBasics("post", "/models/reproduce", { runId: UNKNOWN_RUN }),
    { name: "no run id", method: "post", path: "/models/reproduce", body: {}, status: 400, message: /runId/, field: "runId" },
    { name: "a run id that is not one", method: "post", path: "/models/reproduce", body: { runId: "xyz" }, status: 400, message: /runId/, field: "runId" },
    { name: "an unknown run", method: "post", path: "/models/reproduce", body: { runId: UNKNOWN_RUN }, status: 404, message: /0123456789abcdef0123456789abcdef/ },
  ]);

  endpoint("POST /notebooks/run", () => {
    const valid = { notebook: "05-daily-report.ipynb", parameters: { lookbackDays: 60 } };
    const post = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "post", path: "/notebooks/run", body, status, message, field });
    return [
      ...bodyBasics("post", "/notebooks/run", valid),
      post("no notebook", { parameters: {} }, 400, /notebook/, "notebook"),
      post("a notebook that climbs out", { notebook: "../x.ipynb" }, 400, /climbs out/, "notebook"),
      post("a traversal to a system file", { notebook: TRAVERSAL }, 400, /notebook/, "notebook"),
      post("an absolute path", { notebook: "/etc/x.ipynb" }, 400, /is absolute/, "notebook"),
      post("a notebook that does not exist", { notebook: "nope.ipynb" }, 404, /No notebook/),
      post("a parameter of the wrong type", { ...valid, parameters: { lookbackDays: "60" } }, 400, /lookbackDays/, "parameters.lookbackDays"),
      post("an unknown parameter", { ...valid, parameters: { tickr: "X" } }, 400, /unknown parameter/i),
      post("a zero timeout", { ...valid, timeoutSeconds: 0 }, 400, /timeoutSeconds/, "timeoutSeconds"),
    ];
  });

  endpoint("GET /notebooks/runs", () => [
    { name: "a limit of zero", method: "get", path: "/notebooks/runs?limit=0", status: 400, message: /limit/, field: "limit" },
    { name: "an unknown status", method: "get", path: "/notebooks/runs?status=done", status: 400, message: /status/, field: "status" },
    { name: "an unknown query field", method: "get", path: "/notebooks/runs?offset=3", status: 400, message: /Unrecognized key.*offset/ },
  ]);

  endpoint("GET /notebooks/runs/{id}", () => [
    { name: "an unknown id", method: "get", path: "/notebooks/runs/no-such", status: 404, message: /no-such/ },
    { name: "a SQL-looking id", method: "get", path: `/notebooks/runs/${encodeURIComponent(SQL)}`, status: 400, message: /id/, field: "id" },
  ]);

  endpoint("PUT /notebooks/runs/{id}", () => {
    const run = {
      id: "r1",
      jobId: null,
      notebook: "05-daily-report.ipynb",
      parameters: {},
      status: "succeeded",
      trigger: "job:j1",
      startedAt: "2026-01-02T03:04:05.000Z",
      finishedAt: "2026-01-02T03:04:09.000Z",
      durationMs: 4000,
      outputPath: "outputs/05-daily-report/20260102T030405Z.ipynb",
      htmlPath: null,
      error: null,
      scheduleId: null,
    };
    const valid = { run, notebook: JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }), html: null };
    const put = (name: string, body: unknown, status: number, message: RegExp, field?: string): Case => ({ name, method: "put", path: "/notebooks/runs/r1", body, status, message, field });
    return [
      ...bodyBasics("put", "/notebooks/runs/r1", valid, "x".repeat(65 * 1024 * 1024)),
      put("a body for another run", { ...valid, run: { ...run, id: "r2" } }, 400, /path names run 'r1' but the body holds run 'r2'/, "run.id"),
      put("a run still running", { ...valid, run: { ...run, status: "running" } }, 400, /still running/, "run.status"),
      put("an unknown status", { ...valid, run: { ...run, status: "done" } }, 400, /status/, "run.status"),
      put("a start that is not a time", { ...valid, run: { ...run, startedAt: "yesterday" } }, 400, /startedAt/, "run.startedAt"),
      put("a notebook that is not JSON", { ...valid, notebook: "{cells: [" }, 400, /does not parse/),
      put("a notebook that is not nbformat 4", { ...valid, notebook: JSON.stringify({ nbformat: 3, cells: [] }) }, 400, /nbformat 4/),
      put("a notebook that climbs out", { ...valid, run: { ...run, notebook: "../x.ipynb" } }, 400, /climbs out/),
      put("a notebook that does not exist", { ...valid, run: { ...run, notebook: "nope.ipynb" } }, 404, /No notebook 'nope.ipynb'/),
      put("no html field", { run, notebook: valid.notebook }, 400, /html/, "html"),
      { name: "a SQL-looking id", method: "put", path: `/notebooks/runs/${encodeURIComponent(SQL)}`, body: valid, status: 400, message: /id/, field: "id" },
    ];
  });

  endpoint("GET /notebooks/runs/{id}/output", () => [
    { name: "an unknown format", method: "get", path: "/notebooks/runs/no-such/output?format=pdf", status: 400, message: /format/, field: "format" },
    { name: "an unknown id", method: "get", path: "/notebooks/runs/no-such/output", status: 404, message: /no-such/ },
    { name: "an encoded traversal", method: "get", path: "/notebooks/runs/%2e%2e%2f/output", status: 400, message: /id/, field: "id" },
  ]);

  endpoint("GET /jobs", () => [
    { name: "an unknown status", method: "get", path: "/jobs?status=done", status: 400, message: /status.*queued/, field: "status" },
    { name: "a SQL-looking kind", method: "get", path: `/jobs?kind=${encodeURIComponent(SQL)}`, status: 400, message: /a job kind/, field: "kind" },
    { name: "a negative limit", method: "get", path: "/jobs?limit=-5", status: 400, message: /limit/, field: "limit" },
    { name: "an unknown query field", method: "get", path: "/jobs?offset=3", status: 400, message: /Unrecognized key.*offset/ },
  ]);

  for (const [method, suffix, name] of [
    ["get", "", "GET /jobs/{id}"],
    ["get", "/events", "GET /jobs/{id}/events"],
    ["delete", "", "DELETE /jobs/{id}"],
  ] as const) {
    endpoint(name, () => [
      { name: "an unknown id", method, path: `/jobs/no-such-job${suffix}`, status: 404, message: /No job 'no-such-job'/, field: "id" },
      { name: "a SQL-looking id", method, path: `/jobs/${encodeURIComponent(SQL)}${suffix}`, status: 400, message: /a job id/, field: "id" },
      { name: "an encoded traversal", method, path: `/jobs/%2e%2e%2f${suffix}`, status: 400, message: /a job id/, field: "id" },
      ...(method === "delete" ? [{ name: "a job that has ended", method, path: `/jobs/${finishedJob}`, status: 409, message: /nothing to cancel/ }] : []),
    ]);
  }

  endpoint("routes that do not exist", () => [
    { name: "an unknown path", method: "get", path: "/admin", status: 404, message: /No route GET \/admin/ },
    { name: "a wrong method", method: "delete", path: "/data/tickers", status: 405, message: /DELETE is not allowed on \/data\/tickers; it answers GET, HEAD/ },
    { name: "a traversal to the repo", method: "get", path: "/docs/../../package.json", status: 404, message: /No route/ },
    { name: "a docs asset that is not served", method: "get", path: "/docs/package.json", status: 404, message: /No route/ },
  ]);

  it("answers a range without bars with an empty frame, not an error", async () => {
    const res = await request(app).get(`/data/${TICKER}?start=1990-01-01&end=1990-12-31`).expect(200);
    expect(res.body).toMatchObject({ ticker: TICKER, interval: "1d", ts: [], close: [] });
  });

  it("covers every documented operation that takes input", async () => {
    const doc = (await request(app).get("/openapi.json").expect(200)).body as { paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>> };
    const withInput = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => (op.parameters?.length ?? 0) > 0 || op.requestBody)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const covered = new Set(Object.keys(battery));
    expect(withInput.filter((op) => !covered.has(op))).toEqual([]);
    const size = Object.values(battery).reduce((n, cases) => n + cases().length, 0);
    expect(size).toBeGreaterThan(200);
  });
});
