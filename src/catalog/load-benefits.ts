import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { type Benefit, BenefitSchema, type Condition, type FactCondition } from "./benefit.js";
import { FACTS, type FactSpec } from "./benefit-facts.js";
import { type Catalog, CatalogError, type CatalogIssue } from "./load-catalog.js";

export interface LoadBenefitsOptions {
  /** The knowledge directory (default `./knowledge`); benefits are read from its `benefits/` folder. */
  directory: string;
  /** The loaded catalog, to check that each benefit routes to a known matter or bundle. */
  catalog: Pick<Catalog, "matters" | "bundles">;
}

/** Reads and validates knowledge/benefits; a missing folder is an empty set. Throws CatalogError naming every problem. */
export async function loadBenefits(options: LoadBenefitsOptions): Promise<Map<string, Benefit>> {
  const folder = path.join(options.directory, "benefits");
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Map();
    throw error;
  }
  const issues: CatalogIssue[] = [];
  const benefits = new Map<string, Benefit>();
  for (const name of names) {
    const file = `benefits/${name}`;
    let data: unknown;
    try {
      data = YAML.parse(await readFile(path.join(folder, name), "utf8"));
    } catch (error) {
      issues.push({ file, field: "", message: `not valid YAML: ${(error as Error).message.split("\n")[0]}` });
      continue;
    }
    const parsed = BenefitSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({ file, field: issue.path.join("."), message: issue.message });
      continue;
    }
    const benefit = parsed.data;
    if (benefits.has(benefit.id)) issues.push({ file, field: "id", message: `duplicate id '${benefit.id}'` });
    if (`${benefit.id}.yaml` !== name) issues.push({ file, field: "id", message: "the file name must be the id" });
    benefits.set(benefit.id, benefit);
    issues.push(...checkBenefit(benefit, file, options.catalog));
  }
  if (issues.length > 0) throw new CatalogError(issues);
  return benefits;
}

// A figure of money or a rate is only kept when it was checked; otherwise the text defers to the local standard.
const FIGURE = /\d[\d,.]*\s*(万?元|%|％)/;

function checkBenefit(benefit: Benefit, file: string, catalog: LoadBenefitsOptions["catalog"]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const { claim, amount, effective } = benefit;
  if (claim.matterId && !catalog.matters.has(claim.matterId))
    issues.push({ file, field: "claim.matterId", message: `unknown matter '${claim.matterId}'` });
  if (claim.bundleId && !catalog.bundles.has(claim.bundleId))
    issues.push({ file, field: "claim.bundleId", message: `unknown bundle '${claim.bundleId}'` });
  if (!amount.checked && FIGURE.test(amount.text))
    issues.push({
      file,
      field: "amount.text",
      message:
        "an unchecked amount must not state a figure; write 「以当地公布标准为准」 or check it against the source",
    });
  if (effective.from && effective.to && effective.from > effective.to)
    issues.push({ file, field: "effective", message: "effective.from is after effective.to" });
  visit(benefit.conditions, "conditions", (leaf, field) => {
    const problem = checkLeaf(leaf, FACTS[leaf.fact]);
    if (problem) issues.push({ file, field, message: problem });
    if (FACTS[leaf.fact].subject !== benefit.subject)
      issues.push({ file, field: `${field}.fact`, message: `fact '${leaf.fact}' is not about a ${benefit.subject}` });
  });
  return issues;
}

function visit(condition: Condition, field: string, onLeaf: (leaf: FactCondition, field: string) => void): void {
  if ("all" in condition || "any" in condition) {
    const [key, children] = "all" in condition ? ["all", condition.all] : ["any", condition.any];
    for (const [index, child] of children.entries()) visit(child, `${field}.${key}.${index}`, onLeaf);
  } else if ("not" in condition) visit(condition.not, `${field}.not`, onLeaf);
  else onLeaf(condition, field);
}

/** The value must suit the fact's kind and the operator; returns the problem or undefined. */
function checkLeaf(leaf: FactCondition, spec: FactSpec): string | undefined {
  const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
  const listOperator = leaf.op === "in" || leaf.op === "notIn";
  if (leaf.op === "between" && values.length !== 2) return "between expects [low, high]";
  if (!listOperator && leaf.op !== "between" && Array.isArray(leaf.value)) return `${leaf.op} expects one value`;
  if (listOperator && !Array.isArray(leaf.value)) return `${leaf.op} expects a list`;
  const ordered = ["lt", "lte", "gt", "gte", "between"].includes(leaf.op);
  if (spec.kind === "number") {
    if (values.some((value) => typeof value !== "number")) return `fact '${leaf.fact}' is a number`;
  } else if (ordered) return `${leaf.op} needs a number fact; '${leaf.fact}' is ${spec.kind}`;
  if (spec.kind === "boolean" && values.some((value) => typeof value !== "boolean"))
    return `fact '${leaf.fact}' is true or false`;
  if (spec.kind === "enum") {
    const unknown = values.find((value) => typeof value !== "string" || !(value in (spec.options ?? {})));
    if (unknown !== undefined)
      return `'${String(unknown)}' is not a value of '${leaf.fact}' (${Object.keys(spec.options ?? {}).join(", ")})`;
  }
  return undefined;
}
