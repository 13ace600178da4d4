// Steps the console's browser tests (and the screenshot script) share: choosing a bundle and its answers, the application form,
// and attaching a generated case's files with the material each one is.
import type { Page } from "playwright-core";
import type { PrereviewCase } from "../../evals/prereview/generator/index.js";

/** Picks the case's bundle and waits for its scenario questions and form, then answers them. */
export async function chooseBundle(page: Page, generated: PrereviewCase): Promise<void> {
  await page.locator("#case-bundle").selectOption(generated.bundleId ?? "");
  await page.waitForSelector('#case-form[data-ready="true"] #application-form .form-field', { timeout: 30_000 });
  for (const [scenarioId, value] of Object.entries(generated.scenario))
    await page.locator(`#scenario-${scenarioId}`).selectOption(value);
}

/** Types the generated form into the schema-driven form: selects for choices, text for the rest. */
export async function fillApplicationForm(page: Page, form: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(form)) {
    const control = page.locator(`#form-${name}`);
    if ((await control.evaluate((element) => element.tagName)) === "SELECT") await control.selectOption(value);
    else await control.fill(value);
  }
}

/** Attaches every file and says which material each is (the declared one, or the real one when `actual`). */
export async function attachFiles(page: Page, generated: PrereviewCase, options: { actual?: boolean } = {}) {
  await page
    .locator("#case-files")
    .setInputFiles(
      generated.files.map((file) => ({ name: file.name, mimeType: file.mimeType, buffer: Buffer.from(file.bytes) })),
    );
  const materialSelects = page.locator("select.file-material");
  await materialSelects.nth(generated.files.length - 1).waitFor();
  for (const [index, file] of generated.files.entries())
    await materialSelects
      .nth(index)
      .selectOption((options.actual ? file.actualMaterialId : undefined) ?? file.materialId ?? "");
}
