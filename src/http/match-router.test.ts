import { Writable } from "node:stream";
import express from "express";
import pino from "pino";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { type Benefit, loadBenefits, loadCatalog } from "../catalog/index.js";
import type { PrereviewCase } from "../storage/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { errorHandler } from "./error-handler.js";
import { createMatchRouter } from "./match-router.js";
import { createOpenApiDocument } from "./openapi.js";
import { createPortalToken } from "./portal-token.js";
import { createRequestLogger } from "./request-logger.js";

const SECRET = "portal-secret-for-tests";
const CLERK = "clerk-token-for-tests";
let app: express.Express;
let benefits: Map<string, Benefit>;

beforeAll(async () => {
  const catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
  benefits = await loadBenefits({ directory: KNOWLEDGE_DIR, catalog });
  app = express();
  app.use(express.json());
  app.use(
    "/api",
    createMatchRouter({
      benefits: () => benefits,
      portalTokenSecret: SECRET,
      clerkTokens: [{ label: "desk-1", token: CLERK }],
      maxCsvBytes: 2000,
      now: () => new Date("2026-12-04T04:00:00Z"),
    }),
  );
  app.use(errorHandler);
});

const decisionOf = (body: { matches: { benefitId: string; decision: string }[] }, id: string) =>
  body.matches.find((match) => match.benefitId === id)?.decision;

