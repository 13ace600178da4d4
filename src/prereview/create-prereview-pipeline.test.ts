import { beforeAll, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { createPrereviewPipeline } from "./create-prereview-pipeline.js";
import { CaseBuilder, idNumberFor, RETIREMENT_SCENARIO } from "./rules/__fixtures__/case-builder.js";
import type { TextExtractor } from "./types.js";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
});

const idNumber = idNumberFor("1965-02-10", "男");

/** A pipeline over what the builder says was read: no OCR. */
function pipelineFor(builder: CaseBuilder) {
  const extractor: TextExtractor = {
    extract: async (file) => builder.extracted.find((item) => item.fileId === file.fileId) ?? expect.unreachable(),
    close: async () => undefined,
  };
  return createPrereviewPipeline({
    catalog,
    extractor,
    readDocuments: (file) => builder.documents.filter((document) => document.fileId === file.fileId),
  });
}

describe("a finished report's prefill", () => {
  it("carries the application form filled from what was read, and names a typed value that disagrees", async () => {
    const builder = new CaseBuilder().file(
      "applicant-id-card",
      { type: "id_card", side: "front", fields: { name: "王建国", sex: "男", birthDate: "1965-02-10", idNumber } },
      { type: "id_card", side: "back", fields: { validUntil: "长期" } },
    );
    const report = await pipelineFor(builder).run({
      request: {
        bundleId: "retirement",
        scenario: RETIREMENT_SCENARIO,
        form: { name: "王建军", applicationDate: "2026-06-01" },
      },
      files: builder.intake,
    });
    const field = (name: string) => report.prefill?.fields.find((item) => item.name === name);
    expect(report.prefill?.referenceDate).toBe(report.referenceDate);
    expect(field("idNumber")).toMatchObject({ status: "filled", value: idNumber, source: { kind: "document" } });
    expect(field("sex")).toMatchObject({ status: "filled", value: "男" });
    // The typed name and the card's disagree: the prefill shows both, as the finding does.
    expect(report.prefill?.conflicts).toContain("name");
    expect(report.findings.map((finding) => finding.ruleId)).toContain("consistency.name");
  });
});
