// The README's pre-review walk-through, as a test: the cases `generator/cli.ts --seed 3 --count 2
// --case retirement --case newborn` writes, through the real pipeline (real OCR). The first case's
// social security card is a bank card, photographed sharp; it must come back as the wrong document,
// not as a photo to take again or one the machine could not read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../../src/catalog/index.js";
import {
  createDefaultPrereviewPipeline,
  type DefaultPrereviewPipeline,
  type PrereviewReport,
  renderCorrectionNotice,
} from "../../src/prereview/index.js";
import { KNOWLEDGE_DIR } from "../../src/test-support/shared-index.js";
import { type PrereviewCase, renderPrereviewCase, specifyPrereviewCases } from "./generator/index.js";
import { toIntake } from "./run-prereview-eval.js";

let catalog: Catalog;
let pipeline: DefaultPrereviewPipeline;
const reports = new Map<string, { item: PrereviewCase; report: PrereviewReport }>();

beforeAll(async () => {
  catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
  pipeline = createDefaultPrereviewPipeline({ catalog, ocrWorkers: 1 });
  for (const spec of specifyPrereviewCases({ seed: 3, count: 2, templates: ["retirement", "newborn"] })) {
    const item = await renderPrereviewCase(spec);
    const report = await pipeline.run({
      request: { bundleId: item.bundleId, matterId: item.matterId, scenario: item.scenario, form: item.form },
      files: toIntake(item),
    });
    reports.set(item.id, { item, report });
  }
}, 300_000);

afterAll(async () => {
  await pipeline?.close();
});

describe("the README's pre-review walk-through (--seed 3)", () => {
  it("reports the bank card uploaded as the social security card as the wrong document", () => {
    const { item, report } = reports.get("s3-001-retirement") ?? expect.unreachable("no first case");
    expect(item.expected.defects.map((defect) => defect.ruleId)).toEqual(["document.wrong_type"]);
    expect(report.verdict).toBe("needs_correction");
    expect(report.findings.map((finding) => `${finding.ruleId}@${finding.materialId}`)).toEqual([
      "document.wrong_type@social-security-card",
    ]);
    expect(report.findings[0]?.codes).toMatchObject({ documentType: "bank_card" });
    const notice = renderCorrectionNotice(report).text;
    expect(notice).toContain("社会保障卡");
    expect(notice).not.toMatch(/清晰|重新拍摄/);
  });

  it("passes the clean 新生儿出生 case", () => {
    const { item, report } = reports.get("s3-002-newborn") ?? expect.unreachable("no second case");
    expect(item.expected.verdict).toBe("pass");
    expect(report.verdict).toBe("pass");
  });
});
