import { beforeAll, describe, expect, it } from "vitest";
import { buildChecklist, type Catalog, type Checklist, loadCatalog } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { chunkCatalog } from "./chunk-catalog.js";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
});

describe("chunkCatalog and checklist citations", () => {
  it("cites every item with a quote the search index holds verbatim, for every bundle", () => {
    const chunks = chunkCatalog(catalog);
    const textOf = (citationId: string) =>
      chunks
        .filter((chunk) => chunk.id === citationId || chunk.id.startsWith(`${citationId}.`))
        .map((chunk) => chunk.text)
        .join("\n");
    const citationsOf = (checklist: Checklist) => [
      ...checklist.answers.map((answer) => answer.citation),
      ...checklist.matters.flatMap((matter) => [
        matter.citation,
        ...matter.timeLimits.map((limit) => limit.citation),
        ...matter.channels.map((channel) => channel.citation),
        ...(matter.fee ? [matter.fee.citation] : []),
      ]),
      ...checklist.materials.flatMap((material) => material.citations),
      ...checklist.channels.map((channel) => channel.citation),
      ...checklist.notes.map((note) => note.citation),
      ...(checklist.timeLimit ? [checklist.timeLimit.citation] : []),
    ];
    let checked = 0;
    for (const bundle of catalog.bundles.values()) {
      // No answers, then the first option of every question.
      const first = Object.fromEntries(
        bundle.scenarios.map((scenario) => [scenario.id, scenario.options[0]?.value ?? ""]),
      );
      for (const answers of [{}, first]) {
        for (const citation of citationsOf(buildChecklist({ catalog, bundleId: bundle.id, answers }))) {
          expect(textOf(citation.id), `${citation.id}: ${citation.quote}`).toContain(citation.quote);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it("gives every passage a unique id and keeps passages within 400 characters", () => {
    const chunks = chunkCatalog(catalog);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(chunks.length);
    for (const chunk of chunks) expect(chunk.text.length, chunk.id).toBeLessThanOrEqual(400);
    const materials = chunks.find((chunk) => chunk.id === "matter:birth-medical-certificate#materials");
    expect(materials?.title).toBe(catalog.matters.get("birth-medical-certificate")?.name);
  });

  it("reads each benefit as a guide: what it is, who qualifies, what it gives, how to claim it, how long it runs", () => {
    const chunks = chunkCatalog(catalog).filter((chunk) => chunk.documentId === "benefit:small-scale-vat-exemption");
    expect(chunks.map((chunk) => chunk.sectionPath[0])).toEqual([
      "政策概述",
      "享受条件",
      "享受标准",
      "申领方式",
      "执行期限",
      "政策依据",
    ]);
    expect(
      chunks.every(
        (chunk) => chunk.kind === "benefit" && chunk.title === catalog.benefits?.get("small-scale-vat-exemption")?.name,
      ),
    ).toBe(true);
    const text = chunks.map((chunk) => chunk.text).join("\n");
    expect(text).toContain("申报增值税时直接填报免税销售额享受，无需另行申请。");
    expect(text).toContain("执行期限：2023年1月1日至2027年12月31日");
    expect(text).toContain(
      "政策文件：财政部 税务总局关于增值税小规模纳税人减免增值税政策的公告（财政部 税务总局公告2023年第19号）",
    );
    // Conditions that hold together stay together, alternatives are joined by 或.
    const sixTaxes = chunkCatalog(catalog).find(
      (chunk) => chunk.id === "benefit:six-taxes-two-fees-reduction#conditions",
    );
    expect(sixTaxes?.text).toContain("年度应纳税所得额不超过300万元，且小型微利企业：从业人数不超过300人，且");
    expect(sixTaxes?.text).toContain("增值税小规模纳税人；或个体工商户；或小型微利企业");
    // The entry's notes are for its maintainers: never a passage.
    expect(chunkCatalog(catalog).some((chunk) => chunk.kind === "benefit" && chunk.id.endsWith("#notes"))).toBe(false);
    const benefits = new Set(
      chunkCatalog(catalog)
        .filter((chunk) => chunk.kind === "benefit")
        .map((chunk) => chunk.documentId),
    );
    expect(benefits.size).toBe(catalog.benefits?.size);
    expect(benefits.size).toBeGreaterThanOrEqual(25);
  });
});
