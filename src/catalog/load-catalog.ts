import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import type { z } from "zod";
import { AppError } from "../errors.js";
import { type Benefit, BenefitSchema } from "./benefit.js";
import { type Bundle, BundleSchema } from "./bundle.js";
import { checkReviewPoints } from "./check-review-points.js";
import { type FaqFile, FaqFileSchema, type FaqItem } from "./faq.js";
import { type LexiconEntry, LexiconFileSchema } from "./lexicon.js";
import { OutsideFileSchema, type OutsideService } from "./outside.js";
import { type Material, type Matter, MatterSchema } from "./matter.js";
import { type Policy, PolicyMetaSchema } from "./policy.js";
import { type PrereviewSpec, ruleSources } from "./prereview-rules.js";

export interface CatalogIssue {
  /** Path relative to the knowledge directory. */
  file: string;
  /** Dotted path of the field, empty for the file itself. */
  field: string;
  message: string;
}

export interface Catalog {
  matters: Map<string, Matter>;
  bundles: Map<string, Bundle>;
  policies: Map<string, Policy>;
  faq: FaqItem[];
  lexicon: LexiconEntry[];
  /** Public services the knowledge base holds no guide for (knowledge/outside). */
  outside: OutsideService[];
  /**
   * knowledge/benefits as their schema reads them, indexed for questions like the guides; their
   * references are checked by `loadBenefits`, which the services and policy matching use.
   */
  benefits: Map<string, Benefit>;
  /** Raw bytes of every file read, for the content hash of the index. */
  files: { file: string; content: string }[];
}

export interface LoadCatalogOptions {
  /** The knowledge directory (default `./knowledge`). */
  directory: string;
}

/** Thrown when knowledge/ does not validate; `issues` names every file, field and expectation. */
export class CatalogError extends AppError {
  readonly issues: CatalogIssue[];
  constructor(issues: CatalogIssue[]) {
    const shown = issues
      .slice(0, 20)
      .map((issue) => `${issue.file}${issue.field ? ` at ${issue.field}` : ""}: ${issue.message}`)
      .join("\n  ");
    const more = issues.length > 20 ? `\n  … and ${issues.length - 20} more` : "";
    super("catalog_invalid", `knowledge base is invalid (${issues.length} problem(s)):\n  ${shown}${more}`, {
      details: issues,
    });
    this.issues = issues;
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Reads and validates knowledge/, then checks the references between files. */
export async function loadCatalog(options: LoadCatalogOptions): Promise<Catalog> {
  const root = options.directory;
  const issues: CatalogIssue[] = [];
  const catalog: Catalog = {
    matters: new Map(),
    bundles: new Map(),
    policies: new Map(),
    faq: [],
    lexicon: [],
    outside: [],
    benefits: new Map(),
    files: [],
  };

  const read = async (folder: string, extensions: string[], optional = false) => {
    const directory = path.join(root, folder);
    if (optional && !existsSync(directory)) return [];
    const names = await listFiles(directory, extensions);
    return Promise.all(
      names.map(async (name) => {
        const file = `${folder}/${name}`;
        const content = await readFile(path.join(root, file), "utf8");
        catalog.files.push({ file, content });
        return { file, content };
      }),
    );
  };

  for (const { file, content } of await read("matters", [".yaml", ".yml"])) {
    const matter = parseYaml(file, content, MatterSchema, issues);
    if (matter) addUnique(catalog.matters, matter, file, issues);
  }
  for (const { file, content } of await read("bundles", [".yaml", ".yml"])) {
    const bundle = parseYaml(file, content, BundleSchema, issues);
    if (bundle) addUnique(catalog.bundles, bundle, file, issues);
  }
  for (const { file, content } of await read("faq", [".yaml", ".yml"])) {
    const faqFile: FaqFile | undefined = parseYaml(file, content, FaqFileSchema, issues);
    if (faqFile) catalog.faq.push(...faqFile.items);
  }
  for (const { file, content } of await read("lexicon", [".yaml", ".yml"])) {
    const lexiconFile = parseYaml(file, content, LexiconFileSchema, issues);
    if (lexiconFile) catalog.lexicon.push(...lexiconFile.entries);
  }
  // Where each public service outside the knowledge base was read, for the check against its guides.
  const outsideAt: { file: string; field: string }[] = [];
  for (const { file, content } of await read("outside", [".yaml", ".yml"], true)) {
    const outsideFile = parseYaml(file, content, OutsideFileSchema, issues);
    if (!outsideFile) continue;
    catalog.outside.push(...outsideFile.services);
    for (let index = 0; index < outsideFile.services.length; index++)
      outsideAt.push({ file, field: `services.${index}.words` });
  }
  for (const { file, content } of await read("policies", [".txt"])) {
    const policy = parsePolicy(file, content, issues);
    if (policy) addUnique(catalog.policies, policy, file, issues);
  }

  // Benefits are checked against this catalog by loadBenefits; their bytes count in the content hash,
  // so a change to them alone is a new knowledge version that other nodes follow.
  for (const { file, content } of await read("benefits", [".yaml", ".yml"])) {
    const benefit = parseYaml(file, content, BenefitSchema, issues);
    if (benefit) addUnique(catalog.benefits, benefit, file, issues);
  }

  checkReferences(catalog, issues);
  checkOutside(catalog, outsideAt, issues);
  checkReviewPoints(catalog, issues);
  if (issues.length > 0) throw new CatalogError(issues);
  catalog.files.sort((a, b) => a.file.localeCompare(b.file));
  return catalog;
}

async function listFiles(directory: string, extensions: string[]): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    throw new AppError("catalog_invalid", `cannot read knowledge folder ${directory}`, { cause: error });
  }
  return names.filter((name) => extensions.some((extension) => name.endsWith(extension))).sort();
}

