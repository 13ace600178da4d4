import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatReply, DEGRADED_NOTICES } from "../agents/index.js";
import { findSeriousViolations } from "./axe-check.js";
import { browserUnavailableReason, launchChromium, startWebApp, type WebApp } from "./e2e-support.js";

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`widget browser tests skipped: ${unavailable}`);

/** The last answer of the assistant once it has finished streaming. */
const lastAnswer = (page: Page) => page.locator("article.msg.bot").last();

async function waitForAnswers(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const root = document.querySelector("#banshi-widget")?.shadowRoot;
      const answers = root?.querySelectorAll('article.msg.bot[aria-busy="false"]') ?? [];
      return answers.length >= expected;
    },
    count,
    { timeout: 60_000 },
  );
}

/** The focused element inside the widget's shadow root, described by its class and text. */
const focusedInWidget = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector("#banshi-widget")?.shadowRoot;
    const active = document.activeElement?.id === "banshi-widget" ? root?.activeElement : undefined;
    return active
      ? { tag: active.tagName.toLowerCase(), className: active.className, text: active.textContent ?? "" }
      : undefined;
  });

describe.skipIf(unavailable)("the chat widget in Chromium", () => {
  let app: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp({ prereview: false }), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function openDemo(width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${app.baseUrl}/demo`);
    await page.waitForFunction(() => "Banshi" in window, undefined, { timeout: 30_000 });
    return page;
  }

  it("streams a cited answer, takes a scenario answer from a button and ends with a checklist", async () => {
    const page = await openDemo();
    await page.getByRole("button", { name: "办事助手" }).click();
    const input = page.getByLabel("输入您的问题");
    await expect
      .poll(() => input.evaluate((element) => element === (element.getRootNode() as ShadowRoot).activeElement))
      .toBe(true);
    await input.fill("新生儿出生要办哪些事");
    await input.press("Enter");
    await waitForAnswers(page, 1);
    await expect.poll(() => lastAnswer(page).locator(".text").textContent()).toMatch(/结婚/);

    // Answer scenario questions with their buttons until the checklist comes.
    for (let turn = 2; turn < 10; turn++) {
      if ((await lastAnswer(page).locator(".checklist").count()) > 0) break;
      const option = lastAnswer(page).locator("button.option").first();
      await option.click();
      await waitForAnswers(page, turn);
    }
    const answer = lastAnswer(page);
    const checklist = answer.locator(".checklist");
    await expect.poll(() => checklist.count()).toBe(1);
    expect(await checklist.locator("li").count()).toBeGreaterThan(3);
    await expect.poll(() => checklist.getByRole("button", { name: /打印/ }).count()).toBe(1);

    // 帮我填申请表: one question at a time, each answer checked, ending with a printable form and JSON.
    await answer.getByRole("button", { name: "帮我填申请表" }).click();
    const guided = answer.locator(".guided-step");
    await expect.poll(() => guided.locator(".guided-question").textContent()).toContain("申请人姓名");
    await guided.getByLabel("申请人姓名").fill("李梅");
    await guided.getByRole("button", { name: "下一步" }).click();
    await expect.poll(() => guided.locator(".guided-question").textContent()).toContain("公民身份号码");
    await guided.locator("input").fill("620102199001010010");
    await guided.getByRole("button", { name: "下一步" }).click();
    await expect.poll(() => guided.getByRole("alert").textContent()).toContain("校验位");
    await guided.locator("input").fill("62010219900101002X");
    await guided.locator("input").press("Enter");
    for (let step = 0; step < 20 && (await guided.locator(".filled-form").count()) === 0; step++) {
      const skip = guided.getByRole("button", { name: "跳过" });
      if ((await skip.count()) > 0) await skip.click();
      else {
        const question = (await guided.locator(".guided-question").textContent()) ?? "";
        await guided.locator("input").fill(question.includes("出生日期") ? "2026-01-20" : "张小雨");
        await guided.getByRole("button", { name: "下一步" }).click();
      }
    }
    const sheet = guided.locator(".filled-form");
    await expect.poll(() => sheet.textContent()).toContain("李梅");
    expect(await sheet.textContent()).toContain("2026-01-20");
    expect(await guided.getByRole("button", { name: "打印申请表" }).count()).toBe(1);
    const json = await guided
      .locator("a.guided-download")
      .evaluate(async (link) => (await fetch((link as HTMLAnchorElement).href)).text());
    expect(JSON.parse(json)).toMatchObject({
      bundleId: "newborn",
      form: { name: "李梅", childBirthDate: "2026-01-20" },
    });

    // Citations under the answer expand to the quote and link to the guide.
    const citations = answer.locator(".citations details");
    expect(await citations.count()).toBeGreaterThan(0);
    await citations.first().locator("summary").click();
    await expect.poll(() => citations.first().locator("blockquote").isVisible()).toBe(true);
    const link = await citations.first().locator("a").getAttribute("href");
    expect(link).toMatch(/\/guide\/(matter|bundle|policy|faq)\//);
    const guide = await page.request.get(link ?? "");
    expect(guide.status()).toBe(200);

    // 好差评: a rating is recorded.
    await answer.getByRole("button", { name: /有帮助/ }).click();
    await expect.poll(() => answer.getByRole("status").textContent()).toBe("感谢您的评价");

    // Handoff is always visible.
    expect(await page.getByRole("link", { name: /转人工.*12345/ }).isVisible()).toBe(true);

    // 简/繁 toggle converts the display and restores it.
    await page.getByRole("button", { name: "繁體" }).click();
    await expect.poll(() => page.locator("#banshi-title").textContent(), { timeout: 20_000 }).toBe("辦事助手");
    // The label changes script too: find the input by its id.
    const prompt = page.locator("#banshi-input");
    await expect.poll(() => prompt.getAttribute("placeholder")).toContain("請輸入");
    await page.getByRole("button", { name: "繁體" }).click();
    await expect.poll(() => page.locator("#banshi-title").textContent()).toBe("办事助手");
    expect(await prompt.getAttribute("placeholder")).toContain("请输入");

    // Icons are inline SVG, not emoji a browser without an emoji font shows as boxes.
    expect(await page.locator('svg[data-icon="chat"]').count()).toBe(1);
    expect(await answer.locator('svg[data-icon="thumbUp"]').count()).toBe(1);
    expect(await page.evaluate(() => /[\u{1F300}-\u{1FAFF}]/u.test(document.body.innerText))).toBe(false);

    const violations = await findSeriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.close();
  }, 180_000);

  it("answers 「我能领什么补贴」 with one question at a time as buttons, then the benefits with reasons and a link to the matter", async () => {
    const page = await openDemo();
    await page.getByRole("button", { name: "办事助手" }).click();
    const input = page.getByLabel("输入您的问题");
    await input.fill("我今年70岁，二级残疾，家里是低保户，我能领什么补贴？");
    await input.press("Enter");
    await waitForAnswers(page, 1);
    await expect
      .poll(() => lastAnswer(page).locator(".text").textContent())
      .toMatch(/想确认一个情况(（关系到.*?）)?：请问/);

    // Answer each question with its first button (是 / the first option) until the list comes.
    for (let turn = 2; turn < 8; turn++) {
      const options = lastAnswer(page).locator(".benefits button.option");
      if ((await options.count()) === 0) break;
      await options.first().click();
      await waitForAnswers(page, turn);
    }
    const section = lastAnswer(page).locator(".benefits");
    await expect.poll(() => section.locator("h3").textContent()).toBe("您可能还可以享受");
    const living = section.locator('[data-benefit="disabled-living-subsidy"]');
    await expect.poll(() => living.count()).toBe(1);
    expect(await living.locator(".tag").first().textContent()).toBe("符合条件");
    await living.locator("summary").click();
    await expect
      .poll(() => living.locator("li").first().textContent())
      .toMatch(/^符合：.*依据《国务院关于全面建立困难残疾人生活补贴/);
    const link = await living.locator("a").getAttribute("href");
    expect(link).toMatch(/\/guide\/matter\/disabled-living-subsidy$/);
    expect((await page.request.get(link ?? "")).status()).toBe(200);

    const violations = await findSeriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.close();
  }, 180_000);

  it("keeps the conversation when the portal moves to another page, and continues the same session", async () => {
    const page = await openDemo();
    await page.getByRole("button", { name: "办事助手" }).click();
    const input = page.getByLabel("输入您的问题");
    await input.fill("新生儿出生要办哪些事");
    await input.press("Enter");
    await waitForAnswers(page, 1);
    const firstAnswer = await lastAnswer(page).locator(".text").textContent();
    const sent: { sessionId?: string }[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/chat")) sent.push(JSON.parse(request.postData() ?? "{}"));
    });

    await page.reload();
    await page.waitForFunction(() => "Banshi" in window, undefined, { timeout: 30_000 });
    expect(await page.locator("#banshi-panel").isVisible()).toBe(true);
    expect(await page.locator(".msg.user").allTextContents()).toEqual(["我：新生儿出生要办哪些事"]);
    expect(await lastAnswer(page).locator(".text").textContent()).toBe(firstAnswer);

    // The scenario question's buttons still work and the reply belongs to the same session.
    await lastAnswer(page).locator("button.option").first().click();
    await waitForAnswers(page, 2);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.sessionId).toMatch(/^[0-9a-f-]{36}$/);

    // Closing the panel is remembered too.
    await page.getByRole("button", { name: "关闭办事助手" }).click();
    await page.reload();
    await page.waitForFunction(() => "Banshi" in window, undefined, { timeout: 30_000 });
    expect(await page.locator("#banshi-panel").isVisible()).toBe(false);
    expect(await page.locator(".msg.user").count()).toBe(2);
    await page.close();
  }, 180_000);

  it("works with the keyboard alone: Tab to the launcher, Enter, ask, choose an option, Escape", async () => {
    const page = await openDemo();
    for (let presses = 0; presses < 60; presses++) {
      const focused = await focusedInWidget(page);
      if (focused?.className.includes("launcher")) break;
      await page.keyboard.press("Tab");
    }
    expect((await focusedInWidget(page))?.className).toContain("launcher");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focusedInWidget(page))?.tag).toBe("textarea");
    await page.keyboard.type("快到退休年龄了要办什么手续");
    await page.keyboard.press("Enter");
    await waitForAnswers(page, 1);
    // Back from the input into the answer's options.
    for (let presses = 0; presses < 30; presses++) {
      const focused = await focusedInWidget(page);
      if (focused?.className === "option") break;
      await page.keyboard.press("Shift+Tab");
    }
    const option = await focusedInWidget(page);
    expect(option?.className).toBe("option");
    await page.keyboard.press("Enter");
    await waitForAnswers(page, 2);
    await expect.poll(() => page.locator("article.msg.bot").count()).toBe(2);
    expect(await focusedInWidget(page)).toMatchObject({ tag: "textarea" });
    await page.keyboard.press("Escape");
    expect(await page.locator("#banshi-panel").isHidden()).toBe(true);
    expect((await focusedInWidget(page))?.className).toContain("launcher");
    await page.close();
  }, 180_000);

  it("fits a phone screen and has no serious accessibility problems in large-text, high-contrast mode", async () => {
    const page = await openDemo(390);
    await page.getByRole("button", { name: "办事助手" }).click();
    const box = await page.locator("#banshi-panel").boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "大字" }).click();
    await page.getByRole("button", { name: "高对比" }).click();
    await page.getByRole("button", { name: "食品经营许可要什么材料" }).click();
    await waitForAnswers(page, 1);
    const size = await lastAnswer(page)
      .locator(".text")
      .evaluate((element) => getComputedStyle(element).fontSize);
    expect(Number.parseFloat(size)).toBeGreaterThanOrEqual(20);
    const violations = await findSeriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.close();
  }, 120_000);

  it("shows the note of a reply that could not be saved, offers no rating, and starts anew after it", async () => {
    const page = await openDemo();
    // The service as it answers while its database is away: a reply without a session or message id.
    const unsaved: ChatReply = {
      mode: "extractive",
      intent: "consult",
      script: "simplified",
      answer: { text: "办理退休需要身份证和户口簿。", citations: [], sentences: [] },
      grounded: true,
      degraded: { reason: "not_saved", notice: DEGRADED_NOTICES.not_saved },
    };
    const sent: unknown[] = [];
    await page.route(`${app.baseUrl}/api/chat`, async (route) => {
      sent.push(route.request().postDataJSON());
      const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
      await route.fulfill({
        status: 200,
        headers: { "content-type": "text/event-stream; charset=utf-8" },
        body: event("answer-delta", { text: unsaved.answer.text }) + event("done", unsaved),
      });
    });
    await page.getByRole("button", { name: "办事助手" }).click();
    const input = page.getByLabel("输入您的问题");
    for (const [turn, question] of ["退休要带什么", "还要什么"].entries()) {
      await input.fill(question);
      await input.press("Enter");
      await waitForAnswers(page, turn + 1);
    }
    const answer = lastAnswer(page);
    await expect.poll(() => answer.getByRole("status").first().textContent()).toBe(DEGRADED_NOTICES.not_saved);
    expect(await answer.locator(".feedback").count()).toBe(0);
    // Nothing was saved, so the next question names no session.
    expect(sent).toEqual([{ message: "退休要带什么" }, { message: "还要什么" }]);
    await page.close();
  }, 120_000);
});
