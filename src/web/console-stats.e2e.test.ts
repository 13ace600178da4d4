import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleBytes } from "../prereview/queue/__fixtures__/sample-files.js";
import { findSeriousViolations } from "./axe-check.js";
import { browserUnavailableReason, launchChromium, startWebApp, type WebApp } from "./e2e-support.js";

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`console analytics browser tests skipped: ${unavailable}`);

const QUESTIONS = ["你好", "退休要带什么材料", "火星签证怎么办理", "火星签证去哪里办"];
/** A rule code as stored (`completeness.missing`, `consistency.name`): never shown to a clerk. */
const RULE_CODE = /\b(completeness|document|file|quality|validity|consistency|eligibility)\.[a-z_]+/;

/** Submits a case whose findings the analytics count, and has the clerk override its first finding. */
async function reviewedCase(app: WebApp): Promise<void> {
  const clerk = { Authorization: `Bearer ${app.clerkToken}` };
  const form = new FormData();
  form.append("bundleId", "retirement");
  form.append("files", new Blob([new Uint8Array(sampleBytes.pdf)], { type: "application/pdf" }), "户口簿.pdf");
  const submitted = await fetch(`${app.baseUrl}/api/prereview`, { method: "POST", headers: clerk, body: form });
  if (submitted.status !== 202) throw new Error(`pre-review answered ${submitted.status}`);
  const { caseId } = (await submitted.json()) as { caseId: string };
  for (let attempt = 0; attempt < 600; attempt++) {
    const view = (await (await fetch(`${app.baseUrl}/api/prereview/${caseId}`, { headers: clerk })).json()) as {
      status: string;
      report?: { findings: { id: string }[] };
    };
    if (view.status === "failed") throw new Error("the pre-review case failed");
    const finding = view.report?.findings[0];
    if (view.status === "done" && finding) {
      const reviewed = await fetch(`${app.baseUrl}/api/prereview/${caseId}/review`, {
        method: "POST",
        headers: { ...clerk, "content-type": "application/json" },
        body: JSON.stringify({ decisions: [{ findingId: finding.id, decision: "override", comment: "测试推翻" }] }),
      });
      if (reviewed.status !== 201) throw new Error(`review answered ${reviewed.status}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the pre-review case never finished");
}

describe.skipIf(unavailable)("the console's 统计分析 tab in Chromium", () => {
  let app: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp(), launchChromium()]);
    for (const message of QUESTIONS) {
      const response = await fetch(`${app.baseUrl}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message }),
      });
      if (!response.ok) throw new Error(`chat answered ${response.status}`);
    }
    await reviewedCase(app);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("shows today's questions as figures, charts and tables, exports a table as CSV, and passes axe", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    await page.goto(`${app.baseUrl}/console`);
    await page.getByLabel("工作人员令牌").fill(app.clerkToken);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("button", { name: "统计分析", exact: true }).click();
    await page.waitForSelector('#stats-results[data-ready="true"]', { timeout: 60_000 });
    expect(await page.locator("#case-form").isVisible()).toBe(false);

    const figures = await page.locator(".figure").allTextContents();
    expect(figures).toContain(`提问数${QUESTIONS.length}`);
    // Four titled charts, each with data: one case was submitted and one of its findings overridden.
    expect(await page.locator("figure.chart figcaption").allTextContents()).toEqual([
      "每日咨询量",
      "咨询意图",
      "每日预审件数",
      "各规则推翻率",
    ]);
    expect(await page.locator('canvas[role="img"]').count()).toBe(4);
    // Rules are named in Chinese, in the tables and on the chart's bars (its fallback text names them).
    const results = (await page.locator("#stats-results").textContent()) ?? "";
    expect(results).not.toMatch(RULE_CODE);
    const overridden = await page.locator('canvas[aria-label^="各规则被工作人员推翻"]').textContent();
    expect(overridden).toMatch(/：\p{Script=Han}/u);
    expect(overridden).not.toMatch(RULE_CODE);
    expect(await page.locator("#stats-findings-by-rule thead th").allTextContents()).toEqual([
      "规则",
      "问题数",
      "其中错误",
    ]);
    expect(await page.locator("#stats-findings-by-rule tbody tr").count()).toBeGreaterThan(0);
    // Questions per day add up to the questions asked (two rows if the run crossed midnight in Beijing).
    const perDay = await page.locator("#stats-questions-per-day tbody tr td:nth-child(2)").allTextContents();
    expect(perDay.reduce((total, cell) => total + Number(cell), 0)).toBe(QUESTIONS.length);
    // The two wordings of the unanswered question are one cluster, counted twice.
    const unanswered = await page.locator("#stats-unanswered tbody tr").allTextContents();
    expect(unanswered.some((row) => row.includes("火星签证") && row.includes("2"))).toBe(true);

    const violations = await findSeriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "导出 CSV：每日咨询量" }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    expect(csv.startsWith("\uFEFF日期,提问数,未能作答,拒答,转人工\r\n")).toBe(true);

    // Back to the pre-review page.
    await page.getByRole("button", { name: "预审", exact: true }).click();
    expect(await page.locator("#stats").isVisible()).toBe(false);
    await page.close();
  }, 120_000);
});