function parseYaml<T extends z.ZodType>(
  file: string,
  content: string,
  schema: T,
  issues: CatalogIssue[],
): z.infer<T> | undefined {
  let data: unknown;
  try {
    data = YAML.parse(content, { prettyErrors: true });
  } catch (error) {
    issues.push({ file, field: "", message: `not valid YAML: ${(error as Error).message.split("\n")[0]}` });
    return undefined;
  }
  return validate(file, data, schema, issues);
}

function validate<T extends z.ZodType>(
  file: string,
  data: unknown,
  schema: T,
  issues: CatalogIssue[],
): z.infer<T> | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({ file, field: issue.path.join("."), message: issue.message });
  }
  return undefined;
}

function parsePolicy(file: string, content: string, issues: CatalogIssue[]): Policy | undefined {
  const match = FRONT_MATTER.exec(content);
  if (!match) {
    issues.push({ file, field: "", message: "expected YAML front matter between '---' lines before the text" });
    return undefined;
  }
  let data: unknown;
  try {
    data = YAML.parse(match[1] ?? "");
  } catch (error) {
    issues.push({ file, field: "front matter", message: `not valid YAML: ${(error as Error).message.split("\n")[0]}` });
    return undefined;
  }
  const meta = validate(file, data, PolicyMetaSchema, issues);
  const text = content.slice(match[0].length);
  if (text.trim().length === 0)
    issues.push({ file, field: "text", message: "expected the document text after the front matter" });
  return meta ? { ...meta, text } : undefined;
}

function addUnique<T extends { id: string }>(map: Map<string, T>, item: T, file: string, issues: CatalogIssue[]) {
  if (map.has(item.id)) issues.push({ file, field: "id", message: `duplicate id '${item.id}'` });
  else map.set(item.id, item);
}

/**
 * A service the knowledge base guides is not outside it: a word of knowledge/outside that names a matter or bundle
 * would turn its questions away. `at` says where each service was read.
 */
function checkOutside(catalog: Catalog, at: readonly { file: string; field: string }[], issues: CatalogIssue[]): void {
  // The names the query expander reads as mentions of a matter or bundle.
  const guided = new Map<string, string>();
  for (const matter of catalog.matters.values())
    for (const name of [matter.name, ...matter.aliases]) guided.set(name, matter.id);
  for (const bundle of catalog.bundles.values())
    for (const name of [bundle.name, bundle.shortName, ...bundle.aliases]) guided.set(name, bundle.id);
  catalog.outside.forEach((service, index) => {
    for (const word of service.words) {
      const id = guided.get(word);
      if (id)
        issues.push({
          ...(at[index] ?? { file: "outside", field: "services" }),
          message: `'${word}' names '${id}', which the knowledge base guides`,
        });
    }
  });
}

