import { createCanvas, loadImage } from "@napi-rs/canvas";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePrereviewCases, type PrereviewCase } from "../../evals/prereview/generator/index.js";
import { renderScanPdf } from "../../evals/prereview/generator/render-pdf.js";
import { makeTiff } from "../prereview/intake/__fixtures__/make-images.js";
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

/**
 * The same case with its application form scanned to a PDF and its ID card saved as a TIFF: files a
 * browser cannot show as OCR read them, so their page images come from the server.
 */
async function asPdfAndTiff(generated: PrereviewCase): Promise<PrereviewCase> {
  const files = await Promise.all(
    generated.files.map(async (file) => {
      const material = file.actualMaterialId ?? file.materialId;
      if (material !== "retirement-joint-form" && material !== "applicant-id-card") return file;
      const image = await loadImage(Buffer.from(file.bytes));
      const canvas = createCanvas(image.width, image.height);
      const context = canvas.getContext("2d");
      context.drawImage(image, 0, 0);
      const base = file.name.replace(/\.[a-z]+$/, "");
      if (material === "applicant-id-card") {
        const rgba = context.getImageData(0, 0, image.width, image.height).data;
        const bytes = makeTiff(image.width, image.height, { rgba, dpi: 300 });
        return { ...file, name: `${base}.tif`, mimeType: "image/tiff", bytes };
      }
      const jpeg = await canvas.encode("jpeg", 92);
      const bytes = await renderScanPdf([{ jpeg, width: image.width, height: image.height, dpi: 200 }]);
      return { ...file, name: `${base}.pdf`, mimeType: "application/pdf", bytes };
    }),
  );
  return { ...generated, files };
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

  it("shows where a value was read on a PDF's or TIFF's page before submission, and an edited value's row drops prefill's note", async () => {
    const converted = await asPdfAndTiff(generated);
    expect(converted.files.map((file) => file.mimeType)).toEqual(
      expect.arrayContaining(["application/pdf", "image/tiff"]),
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, app);
    await chooseBundle(page, converted);
    await attachFiles(page, converted, { actual: true });
    await page.getByRole("button", { name: "从材料预填申请表" }).click();
    await expect.poll(() => page.locator("#prefill-status").textContent(), { timeout: 150_000 }).toContain("已预填");

    // The phone is read from the application form, here a scanned PDF: its page, rendered by the
    // server as OCR read it, with the box drawn.
    expect(await page.locator("#form-phone-source").textContent()).toContain("来自申请表");
    await page.locator("#form-phone-evidence").click();
    await page.waitForSelector('#new-case-evidence[data-field="phone"] .page[data-box-drawn="true"]', {
      timeout: 60_000,
    });
    expect(await page.locator("#new-case-evidence img").getAttribute("alt")).toContain(".pdf 第 1 页");
    expect(await page.locator("#new-case-evidence svg rect.box").count()).toBe(1);
    expect(await page.locator("#new-case-evidence").textContent()).not.toContain("提交预审后");

    // A value read from the ID card, here a TIFF.
    const fromIdCard = page.locator(".field-source", { hasText: "来自居民身份证" }).locator("button").first();
    const field = ((await fromIdCard.getAttribute("id")) ?? "").replace(/^form-|-evidence$/g, "");
    expect(field).not.toBe("");
    await fromIdCard.click();
    await page.waitForSelector(`#new-case-evidence[data-field="${field}"] .page[data-box-drawn="true"]`, {
      timeout: 60_000,
    });
    expect(await page.locator("#new-case-evidence img").getAttribute("alt")).toContain(".tif 第 1 页");

    // Submitted without an application date: the report's prefill leaves it unfilled, with a note.
    await page.getByRole("button", { name: "提交预审" }).click();
    await page.waitForSelector("#prefill-review", { timeout: 150_000 });
    const note = page.locator("#prefill-applicationDate-note");
    const status = page.locator("#prefill-applicationDate-status");
    expect(await note.textContent()).not.toBe("");
    expect(await status.textContent()).toContain("未能预填");

    // Edited, the row says so and prefill's note gives way; the value is checked as typed.
    const date = page.locator("#prefill-applicationDate");
    await date.fill("2026-02-30");
    await expect.poll(() => status.textContent()).toContain("已修改，待确认（原预填：未能预填）");
    expect(await note.textContent()).toBe("");
    await expect.poll(() => page.locator("#prefill-applicationDate-message").textContent()).not.toBe("");
    await date.fill(converted.form.applicationDate as string);
    await expect.poll(() => page.locator("#prefill-applicationDate-message").textContent()).toBe("");

    // Saved: the edit is audited as before, and the row shows the clerk's value without the note.
    await page.getByRole("button", { name: "确认预填内容" }).click();
    await expect
      .poll(() => page.locator("#prefill-trail").textContent(), { timeout: 30_000 })
      .toContain(`修改 申请日期：（空） → ${converted.form.applicationDate}`);
    await expect.poll(() => status.textContent()).toContain("工作人员已修改（原预填：未能预填）");
    expect(await note.textContent()).toBe("");
    expect(await page.locator("#prefill-applicationDate-problem").isHidden()).toBe(true);
    await page.locator("#audit summary").click();
    await expect.poll(() => page.locator("#audit-trail").textContent()).toContain("确认或修改预填内容");

    const violations = await findSeriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.close();
  }, 600_000);
});