describe("POST /api/match", () => {
  it("matches a newborn's family and gives reasons with their source and the matter or bundle to claim at", async () => {
    const response = await request(app)
      .post("/api/match")
      .send({ profile: { birthDate: "1994-05-01", sex: "female", youngestChildBirthDate: "2026-09-30" } });
    expect(response.status).toBe(200);
    expect(response.body.asOf).toBe("2026-12-04");
    expect(response.body.subject).toBe("individual");
    const childcare = response.body.matches.find(
      (match: { benefitId: string }) => match.benefitId === "childcare-subsidy",
    );
    expect(childcare).toMatchObject({
      decision: "eligible",
      claim: { mode: "apply", bundleId: "newborn" },
      reasons: [{ status: "met", source: "《育儿补贴制度实施方案》", basis: expect.stringContaining("3周岁以下") }],
    });
    const maternity = response.body.matches.find(
      (match: { benefitId: string }) => match.benefitId === "maternity-allowance",
    );
    expect(maternity.decision).toBe("possible");
    expect(maternity.missingFacts.map((fact: { fact: string }) => fact.fact)).toEqual(["employeeInsured"]);
  });

  it("filters by decision but keeps the counts over all benefits", async () => {
    const response = await request(app)
      .post("/api/match")
      .send({ profile: { subject: "enterprise", enterpriseType: "company", employees: 20 }, decisions: ["eligible"] });
    expect(response.status).toBe(200);
    expect(response.body.matches.every((match: { decision: string }) => match.decision === "eligible")).toBe(true);
    expect(response.body.counts.possible + response.body.counts.ineligible).toBeGreaterThan(0);
  });

  it("reports unknown profile fields by name (400), never ignoring them", async () => {
    const response = await request(app)
      .post("/api/match")
      .send({ profile: { age: 30, income: 5000 } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("bad_request");
    expect(response.body.error.message).toContain("未知的画像字段：income");
  });

  it("answers a child born before the parent with a clear 400", async () => {
    const response = await request(app)
      .post("/api/match")
      .send({ profile: { birthDate: "2001-01-01", youngestChildBirthDate: "1999-06-01" } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/相互矛盾.*子女出生日期早于/);
  });

  it("rejects a value of the wrong type and a malformed date", async () => {
    const response = await request(app)
      .post("/api/match")
      .send({ profile: { disabilityGrade: "一级" }, asOf: "04/12/2026" });
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(
      expect.arrayContaining(["profile.disabilityGrade", "asOf"]),
    );
  });

  it("takes the facts a signed portal token vouches for, over the body's", async () => {
    const token = createPortalToken(
      { sub: "user-1", exp: Math.floor(Date.now() / 1000) + 600, profile: { age: 82, localResident: true } },
      SECRET,
    );
    const response = await request(app)
      .post("/api/match")
      .set("X-Banshi-User-Token", token)
      .send({ profile: { age: 40, lowIncomeFamily: true } });
    expect(response.status).toBe(200);
    expect(decisionOf(response.body, "elderly-allowance")).toBe("eligible");
  });

  it("answers a bad portal token with 401", async () => {
    const response = await request(app).post("/api/match").set("X-Banshi-User-Token", "not.a-token").send({});
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthorized");
  });
});

describe("POST /api/match logs", () => {
  it("never writes a profile's facts to the log, neither on success nor when they contradict each other", async () => {
    let logged = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    const loggedApp = express();
    loggedApp.use(createRequestLogger(pino({ level: "info" }, sink)));
    loggedApp.use(express.json());
    loggedApp.use("/api", createMatchRouter({ benefits: () => benefits }));
    loggedApp.use(errorHandler);
    const ok = await request(loggedApp)
      .post("/api/match")
      .send({ profile: { birthDate: "1971-03-17", youngestChildBirthDate: "2026-05-02", sex: "female" } });
    expect(ok.status).toBe(200);
    const contradictory = await request(loggedApp)
      .post("/api/match")
      .send({ profile: { birthDate: "1971-03-17", age: 37, youngestChildAge: 38 } });
    expect(contradictory.status).toBe(400);
    // The person reads what contradicts what, with their own figures …
    expect(contradictory.body.error.message).toMatch(/年龄为37，与出生日期推算的55不一致/);
    // … the log only that a profile was refused.
    expect(logged).toMatch(/contradictory profile \(\d+ problems\)/);
    for (const value of ["1971-03-17", "2026-05-02", "female", "年龄为", "推算"]) expect(logged).not.toContain(value);
  });
});

describe("POST /api/match with a pre-review case", () => {
  const CASE_ID = "0b8f5a52-6a0e-4f53-9a55-2f3f6b3f7d10";
  const SECRET_OF_CASE = "the-case-secret";
  // A fake case service that records what was asked of it.
  const viewed: string[] = [];
  const record = {
    id: CASE_ID,
    bundleId: "retirement",
    form: { idNumber: "11010519491231002X" },
  } as unknown as PrereviewCase;
  const cases = {
    get: async (id: string) => (id === CASE_ID ? record : undefined),
    getWithSecret: async (id: string, secret: string) =>
      id === CASE_ID && secret === SECRET_OF_CASE ? record : undefined,
    details: async (id: string, viewer?: { clerk: string }) => {
      if (viewer) viewed.push(`${viewer.clerk}:${id}`);
      return { reviews: [] };
    },
  };
  let withCases: express.Express;
  beforeAll(() => {
    withCases = express();
    withCases.use(express.json());
    withCases.use(
      "/api",
      createMatchRouter({
        benefits: () => benefits,
        cases,
        clerkTokens: [{ label: "desk-1", token: CLERK }],
        now: () => new Date("2026-12-04T04:00:00Z"),
      }),
    );
    withCases.use(errorHandler);
  });

  it("takes the age and sex from the case's ID number for its applicant", async () => {
    const response = await request(withCases)
      .post("/api/match")
      .set("x-case-secret", SECRET_OF_CASE)
      .send({ caseId: CASE_ID });
    expect(response.status).toBe(200);
    const withoutCase = await request(withCases).post("/api/match").send({});
    // The ID number says a woman born in 1949: more benefits are decided than with no facts at all.
    const undecided = (body: { counts: Record<string, number> }) => body.counts.possible ?? 0;
    expect(undecided(response.body)).toBeLessThan(undecided(withoutCase.body));
  });

  it("refuses a wrong secret with 403 and audits a clerk's view", async () => {
    const wrong = await request(withCases).post("/api/match").set("x-case-secret", "nope").send({ caseId: CASE_ID });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe("forbidden");
    const clerk = await request(withCases)
      .post("/api/match")
      .set("authorization", `Bearer ${CLERK}`)
      .send({ caseId: CASE_ID });
    expect(clerk.status).toBe(200);
    expect(viewed).toEqual([`clerk:desk-1:${CASE_ID}`]);
  });
});

describe("POST /api/match limits", () => {
  it("answers a client over its per-minute limit with 429 and the error shape", async () => {
    const limited = express();
    limited.use(express.json());
    limited.use("/api", createMatchRouter({ benefits: () => benefits, requestsPerMinute: 2 }));
    limited.use(errorHandler);
    for (let i = 0; i < 2; i++)
      expect((await request(limited).post("/api/match").send({ profile: {} })).status).toBe(200);
    const third = await request(limited).post("/api/match").send({ profile: {} });
    expect(third.status).toBe(429);
    expect(third.body.error).toMatchObject({ code: "rate_limited" });
  });
});

describe("POST /api/clerk/match", () => {
  const csv = "id,onlyChildParent,employmentStatus,age\na,是,已退休,65\nb,也许,已退休,70\n";

  it("returns the list as CSV with a per-benefit summary, skipping a bad row by line number", async () => {
    const response = await request(app)
      .post("/api/clerk/match")
      .set("Authorization", `Bearer ${CLERK}`)
      .set("Content-Type", "text/csv")
      .send(csv);
    expect(response.status).toBe(200);
    expect(response.body.summary).toMatchObject({ rows: 2, matched: 1, skipped: [{ line: 3 }] });
    expect(response.body.csv).toMatch(/^id,line,benefit_id/);
    expect(response.body.csv).toContain("a,2,only-child-parent-reward,独生子女父母奖励（退休时）,符合,免申即享");
  });

  it("reads a file saved in GBK", async () => {
    // GBK bytes of 是 and 已退休.
    const yes = Buffer.from([0xca, 0xc7]);
    const retired = Buffer.from([0xd2, 0xd1, 0xcd, 0xcb, 0xd0, 0xdd]);
    const body = Buffer.concat([
      Buffer.from("id,onlyChildParent,employmentStatus,age\na,"),
      yes,
      Buffer.from(","),
      retired,
      Buffer.from(",65\n"),
    ]);
    const response = await request(app)
      .post("/api/clerk/match")
      .set("Authorization", `Bearer ${CLERK}`)
      .set("Content-Type", "text/csv")
      .send(body);
    expect(response.status).toBe(200);
    expect(response.body.summary).toMatchObject({ rows: 1, matched: 1, skipped: [] });
    expect(response.body.csv).toContain("a,2,only-child-parent-reward,独生子女父母奖励（退休时）,符合");
  });

  it("refuses a caller without a clerk token before reading the file", async () => {
    const response = await request(app).post("/api/clerk/match").set("Content-Type", "text/csv").send(csv);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthorized");
  });

  it("answers a header with unknown columns, and a file over the limit, with the error shape", async () => {
    const clerk = () =>
      request(app).post("/api/clerk/match").set("Authorization", `Bearer ${CLERK}`).set("Content-Type", "text/csv");
    const unknown = await clerk().send("id,idNumber\nx,11010519491231002X\n");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe("表头有未知列：idNumber");
    const large = await clerk().send(`id,age\n${"x,30\n".repeat(600)}`);
    expect(large.status).toBe(413);
    expect(large.body.error.code).toBe("payload_too_large");
  });
});

describe("OpenAPI", () => {
  it("describes POST /api/match with the request schema and the Profile fields", () => {
    const document = createOpenApiDocument({ maxK: 20, version: "test" }) as {
      paths: Record<string, { post?: { requestBody: { content: { "application/json": { schema: object } } } } }>;
    };
    const schema = JSON.stringify(document.paths["/api/match"]?.post?.requestBody.content["application/json"].schema);
    expect(schema).toContain("youngestChildBirthDate");
    expect(schema).toContain("disabilityGrade");
  });
});
