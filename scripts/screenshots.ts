// npm run screenshots: the widget (desktop, phone width, large-text mode) and the clerk console's
// report, taken in Debian's Chromium from the real app, saved to docs/screenshots/*.png.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { generatePrereviewCases } from "../evals/prereview/generator/index.js";
import { attachFiles, chooseBundle, fillApplicationForm } from "../src/web/console-e2e-steps.js";
import { browserUnavailableReason, launchChromium, startWebApp } from "../src/web/e2e-support.js";

const OUT = path.resolve(import.meta.dirname, "../docs/screenshots");

async function waitForAnswers(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      (document.querySelector("#banshi-widget")?.shadowRoot?.querySelectorAll('article.msg.bot[aria-busy="false"]')
        .length ?? 0) >= expected,
    count,
    { timeout: 60_000 },
  );
}

async function widgetConversation(browser: Browser, baseUrl: string, width: number, large: boolean, file: string) {
  const page = await browser.newPage({ viewport: { width, height: width < 500 ? 844 : 900 }, deviceScaleFactor: 1 });
  await page.goto(`${baseUrl}/demo`);
  await page.waitForFunction(() => "Banshi" in window);
  await page.getByRole("button", { name: "办事助手" }).click();
  if (large) await page.getByRole("button", { name: "大字" }).click();
  await page.getByLabel("输入您的问题").fill("新生儿出生要办哪些事");
  await page.getByLabel("输入您的问题").press("Enter");
  await waitForAnswers(page, 1);
  for (let turn = 2; turn < 8; turn++) {
    const last = page.locator("article.msg.bot").last();
    if ((await last.locator(".checklist").count()) > 0) break;
    await last.locator("button.option").first().click();
    await waitForAnswers(page, turn);
  }
  const last = page.locator("article.msg.bot").last();
  await last.locator(".citations summary").first().click();
  await last.locator(".checklist").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, file) });
  await page.close();
}

async function consoleReport(browser: Browser, baseUrl: string, clerkToken: string) {
  const [generated] = (
    await generatePrereviewCases({
      seed: 7,
      count: 4,
      templates: ["retirement"],
      cleanShare: 0,
      formats: ["png", "jpeg"],
    })
  ).filter((candidate) => candidate.expected.defects.some((defect) => defect.ruleId === "validity.expired"));
  if (!generated) throw new Error("no generated case with an expired ID card");
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  await page.goto(`${baseUrl}/console`);
  await page.getByLabel("工作人员令牌").fill(clerkToken);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForSelector('#case-form[data-ready="true"]');
  await chooseBundle(page, generated);
  await fillApplicationForm(page, generated.form);
  await attachFiles(page, generated);
  await page.getByRole("button", { name: "提交预审" }).click();
  await page.waitForSelector("#verdict", { timeout: 180_000 });
  await page.waitForSelector('.page[data-box-drawn="true"]', { timeout: 30_000 });
  await page.locator("#report").screenshot({ path: path.join(OUT, "console-report.png") });
  await page.close();
}

async function main(): Promise<void> {
  const unavailable = browserUnavailableReason();
  if (unavailable) throw new Error(unavailable);
  await mkdir(OUT, { recursive: true });
  const [app, browser] = await Promise.all([startWebApp(), launchChromium()]);
  try {
    await widgetConversation(browser, app.baseUrl, 1280, false, "widget-desktop.png");
    await widgetConversation(browser, app.baseUrl, 390, false, "widget-phone.png");
    await widgetConversation(browser, app.baseUrl, 1280, true, "widget-large-text.png");
    await consoleReport(browser, app.baseUrl, app.clerkToken);
    console.log(`screenshots written to ${path.relative(process.cwd(), OUT)}`);
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
