import { pino } from "pino";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReadStatsOptions, Stats } from "../storage/index.js";
import { sharedIndex } from "../test-support/shared-index.js";
import { createApp } from "./create-app.js";

const CLERK = "clerk-token-for-stats-0123456789";
const ADMIN = "admin-token-for-stats-0123456789";

function sampleStats(): Stats {
  return {
    range: { from: "", to: "", timeZone: "Asia/Shanghai" },
    chat: {
      totals: {
        questions: 4,
        unanswered: 1,
        refused: 1,
        handoffs: 0,
        unansweredRate: 0.25,
        refusalRate: 0.25,
        handoffRate: 0,
      },
      perDay: [{ day: "2026-12-01", questions: 4, unanswered: 1, refused: 1, handoffs: 0 }],
      intents: [{ intent: "consult", count: 3 }],
      documents: [{ documentId: "bundle:retirement", count: 2 }],
      ratings: [{ documentId: "matter:food-business-licence", up: 0, down: 1, comments: [] }],
      unanswered: [{ label: "=1+1 怎么办", count: 2, examples: [], lastSeenAt: "2026-12-01T02:00:00.000Z" }],
    },
    prereview: {
      perDay: [],
      verdicts: [],
      findingsByRule: [{ ruleId: "consistency.name", ruleLabel: "材料之间信息一致", count: 2, errors: 2 }],
      findingsByMatter: [
        { documentId: "bundle:retirement", ruleId: "consistency.name", ruleLabel: "材料之间信息一致", count: 2 },
      ],
      overrides: [{ ruleId: "validity.expired", ruleLabel: "证照已过期", reviewed: 4, overridden: 3, rate: 0.75 }],
      timing: { cases: 0, pagesPerCase: null, secondsPerCase: null, secondsMedian: null, secondsMax: null },
    },
  };
}

let calls: ReadStatsOptions[];
let app: ReturnType<typeof createApp>;
let closed: ReturnType<typeof createApp>;

beforeAll(async () => {
  const { catalog, index } = await sharedIndex();
  calls = [];
  const storage = {
    async readStats(options: ReadStatsOptions) {
      calls.push(options);
      return sampleStats();
    },
  };
  const logger = pino({ level: "silent" });
  app = createApp({
    catalog,
    index,
    logger,
    stats: { storage, clerkTokens: [{ label: "wang", token: CLERK }], adminToken: ADMIN },
  });
  closed = createApp({ catalog, index, logger, stats: { storage } });
});

const get = (query: Record<string, string>, token = CLERK) =>
  request(app).get("/api/admin/stats").query(query).set("Authorization", `Bearer ${token}`);

describe("GET /api/admin/stats", () => {
  it("answers a clerk and the administrator, refuses anyone else, and is off without tokens", async () => {
    expect((await get({})).status).toBe(200);
    expect((await get({}, ADMIN)).status).toBe(200);
    const stranger = await get({}, "wrong-token-wrong-token-wrong-token");
    expect(stranger.status).toBe(401);
    expect(stranger.body.error.code).toBe("unauthorized");
    expect((await request(app).get("/api/admin/stats")).status).toBe(401);
    expect((await request(closed).get("/api/admin/stats")).status).toBe(403);
  });

  it("reads whole days in China Standard Time, `to` inclusive", async () => {
    calls.length = 0;
    await get({ from: "2026-12-01", to: "2026-12-03" });
    expect(calls[0]?.from.toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(calls[0]?.to.toISOString()).toBe("2026-12-03T16:00:00.000Z");
  });

  it("defaults to the last 30 days", async () => {
    calls.length = 0;
    await get({});
    const span = (calls[0]?.to.getTime() ?? 0) - (calls[0]?.from.getTime() ?? 0);
    expect(span).toBe(30 * 86_400_000);
  });

  it("names the guides it counts from the catalog", async () => {
    const response = await get({});
    expect(response.body.chat.documents[0]).toEqual({
      documentId: "bundle:retirement",
      name: expect.any(String),
      count: 2,
    });
    expect(response.body.chat.ratings[0].name).toBe("食品经营许可（新办）");
  });

  it("names each rule in Chinese beside its code, a declared rule with what it compares in the guides", async () => {
    const { prereview } = (await get({})).body as Stats;
    expect(prereview.overrides[0]).toMatchObject({ ruleId: "validity.expired", ruleLabel: "证照已过期" });
    // consistency.name compares 姓名 in the retirement bundle, 申请人姓名 or 经办人姓名 elsewhere.
    expect(prereview.findingsByMatter[0]?.ruleLabel).toBe("材料之间信息一致：姓名");
    expect(prereview.findingsByRule[0]?.ruleLabel).toMatch(/^材料之间信息一致：.*姓名.*、/);
    const csv = await get({ format: "csv", table: "findings-by-matter" });
    expect(csv.text).toContain("规则,规则代码,问题数");
    expect(csv.text).toContain("材料之间信息一致：姓名,consistency.name,2");
  });

  it.each([
    [{ from: "2026-02-30" }, /日期无效/],
    [{ from: "2026-12-05", to: "2026-12-01" }, /不能晚于/],
    [{ from: "2024-01-01", to: "2026-01-01" }, /最多统计/],
    [{ from: "12/01/2026" }, /YYYY-MM-DD/],
    [{ since: "2026-12-01" }, /请求参数有误/],
  ])("refuses %o with a clear Chinese message", async (query, message) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "bad_request", message: expect.stringMatching(message) });
  });

  it("exports one table as CSV with a BOM, Chinese headings and formula-looking text defused", async () => {
    const response = await get({ format: "csv", table: "overrides", from: "2026-12-01", to: "2026-12-01" });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/csv/);
    expect(response.headers["content-disposition"]).toContain("banshi-overrides-2026-12-01-2026-12-01.csv");
    expect(response.text).toBe("\uFEFF规则,规则代码,已审核,被推翻,推翻率\r\n证照已过期,validity.expired,4,3,75.0%\r\n");
    const unanswered = await get({ format: "csv", table: "unanswered" });
    expect(unanswered.text).toContain("'=1+1 怎么办");
  });

  it("asks which table a CSV export should hold", async () => {
    const response = await get({ format: "csv" });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/questions-per-day/);
  });
});
