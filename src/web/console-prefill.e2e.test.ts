import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePrereviewCases, type PrereviewCase } from "../../evals/prereview/generator/index.js";
import { findSeriousViolations } from "./axe-check.js";
import { attachFiles, chooseBundle } from "./console-e2e-steps.js";
import { browserUnavailableReason, launchChromium, startWebApp, type WebApp } from "./e2e-support.js";

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`console prefill browser tests skipped: ${unavailable}`);

/** A generated 退休 case with no planted defect, as clean images. */
async function cleanRetirementCase(): Promise<PrereviewCase> {
  const cases = await generatePrereviewCases({
    seed: 11,
    count: 2,
    templates: ["retirement"],
    cleanShare: 1,
    formats: ["png"],
  });
  const found = cases.find((candidate) => candidate.expected.defects.length === 0);
  if (!found) throw new Error("the generator gave no clean retirement case for seed 11");
  return found;
}

async function signIn(page: Page, app: WebApp): Promise<void> {
  await page.goto(`${app.baseUrl}/console`);
  await page.getByLabel("工作人员令牌").fill(app.clerkToken);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForSelector('#case-form[data-ready="true"]', { timeout: 30_000 });
}

describe.skipIf(unavailable)("the console's application form in Chromium", () => {
  let app: WebApp;
  let browser: Browser;
  let generated: PrereviewCase;

  beforeAll(async () => {
    [app, browser, generated] = await Promise.all([startWebApp(), launchChromium(), cleanRetirementCase()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("renders the form from the bundle's schema with Chinese labels, selects and checks as one types", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, app);
    expect(await page.locator("#case-bundle").inputValue()).toBe("");
    expect(await page.locator("#application-form .form-field").count()).toBe(0);

    await page.locator("#case-bundle").selectOption("retirement");
    await page.waitForSelector("#form-retirementCategory", { timeout: 30_000 });
    const category = page.getByLabel("退休人员类别");
    expect(await category.evaluate((element) => element.tagName)).toBe("SELECT");
    expect(await category.locator("option").allTextContents()).toContain("女工人");

    const idNumber = page.getByLabel("公民身份号码（必填）");
    const valid = generated.form.idNumber as string;
    const wrong = valid.slice(0, 17) + (valid[17] === "1" ? "2" : "1");
    await idNumber.fill(wrong);
    await expect.poll(() => page.locator("#form-idNumber-message").textContent()).toContain("校验位");
    expect(await idNumber.getAttribute("aria-invalid")).toBe("true");
    await idNumber.fill(valid);
    await expect.poll(() => page.locator("#form-idNumber-message").textContent()).toBe("");
    await page.getByLabel("联系电话").fill("1381234");
    await expect.poll(() => page.locator("#form-phone-message").textContent()).toContain("11位");

    // Submitting without files is refused with the reason.
    await page.getByRole("button", { name: "提交预审" }).click();
    await expect.poll(() => page.locator("#case-status").textContent()).toContain("请先添加材料文件");

    const violations = await findSeriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.close();
  }, 120_000);

  it("prefills the form from the uploads with each value's source, submits, lists the case in Chinese, and keeps the clerk's check of the prefill", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, app);
    await chooseBundle(page, generated);
    await attachFiles(page, generated, { actual: true });

    await page.getByRole("button", { name: "从材料预填申请表" }).click();
    await expect.poll(() => page.locator("#prefill-status").textContent(), { timeout: 150_000 }).toContain("已预填");
    // Read with real OCR: most fields come back filled, each with where it came from.
    expect(await page.locator('[data-prefill="filled"]').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator("#form-idNumber").inputValue()).toBe(generated.form.idNumber);
    expect(await page.locator("#form-idNumber-source").textContent()).toMatch(/来自(居民身份证|申请表|社会保障卡)/);
    expect(await page.locator("#form-phone-source").textContent()).toContain("来自申请表");
    // Before anything is submitted, a value's source shows where it was read, on the uploaded image.
    await page.locator("#form-idNumber-evidence").click();
    await page.waitForSelector('#new-case-evidence .page[data-box-drawn="true"]', { timeout: 30_000 });
    expect(await page.locator("#new-case-evidence").getAttribute("data-field")).toBe("idNumber");
    expect(await page.locator("#new-case-evidence svg rect.box").count()).toBe(1);
    expect(await page.locator("#new-case-evidence img").getAttribute("alt")).toContain("框出");
    // A man's category follows from his sex; a woman is asked for her post.
    if (generated.form.retirementCategory === "male")
      expect(await page.locator("#form-retirementCategory").inputValue()).toBe("male");
    else expect(await page.locator("#form-retirementCategory-source").textContent()).toContain("岗位");

    const violations = await findSeriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    await page.getByLabel("申请日期").fill(generated.form.applicationDate as string);
    await page.getByRole("button", { name: "提交预审" }).click();
    await page.waitForSelector("#verdict", { timeout: 150_000 });
    // The list catches up when the case finishes, without a reload, in Chinese.
    const row = page.locator("#case-rows tr").first();
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain("退休“一件事”");
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain("已完成");

    // In the report the clerk checks the prefilled form: a value's document source opens the page
    // image with the evidence box drawn where the value was read.
    await page.waitForSelector("#prefill-review");
    const sourceButton = page.locator("#prefill-review tr[data-field] button[id$='-source']").first();
    const sourceField = await sourceButton.evaluate((element) => element.closest("tr")?.dataset.field ?? "");
    expect(sourceField).not.toBe("");
    await sourceButton.click();
    await page.waitForSelector('#prefill-evidence .page[data-box-drawn="true"]', { timeout: 30_000 });
    expect(await page.locator("#prefill-evidence").getAttribute("data-field")).toBe(sourceField);
    expect(await page.locator("#prefill-evidence svg rect.box").count()).toBe(1);

    // An edit that fails its check is flagged as it is typed, in Chinese, and not saved.
    const phone = page.locator("#prefill-phone");
    const before = (await phone.inputValue()) || "（空）";
    await phone.fill("1381234");
    await expect.poll(() => page.locator("#prefill-phone-message").textContent()).toContain("11位");
    expect(await phone.getAttribute("aria-invalid")).toBe("true");
    const idNumber = page.locator("#prefill-idNumber");
    const validId = generated.form.idNumber as string;
    await idNumber.fill(validId.slice(0, 17) + (validId[17] === "1" ? "2" : "1"));
    await expect.poll(() => page.locator("#prefill-idNumber-message").textContent()).toContain("校验位");
    await page.getByRole("button", { name: "确认预填内容" }).click();
    await expect.poll(() => page.locator("#prefill-confirm-status").textContent()).toContain("未通过校验");
    expect(await page.locator("#prefill-trail-empty").count()).toBe(1);
    await idNumber.fill(validId);
    await expect.poll(() => page.locator("#prefill-idNumber-message").textContent()).toBe("");

    // An edit is kept with the value before and after and the clerk, and shows in the audit trail.
    const corrected = before === "13912345678" ? "13987654321" : "13912345678";
    await phone.fill(corrected);
    await page.getByRole("button", { name: "确认预填内容" }).click();
    await expect
      .poll(() => page.locator("#prefill-trail").textContent(), { timeout: 30_000 })
      .toContain(`工作人员 e2e 修改 联系电话：${before} → ${corrected}`);
    expect(await page.locator("#prefill-phone-confirmed").textContent()).toContain("已修改");
    expect(await page.locator("#prefill-phone").inputValue()).toBe(corrected);
    await page.locator("#audit summary").click();
    await expect.poll(() => page.locator("#audit-trail").textContent()).toContain("确认或修改预填内容");

    const reportViolations = await findSeriousViolations(page);
    expect(reportViolations, JSON.stringify(reportViolations, null, 2)).toEqual([]);
    await page.close();
  }, 420_000);
});
