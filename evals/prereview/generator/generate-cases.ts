// Pre-review cases with known answers: a plan (template and planted defects per case), then a
// specification (documents, formats, degradations, file names, expected findings), then bytes.
import { type CaseContext, type CaseDraft, dropIdCardBack, type FileDraft } from "./case-common.js";
import { buildEnterpriseCase, enterpriseProfile } from "./case-enterprise.js";
import { buildNewbornCase, newbornProfile } from "./case-newborn.js";
import { buildRetirementCase, retirementProfile } from "./case-retirement.js";
import { APPLICATION_DATES } from "./case-common.js";
import { type DegradeOptions, type DegradePreset, degradationPreset, describeDegradation } from "./degrade.js";
import {
  type CasePlan,
  type CaseTemplate,
  CASE_TEMPLATES,
  DEFECT_RULE_IDS,
  type DefectKind,
  isEligibility,
  planCases,
  type TemplateProfile,
} from "./defects.js";
import { createRandom, hashSeed, type Random } from "./random.js";
import { renderFile } from "./render-file.js";
import {
  type ExpectedDefect,
  type GeneratedFile,
  OUTPUT_FORMATS,
  type OutputFormat,
  type PrereviewCase,
} from "./types.js";

export interface GeneratePrereviewCasesOptions {
  seed: number;
  count: number;
  /** Output formats files are drawn from (default all: png, jpeg, pdf_text, pdf_scan). */
  formats?: readonly OutputFormat[];
  /** Case templates, dealt in turn (default retirement, newborn, enterprise). */
  templates?: readonly CaseTemplate[];
  /** Share of cases without defects (default 0.27). */
  cleanShare?: number;
}

export const TEMPLATE_PROFILES: Record<CaseTemplate, TemplateProfile> = {
  retirement: retirementProfile,
  newborn: newbornProfile,
  enterprise: enterpriseProfile,
};

const BUILDERS: Record<CaseTemplate, (context: CaseContext) => CaseDraft> = {
  retirement: buildRetirementCase,
  newborn: buildNewbornCase,
  enterprise: buildEnterpriseCase,
};

/** A file decided but not rendered yet. */
export interface FileSpec extends FileDraft {
  name: string;
  format: OutputFormat;
  preset: DegradePreset | "none";
  degradation: DegradeOptions;
  declared: boolean;
  /** Seed of the noise drawn while rendering. */
  noiseSeed: number;
}

export type PrereviewCaseSpec = Omit<PrereviewCase, "files"> & { files: FileSpec[] };

const RASTER_FORMATS: readonly OutputFormat[] = ["png", "jpeg", "pdf_scan"];

/** Which template and defects each case gets (cheap: nothing is laid out or rendered). */
export function planPrereviewCases(options: GeneratePrereviewCasesOptions): CasePlan[] {
  const formats = options.formats ?? OUTPUT_FORMATS;
  return planCases({
    seed: options.seed,
    count: options.count,
    profiles: (options.templates ?? CASE_TEMPLATES).map((template) => TEMPLATE_PROFILES[template]),
    cleanShare: options.cleanShare,
    excludeKinds: formats.some((format) => RASTER_FORMATS.includes(format)) ? [] : ["unreadable"],
  });
}

function chooseFormat(random: Random, file: FileDraft, allowed: readonly OutputFormat[]): OutputFormat {
  const weights: [OutputFormat, number][] =
    file.kind === "card"
      ? [
          ["jpeg", 0.45],
          ["png", 0.2],
          ["pdf_scan", 0.2],
          ["pdf_text", 0.15],
        ]
      : [
          ["pdf_text", 0.35],
          ["pdf_scan", 0.3],
          ["jpeg", 0.25],
          ["png", 0.1],
        ];
  const fits = (format: OutputFormat) =>
    allowed.includes(format) &&
    !(file.unreadable && format === "pdf_text") &&
    !(file.layout === "sheet" && format.startsWith("pdf"));
  let usable = weights.filter(([format]) => fits(format));
  // A photocopied sheet becomes a two-page PDF when images are not allowed.
  if (usable.length === 0 && file.layout === "sheet") usable = weights.filter(([format]) => allowed.includes(format));
  if (usable.length === 0) throw new Error(`no allowed format for ${file.materialId} (allowed: ${allowed.join(", ")})`);
  return random.weighted(usable);
}

