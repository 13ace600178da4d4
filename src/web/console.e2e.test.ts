import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePrereviewCases, type PrereviewCase } from "../../evals/prereview/generator/index.js";
import { findSeriousViolations } from "./axe-check.js";
import { attachFiles, chooseBundle, fillApplicationForm } from "./console-e2e-steps.js";
import { browserUnavailableReason, launchChromium, startWebApp, type WebApp } from "./e2e-support.js";

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`console browser tests skipped: ${unavailable}`);

/** A generated 退休 case whose planted defect is read off a document, so its finding has a located box. */
async function retirementCaseWithFieldDefect(): Promise<PrereviewCase> {
  const cases = await generatePrereviewCases({
    seed: 7,
    count: 4,
    templates: ["retirement"],
    cleanShare: 0,
    formats: ["png", "jpeg"],
  });
  const found = cases.find((candidate) =>
    candidate.expected.defects.some((defect) =>
      ["validity.expired", "validity.id_check_digit"].includes(defect.ruleId),
    ),
  );
  if (!found) throw new Error("the generator gave no retirement case with a field defect for seed 7");
  return found;
}

describe.skipIf(unavailable)("the clerk console in Chromium", () => {
  let app: WebApp;
  let browser: Browser;
  let generated: PrereviewCase;

  beforeAll(async () => {
    [app, browser, generated] = await Promise.all([startWebApp(), launchChromium(), retirementCaseWithFieldDefect()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("signs in, uploads a generated case, shows findings with highlighted evidence and 审查要点, records an override", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${app.baseUrl}/console`);
    await page.getByLabel("工作人员令牌").fill("wrong-token-0123456789");
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => page.locator("#signin-error").textContent()).not.toBe("");
    await page.getByLabel("工作人员令牌").fill(app.clerkToken);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForSelector('#case-form[data-ready="true"]', { timeout: 30_000 });

    await chooseBundle(page, generated);
    await fillApplicationForm(page, generated.form);
    await attachFiles(page, generated);
    await page.getByRole("button", { name: "提交预审" }).click();

    await page.waitForSelector("#verdict", { timeout: 150_000 });
    const findings = page.locator("article.finding");
    expect(await findings.count()).toBeGreaterThan(0);
    const expectedRules = generated.expected.defects.map((defect) => defect.ruleId);
    // Each finding names its rule in Chinese; the code is kept on the element for programs.
    const shownRules = await findings.evaluateAll((elements) =>
      elements.map((element) => element.querySelector("[data-rule-id]")?.getAttribute("data-rule-id") ?? ""),
    );
    expect(shownRules.some((rule) => expectedRules.includes(rule))).toBe(true);
    const ruleTexts = await findings.evaluateAll((elements) =>
      elements.map((element) => element.querySelector("[data-rule-id]")?.textContent ?? ""),
    );
    for (const text of ruleTexts) expect(text, text).not.toMatch(/[a-z]+\.[a-z_]+/);

    // 审查要点 beside each material: the ID card's points, each with the checks that enforce it.
    const idCard = page.locator('#materials li[data-material-id="applicant-id-card"]');
    expect(await idCard.locator("strong").first().textContent()).toBe("申请人居民身份证");
    const validity = idCard.locator('li[data-point-id="in-validity"]');
    expect(await validity.textContent()).toContain("预审检查：证件在有效期内");
    expect(await idCard.locator(".review-points li").count()).toBeGreaterThan(3);
    // The planted defect's finding names the point its rule enforces, one shown beside its material.
    const defectFinding = findings.filter({
      has: page.locator(expectedRules.map((rule) => `[data-rule-id="${rule}"]`).join(", ")),
    });
    const named = (await defectFinding.first().locator(".finding-points").textContent()) ?? "";
    const [, materialName, pointText] = /^审查要点\s*([^：]+)：([^；]+)/.exec(named) ?? [];
    expect(materialName, named).toBeTruthy();
    const material = page.locator("#materials > li", { has: page.locator("strong", { hasText: materialName }) });
    expect(await material.locator(".review-points").textContent()).toContain(pointText);

    // Evidence: the page image with the box drawn inside it.
    await page.waitForSelector('.page[data-box-drawn="true"]', { timeout: 30_000 });
    const fits = await page
      .locator('.page[data-box-drawn="true"]')
      .first()
      .evaluate((frame) => {
        const image = frame.querySelector("img");
        const rect = frame.querySelector("rect");
        if (!image || !rect) return false;
        const x = Number(rect.getAttribute("x"));
        const y = Number(rect.getAttribute("y"));
        return (
          x + Number(rect.getAttribute("width")) <= image.naturalWidth + 12 &&
          y + Number(rect.getAttribute("height")) <= image.naturalHeight + 12
        );
      });
    expect(fits).toBe(true);
    expect(await page.locator(".fields table").count()).toBeGreaterThan(0);

    const violations = await findSeriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    // Override the first finding with a reason; the decision is recorded and shown.
    const first = findings.first();
    const findingId = await first.getAttribute("data-finding-id");
    await first.getByLabel("推翻", { exact: true }).check();
    await first.getByLabel(/意见说明/).fill("原件已核验，证件在有效期内");
    await first.getByRole("button", { name: "提交审核意见" }).click();
    const recorded = page.locator(`article.finding[data-finding-id="${findingId}"] .review-result`);
    await recorded.waitFor({ timeout: 30_000 });
    expect(await recorded.textContent()).toContain("原件已核验");
    expect(await page.locator("#review-trail").textContent()).toContain("推翻");

    // The full audit trail opens on demand: submission, the run and the clerk's decision.
    await page.locator("#audit summary").click();
    await expect
      .poll(() => page.locator("#audit-trail li").allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining("提交预审"),
          expect.stringContaining("预审完成"),
          expect.stringMatching(/工作人员 .*记录审核意见/),
        ]),
      );

    // The case list shows the case.
    await expect.poll(() => page.locator("#case-rows tr").count()).toBeGreaterThan(0);
    await page.close();
  }, 240_000);

  it("shows a case submitted elsewhere as finished once it is, without a reload", async () => {
    // Submitted through the API (another window, the portal), not opened in this console.
    const form = new FormData();
    form.set("bundleId", generated.bundleId ?? "");
    form.set("scenario", JSON.stringify(generated.scenario));
    form.set("form", JSON.stringify(generated.form));
    for (const file of generated.files) {
      form.append("files", new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.name);
      form.append("materialIds", file.materialId ?? "");
    }
    const submitted = await fetch(`${app.baseUrl}/api/prereview`, {
      method: "POST",
      headers: { Authorization: `Bearer ${app.clerkToken}` },
      body: form,
    });
    expect(submitted.status).toBe(202);
    const { caseId } = (await submitted.json()) as { caseId: string };

    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${app.baseUrl}/console`);
    await page.getByLabel("工作人员令牌").fill(app.clerkToken);
    await page.getByRole("button", { name: "登录" }).click();
    // Marks this document: a reload would lose the mark.
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    const row = page.locator("#case-rows tr", { hasText: caseId.slice(0, 8) });
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => row.textContent(), { timeout: 150_000, interval: 1000 }).toContain("已完成");
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.close();
  }, 240_000);
});
