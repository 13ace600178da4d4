import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { computeContentHash } from "../retrieval/index.js";
import { CatalogError, loadCatalog } from "./index.js";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "banshi-knowledge-"));
  await cp(KNOWLEDGE_DIR, directory, { recursive: true });
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function edit(file: string, change: (text: string) => string) {
  const target = path.join(directory, file);
  await writeFile(target, change(await readFile(target, "utf8")));
}

async function issuesOf(): Promise<{ file: string; field: string; message: string }[]> {
  const error = await loadCatalog({ directory }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CatalogError);
  return (error as CatalogError).issues;
}

describe("loadCatalog", () => {
  it("loads the sample knowledge base: 15 bundles, their matters, 7 policies, FAQ and lexicon", async () => {
    const catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
    expect(catalog.bundles.size).toBe(15);
    expect(catalog.policies.size).toBe(7);
    expect(catalog.faq.length).toBeGreaterThanOrEqual(80);
    expect(catalog.lexicon.length).toBeGreaterThanOrEqual(150);
    for (const bundle of catalog.bundles.values())
      for (const entry of bundle.matters) expect(catalog.matters.has(entry.matterId), entry.matterId).toBe(true);
  });

  it("keeps policy texts verbatim, with issuer, number and date", async () => {
    const catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
    const policy = catalog.policies.get("guofa-2024-3");
    expect(policy?.number).toBe("国发〔2024〕3号");
    expect(policy?.issuer).toBe("国务院");
    const seed = await readFile(
      path.resolve(KNOWLEDGE_DIR, "../../shared/seeds/000_15f9b69f99a6fa81.txt"),
      "utf8",
    ).catch(() => undefined);
    if (seed) expect(policy?.text).toBe(seed);
    expect(catalog.policies.get("guofa-2022-5")?.script).toBe("traditional");
  });

  it("counts the benefits' bytes in the content hash, so a change to them alone is a new version", async () => {
    const before = computeContentHash(await loadCatalog({ directory }), "test");
    const [file] = (await readdir(path.join(directory, "benefits"))).filter((name) => name.endsWith(".yaml"));
    await edit(`benefits/${file}`, (text) => `${text}\n# edited\n`);
    const after = computeContentHash(await loadCatalog({ directory }), "test");
    expect(after).not.toBe(before);
  });

  it("names the file and the field when a required field is missing", async () => {
    await edit("matters/birth-medical-certificate.yaml", (text) => text.replace(/^department:.*$/m, ""));
    const issues = await issuesOf();
    expect(issues).toContainEqual(
      expect.objectContaining({ file: "matters/birth-medical-certificate.yaml", field: "department" }),
    );
  });

  it("names the expected values when an enum is wrong", async () => {
    await edit("bundles/newborn.yaml", (text) => text.replace(/^audience: .*$/m, "audience: citizen"));
    const issues = await issuesOf();
    const issue = issues.find(
      (candidate) => candidate.file === "bundles/newborn.yaml" && candidate.field === "audience",
    );
    expect(issue?.message).toMatch(/individual/);
    expect(issue?.message).toMatch(/enterprise/);
  });

  it("checks a policy's repeal: the replacing policy exists, the repeal is not before it took effect", async () => {
    await edit("policies/guobanfa-2022-32.txt", (text) =>
      // The bundled file carries its effective day (2022-09-26): moved after the repeal here.
      text.replace(
        'effective: "2022-09-26"',
        'effective: "2022-10-01"\nrepealed: "2022-09-30"\nrepealedBy: no-such-policy',
      ),
    );
    const issues = await issuesOf();
    expect(issues).toContainEqual(expect.objectContaining({ file: "policies/guobanfa-2022-32", field: "repealedBy" }));
    expect(issues).toContainEqual(expect.objectContaining({ file: "policies/guobanfa-2022-32", field: "repealed" }));
  });

  it("checks that a bundle outranks other bundles only", async () => {
    await edit("bundles/after-death.yaml", (text) =>
      text.replace("outranks: [retirement]", "outranks: [retirement, no-such-bundle, after-death]"),
    );
    const issues = await issuesOf();
    expect(
      issues.filter((issue) => issue.file === "bundles/after-death" && issue.field.startsWith("outranks")),
    ).toEqual([expect.objectContaining({ field: "outranks.1" }), expect.objectContaining({ field: "outranks.2" })]);
  });

  it("reports YAML syntax errors with the file", async () => {
    await edit("bundles/retirement.yaml", (text) => `${text}\n  bad: [unclosed\n`);
    const issues = await issuesOf();
    expect(issues).toContainEqual(expect.objectContaining({ file: "bundles/retirement.yaml", field: "" }));
    expect(issues.find((issue) => issue.file === "bundles/retirement.yaml")?.message).toMatch(/YAML/);
  });

  it("rejects a bundle that references a matter that does not exist", async () => {
    await edit("bundles/newborn.yaml", (text) =>
      text.replace("matterId: birth-medical-certificate", "matterId: no-such-matter"),
    );
    const issues = await issuesOf();
    expect(issues).toContainEqual(
      expect.objectContaining({ file: "bundles/newborn", message: expect.stringContaining("no-such-matter") }),
    );
  });

  it("rejects one material id with two names", async () => {
    await edit("matters/birth-household-registration.yaml", (text) =>
      text.replace(/name: 居民户口簿/, "name: 户口本原件"),
    );
    const issues = await issuesOf();
    expect(
      issues.some(
        (issue) => issue.message.includes("household-register") && issue.message.includes("one id, one name"),
      ),
    ).toBe(true);
  });

  it("rejects a public service outside the knowledge base that one of its matters guides, and reads none without the folder", async () => {
    const loaded = await loadCatalog({ directory });
    expect(loaded.outside.map((service) => service.name)).toContain("护照");
    expect(loaded.outside.find((service) => service.name === "结婚登记")?.words).toContain("领结婚证");
    await edit("outside/public-services.yaml", (text) => text.replace("words: [护照]", "words: [护照, 出生证]"));
    expect(await issuesOf()).toContainEqual({
      file: "outside/public-services.yaml",
      field: "services.0.words",
      message: expect.stringContaining("'出生证' names 'birth-medical-certificate'"),
    });
    // A bundle's short name is one of its names too.
    await edit("outside/public-services.yaml", (text) => text.replace("words: [护照, 出生证]", "words: [护照, 退休]"));
    expect(await issuesOf()).toContainEqual(
      expect.objectContaining({ message: expect.stringContaining("'退休' names 'retirement'") }),
    );
    await rm(path.join(directory, "outside"), { recursive: true });
    expect((await loadCatalog({ directory })).outside).toEqual([]);
  });

  it("rejects a file that does not say it is sample data, and unknown fields", async () => {
    await edit("matters/vaccination-certificate.yaml", (text) =>
      text.replace("sample: true", "sample: false\nfees: 100"),
    );
    const issues = await issuesOf();
    const mine = issues.filter((issue) => issue.file === "matters/vaccination-certificate.yaml");
    expect(mine.some((issue) => issue.field === "sample" && issue.message.includes("sample: true"))).toBe(true);
    expect(mine.some((issue) => issue.message.includes("fees"))).toBe(true);
  });

  it("rejects a policy without front matter", async () => {
    await edit("policies/guobanfa-2022-32.txt", (text) => text.replace(/^---[\s\S]*?---\n/, ""));
    const issues = await issuesOf();
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: "policies/guobanfa-2022-32.txt",
        message: expect.stringContaining("front matter"),
      }),
    );
  });
});