function checkReferences(catalog: Catalog, issues: CatalogIssue[]): void {
  const materialNames = new Map<string, { name: string; file: string }>();
  for (const matter of catalog.matters.values()) {
    const file = `matters/${matter.id}`;
    matter.materials.forEach((material, index) => {
      checkMaterialName(material, file, `materials.${index}`);
    });
  }
  function checkMaterialName(material: Material, file: string, field: string) {
    const seen = materialNames.get(material.id);
    if (!seen) materialNames.set(material.id, { name: material.name, file });
    else if (seen.name !== material.name)
      issues.push({
        file,
        field: `${field}.name`,
        message: `material '${material.id}' is named '${material.name}' here but '${seen.name}' in ${seen.file}; one id, one name`,
      });
  }

  for (const bundle of catalog.bundles.values()) {
    const file = `bundles/${bundle.id}`;
    const extra = new Set((bundle.extraMaterials ?? []).map((material) => material.id));
    const bundleMaterials = new Set<string>(extra);
    bundle.matters.forEach((entry, index) => {
      const matter = catalog.matters.get(entry.matterId);
      if (!matter)
        issues.push({ file, field: `matters.${index}.matterId`, message: `unknown matter '${entry.matterId}'` });
      else for (const material of matter.materials) bundleMaterials.add(material.id);
    });
    (bundle.outranks ?? []).forEach((other, index) => {
      if (!catalog.bundles.has(other) || other === bundle.id)
        issues.push({ file, field: `outranks.${index}`, message: `expected another bundle's id, got '${other}'` });
    });
    const bundleMatterIds = new Set(bundle.matters.map((entry) => entry.matterId));
    const scenarioIds = new Set<string>();
    bundle.scenarios.forEach((scenario, scenarioIndex) => {
      const field = `scenarios.${scenarioIndex}`;
      if (scenarioIds.has(scenario.id))
        issues.push({ file, field: `${field}.id`, message: `duplicate scenario '${scenario.id}'` });
      scenarioIds.add(scenario.id);
      if (scenario.askIf && !scenarioIds.has(scenario.askIf.scenario))
        issues.push({
          file,
          field: `${field}.askIf.scenario`,
          message: `expected an earlier scenario id, got '${scenario.askIf.scenario}'`,
        });
      scenario.options.forEach((option, optionIndex) => {
        const optionField = `${field}.options.${optionIndex}`;
        for (const key of ["addMatters", "removeMatters"] as const)
          for (const id of option[key] ?? [])
            if (!bundleMatterIds.has(id))
              issues.push({
                file,
                field: `${optionField}.${key}`,
                message: `matter '${id}' is not listed in this bundle's matters`,
              });
        for (const id of option.addMaterials ?? [])
          if (!extra.has(id))
            issues.push({
              file,
              field: `${optionField}.addMaterials`,
              message: `material '${id}' is not in this bundle's extraMaterials`,
            });
        for (const id of option.removeMaterials ?? [])
          if (!bundleMaterials.has(id))
            issues.push({
              file,
              field: `${optionField}.removeMaterials`,
              message: `material '${id}' is not a material of this bundle`,
            });
      });
    });
    (bundle.extraMaterials ?? []).forEach((material, index) => {
      checkMaterialName(material, file, `extraMaterials.${index}`);
    });
    checkPrereviewSpec(bundle.prereview, file, bundleMaterials, scenarioIds);
  }
  for (const matter of catalog.matters.values())
    checkPrereviewSpec(matter.prereview, `matters/${matter.id}`, new Set(matter.materials.map((m) => m.id)), new Set());

  /** Rule sources name materials of this matter or bundle; scenario conditions name its questions. */
  function checkPrereviewSpec(
    spec: PrereviewSpec | undefined,
    file: string,
    materialIds: Set<string>,
    scenarioIds: Set<string>,
  ): void {
    if (!spec) return;
    const ruleIds = new Set<string>();
    spec.rules.forEach((rule, index) => {
      const field = `prereview.rules.${index}`;
      if (ruleIds.has(rule.id)) issues.push({ file, field: `${field}.id`, message: `duplicate rule '${rule.id}'` });
      ruleIds.add(rule.id);
      for (const source of ruleSources(rule))
        if ("material" in source && !materialIds.has(source.material))
          issues.push({
            file,
            field,
            message: `material '${source.material}' is not a material of this ${file.split("/")[0] === "bundles" ? "bundle" : "matter"}`,
          });
      for (const condition of [rule.when, rule.unless])
        if (condition && !scenarioIds.has(condition.scenario))
          issues.push({ file, field, message: `unknown scenario '${condition.scenario}'` });
    });
  }

  const targets = new Set([...catalog.matters.keys(), ...catalog.bundles.keys()]);
  const faqIds = new Set<string>();
  catalog.faq.forEach((item) => {
    const file = `faq (item ${item.id})`;
    if (faqIds.has(item.id)) issues.push({ file, field: "id", message: `duplicate FAQ id '${item.id}'` });
    faqIds.add(item.id);
    if (item.bundleId && !catalog.bundles.has(item.bundleId))
      issues.push({ file, field: "bundleId", message: `unknown bundle '${item.bundleId}'` });
    for (const id of item.matterIds ?? [])
      if (!catalog.matters.has(id)) issues.push({ file, field: "matterIds", message: `unknown matter '${id}'` });
  });
  catalog.lexicon.forEach((entry, index) => {
    for (const id of entry.targets ?? [])
      if (!targets.has(id))
        issues.push({
          file: "lexicon",
          field: `entries.${index}.targets`,
          message: `unknown bundle or matter '${id}'`,
        });
  });
  for (const policy of catalog.policies.values()) {
    const file = `policies/${policy.id}`;
    if (policy.explains && !catalog.policies.has(policy.explains))
      issues.push({ file, field: "explains", message: `unknown policy '${policy.explains}'` });
    if (policy.repealedBy && !catalog.policies.has(policy.repealedBy))
      issues.push({ file, field: "repealedBy", message: `unknown policy '${policy.repealedBy}'` });
    if (policy.effective && policy.repealed && policy.repealed < policy.effective)
      issues.push({ file, field: "repealed", message: "expected the repeal date on or after the effective date" });
  }
}