function choosePreset(random: Random, file: FileDraft, format: OutputFormat): DegradePreset | "none" {
  if (file.unreadable) return "unreadable";
  if (format === "pdf_text") return "none";
  if (format === "png")
    return random.weighted([
      ["clean", 0.5],
      ["scan", 0.3],
      ["photo", 0.2],
    ] as const);
  if (format === "jpeg")
    return random.weighted([
      ["photo", 0.5],
      ["scan", 0.3],
      ["poor", 0.1],
      ["clean", 0.1],
    ] as const);
  return random.weighted([
    ["scan", 0.7],
    ["clean", 0.2],
    ["poor", 0.1],
  ] as const);
}

const EXTENSIONS: Record<OutputFormat, string> = { png: "png", jpeg: "jpg", pdf_text: "pdf", pdf_scan: "pdf" };

function fileName(
  random: Random,
  file: FileDraft,
  format: OutputFormat,
  applicationDate: string,
  taken: Set<string>,
): string {
  const day = applicationDate.replaceAll("-", "");
  const time = `${String(random.int(8, 17)).padStart(2, "0")}${String(random.int(0, 59)).padStart(2, "0")}${String(random.int(0, 59)).padStart(2, "0")}`;
  const style = random.weighted([
    ["label", 0.6],
    ["device", 0.4],
  ] as const);
  let base = file.label;
  if (style === "device")
    base =
      format === "pdf_text"
        ? `${file.label}_${day}`
        : format === "pdf_scan"
          ? `scan_${day}_${time}`
          : `IMG_${day}_${time}`;
  let name = `${base}.${EXTENSIONS[format]}`;
  for (let copy = 2; taken.has(name); copy++) name = `${base}(${copy}).${EXTENSIONS[format]}`;
  taken.add(name);
  return name;
}

function expectedFindings(plan: CasePlan, draft: CaseDraft, files: readonly FileSpec[]) {
  const defects: ExpectedDefect[] = plan.defects.map((defect) =>
    isEligibility(defect.kind)
      ? { ruleId: DEFECT_RULE_IDS[defect.kind] }
      : { ruleId: DEFECT_RULE_IDS[defect.kind], materialId: defect.materialId },
  );
  const tolerated: ExpectedDefect[] = [...draft.tolerated];
  const uploaded = [...new Set(files.map((file) => file.materialId))];
  for (const defect of plan.defects) {
    const others = uploaded.filter((material) => material !== defect.materialId);
    const rule = DEFECT_RULE_IDS[defect.kind];
    if (defect.kind === "id_check_digit" || defect.kind === "name_mismatch" || defect.kind === "credit_code")
      tolerated.push(...others.map((materialId) => ({ ruleId: rule, materialId })), { ruleId: rule });
    if (defect.kind === "unreadable" || defect.kind === "wrong_type")
      tolerated.push(
        { ruleId: "completeness.missing", materialId: defect.materialId },
        { ruleId: "document.side_missing", materialId: defect.materialId },
        { ruleId: "document.unrecognised", materialId: defect.materialId },
      );
  }
  const verdict = plan.defects.some((defect) => isEligibility(defect.kind))
    ? ("needs_human" as const)
    : plan.defects.length > 0
      ? ("needs_correction" as const)
      : ("pass" as const);
  return { verdict, defects, tolerated };
}