describe("review points (审查要点)", () => {
  it("loads the sample materials' points, each citing a source of its file when it cites one", async () => {
    const catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
    const matter = catalog.matters.get("pension-eligibility-confirmation");
    const idCard = matter?.materials.find((material) => material.id === "applicant-id-card");
    const titles = new Set(matter?.sources.map((source) => source.title));
    expect(idCard?.reviewPoints?.map((point) => point.id)).toContain("in-validity");
    for (const point of idCard?.reviewPoints ?? []) if (point.source) expect(titles.has(point.source)).toBe(true);
    const rule = catalog.bundles.get("retirement")?.prereview?.rules.find((item) => item.id === "consistency.name");
    expect(rule?.reviewPoints).toContainEqual({ material: "applicant-id-card", point: "same-person" });
  });

  it("rejects two points with one id on a material", async () => {
    await edit("matters/pension-eligibility-confirmation.yaml", (text) =>
      text.replace("      - id: both-sides", "      - id: right-document"),
    );
    expect(await issuesOf()).toContainEqual(
      expect.objectContaining({
        file: "matters/pension-eligibility-confirmation.yaml",
        message: "duplicate review point 'right-document'",
      }),
    );
  });

  it("rejects a point citing a source its file does not list", async () => {
    await edit("matters/basic-pension-approval.yaml", (text) =>
      text.replace("        source: 福州市退休一件事办事指南（公开信息整理）", "        source: 某市办事指南"),
    );
    expect(await issuesOf()).toContainEqual(
      expect.objectContaining({
        file: "matters/basic-pension-approval",
        field: expect.stringMatching(/^materials\.\d+\.reviewPoints\.\d+\.source$/),
      }),
    );
  });

  it("rejects a rule claiming a point its material does not carry, or a material not in its bundle", async () => {
    await edit("bundles/retirement.yaml", (text) =>
      text
        .replace(
          "{material: applicant-id-card, point: retirement-age}",
          "{material: applicant-id-card, point: no-such-point}",
        )
        .replace(
          "{material: social-security-card, point: same-person}",
          "{material: birth-medical-certificate, point: same-person}",
        ),
    );
    const issues = await issuesOf();
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: "bundles/retirement",
        message: "material 'applicant-id-card' has no review point 'no-such-point'",
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: "bundles/retirement",
        message: expect.stringContaining("birth-medical-certificate"),
      }),
    );
  });
});
