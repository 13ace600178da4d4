import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { CatalogError, type Catalog, loadBenefits, loadCatalog } from "./index.js";

let directory: string;
let catalog: Catalog;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "banshi-benefits-"));
  await cp(KNOWLEDGE_DIR, directory, { recursive: true });
  catalog ??= await loadCatalog({ directory: KNOWLEDGE_DIR });
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function edit(file: string, change: (text: string) => string) {
  const target = path.join(directory, "benefits", file);
  await writeFile(target, change(await readFile(target, "utf8")));
}

async function issuesOf(): Promise<string[]> {
  const error = await loadBenefits({ directory, catalog }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CatalogError);
  return (error as CatalogError).issues.map((issue) => `${issue.file} ${issue.field}: ${issue.message}`);
}

describe("loadBenefits", () => {
  it("loads at least 25 benefits for individuals and enterprises, each routed to a known matter or bundle or a claim text", async () => {
    const benefits = await loadBenefits({ directory: KNOWLEDGE_DIR, catalog });
    expect(benefits.size).toBeGreaterThanOrEqual(25);
    const subjects = new Set([...benefits.values()].map((benefit) => benefit.subject));
    expect(subjects).toEqual(new Set(["individual", "enterprise"]));
    expect([...benefits.values()].some((benefit) => benefit.claim.mode === "automatic")).toBe(true);
  });

  it("treats a knowledge folder without benefits/ as an empty set", async () => {
    await rm(path.join(directory, "benefits"), { recursive: true });
    expect((await loadBenefits({ directory, catalog })).size).toBe(0);
  });

  it("rejects an unchecked amount that states a figure", async () => {
    await edit("disabled-living-subsidy.yaml", (text) =>
      text.replace("以当地公布标准为准（由省级", "每人每月100元（由省级"),
    );
    expect((await issuesOf()).join("\n")).toMatch(/amount\.text: an unchecked amount must not state a figure/);
  });

  it("names an unknown fact, a value of the wrong kind and an unknown matter", async () => {
    await edit("childcare-subsidy.yaml", (text) => text.replace("fact: youngestChildAge", "fact: childAgeInMonths"));
    await edit("hiring-expansion-subsidy.yaml", (text) =>
      text.replace("bundleId: employee-hiring", "bundleId: no-such-bundle"),
    );
    await edit("basic-pension.yaml", (text) => text.replace("value: 15", "value: fifteen"));
    await edit("elderly-allowance.yaml", (text) =>
      text.replace("op: gte\n      value: 80", "op: gte\n      value: true"),
    );
    const issues = (await issuesOf()).join("\n");
    expect(issues).toMatch(/childcare-subsidy\.yaml conditions\.fact: Invalid option/);
    expect(issues).toMatch(/hiring-expansion-subsidy\.yaml claim\.bundleId: unknown bundle 'no-such-bundle'/);
    expect(issues).toMatch(/basic-pension\.yaml conditions\.all\.1: fact 'pensionContributionYears' is a number/);
    expect(issues).toMatch(/elderly-allowance\.yaml conditions\.all\.0: fact 'age' is a number/);
  });

  it("rejects a fact about the other kind of subject and an enum value the fact does not have", async () => {
    await edit("small-scale-vat-exemption.yaml", (text) => text.replace("value: small_scale", "value: tiny"));
    await edit("maternity-allowance.yaml", (text) =>
      text.replace("fact: employeeInsured", "fact: paysUnemploymentInsurance"),
    );
    const issues = (await issuesOf()).join("\n");
    expect(issues).toMatch(/'tiny' is not a value of 'vatTaxpayerType'/);
    expect(issues).toMatch(
      /maternity-allowance\.yaml conditions\.all\.0\.fact: fact 'paysUnemploymentInsurance' is not about a individual/,
    );
  });
});