/** Lays out one planned case and decides its files; nothing is rasterised yet. */
export function specifyPrereviewCase(
  seed: number,
  plan: CasePlan,
  formats: readonly OutputFormat[] = OUTPUT_FORMATS,
): PrereviewCaseSpec {
  const random = createRandom(hashSeed(seed, "case", plan.index));
  const applicationDate = random.pick(APPLICATION_DATES);
  const context: CaseContext = { random: random.fork("content"), defects: plan.defects, applicationDate };
  const draft = BUILDERS[plan.template](context);
  let drafts = draft.files;
  const has = (kind: DefectKind) => plan.defects.filter((defect) => defect.kind === kind);
  for (const defect of has("missing_material")) drafts = drafts.filter((file) => file.materialId !== defect.materialId);
  for (const defect of has("side_missing")) drafts = dropIdCardBack(drafts, defect.materialId as string);
  for (const defect of has("unreadable"))
    drafts = drafts.map((file) =>
      file.materialId === defect.materialId ? { ...file, unreadable: true, mustDeclare: true } : file,
    );
  const fileRandom = random.fork("files");
  const taken = new Set<string>();
  const files = drafts.map((file): FileSpec => {
    const format = chooseFormat(fileRandom, file, formats);
    const preset = choosePreset(fileRandom, file, format);
    let degradation = preset === "none" ? {} : degradationPreset(preset, fileRandom.fork("preset"), file.kind);
    // PNGs are exports and screenshots: noise would only make them 2–3 MB.
    if (format === "png" && preset !== "unreadable")
      degradation = { ...degradation, noise: undefined, speckle: undefined };
    return {
      ...file,
      format,
      preset,
      degradation,
      declared: file.mustDeclare === true || fileRandom.chance(0.8),
      name: fileName(fileRandom, file, format, applicationDate, taken),
      noiseSeed: fileRandom.int(0, 2 ** 31),
    };
  });
  const kinds = plan.defects.map((defect) => `${defect.kind}${defect.materialId ? `(${defect.materialId})` : ""}`);
  const id = `s${seed}-${String(plan.index + 1).padStart(3, "0")}-${plan.template}`;
  return {
    id,
    bundleId: draft.bundleId,
    matterId: draft.matterId,
    scenario: draft.scenario,
    form: draft.form,
    files,
    expected: expectedFindings(plan, draft, files),
    description: `${plan.template}, application ${applicationDate}: ${kinds.length ? kinds.join(" + ") : "clean"}. ${draft.notes.join("; ")}.`,
  };
}

export function specifyPrereviewCases(options: GeneratePrereviewCasesOptions): PrereviewCaseSpec[] {
  return planPrereviewCases(options).map((plan) => specifyPrereviewCase(options.seed, plan, options.formats));
}

export async function renderPrereviewCase(spec: PrereviewCaseSpec): Promise<PrereviewCase> {
  // Files render concurrently (encoding runs on libuv threads); each has its own noise seed, so the
  // bytes do not depend on the order.
  const files = await Promise.all(
    spec.files.map(async (file): Promise<GeneratedFile> => {
      const rendered = await renderFile({
        documents: file.documents,
        format: file.format,
        degradation: file.degradation,
        random: createRandom(file.noiseSeed),
        title: file.label,
      });
      return {
        name: file.name,
        mimeType: rendered.mimeType,
        bytes: rendered.bytes,
        ...(file.declared ? { materialId: file.materialId } : {}),
        actualMaterialId: file.materialId,
        truth: file.documents.map((document) => document.truth),
        ...(file.unreadable ? { unreadable: true } : {}),
        render: {
          format: file.format,
          degradation:
            file.preset === "none" ? "none" : describeDegradation(file.preset, file.degradation, file.format !== "png"),
        },
      };
    }),
  );
  return { ...spec, files };
}

/** Generates `count` cases from `seed`: the same options always give the same bytes. */
export async function generatePrereviewCases(options: GeneratePrereviewCasesOptions): Promise<PrereviewCase[]> {
  const cases: PrereviewCase[] = [];
  for (const spec of specifyPrereviewCases(options)) cases.push(await renderPrereviewCase(spec));
  return cases;
}
