import type { Catalog, FormField } from "../../catalog/index.js";
import { documentTypeName } from "../document-types/document-type-data.js";
import { normalizeText } from "../fields/normalize-values.js";
import { resolveCaseRequirements } from "../rules/case-requirements.js";
import { differOnlyByHomophones } from "../rules/homophones.js";
import type { RecognisedDocument } from "../types.js";
import { checkFieldValue } from "./check-field-value.js";
import { confirmByOtherReadings } from "./confirm-by-other-readings.js";
import { DERIVATION_RULES } from "./derivation-rules.js";
import { resolveFieldSources } from "./field-sources.js";
import type { PrefillCandidate, PrefilledField, PrefillFact, PrefillResult, PrefillSource } from "./prefill-result.js";
import { PREFILL_CONFIDENCE, PREFILL_THRESHOLDS } from "./prefill-confidence.js";

export interface PrefillFormOptions {
  catalog: Catalog;
  /** Exactly one of bundleId and matterId. */
  bundleId?: string;
  matterId?: string;
  /** Scenario answers (from the chat session or the request): they choose materials and rules. Default none. */
  scenario?: Record<string, string>;
  /** Documents the pre-review recognised, with their fields and evidence. Default none. */
  documents?: readonly RecognisedDocument[];
  /** Values the applicant already typed into the form. Default none. */
  typed?: Record<string, string>;
  /** The signed portal user's profile. Default none. */
  portalProfile?: { name?: string; idNumber?: string };
  /** YYYY-MM-DD that dates are checked against (the application date, or today). */
  referenceDate: string;
}

/**
 * Fills the bundle's or matter's application form from everything known about the applicant: each
 * field with its value, every source that proposed one, a confidence, the problem of a value that
 * fails its check or is read too doubtfully to fill, and a conflict (no value chosen) when sources
 * disagree.
 */
export function prefillForm(options: PrefillFormOptions): PrefillResult {
  const scenario = options.scenario ?? {};
  const requirements = resolveCaseRequirements(options.catalog, {
    bundleId: options.bundleId,
    matterId: options.matterId,
    scenario,
    form: {},
  });
  const sources = resolveFieldSources(requirements);
  const { referenceDate } = options;
  const fieldByName = new Map(requirements.formFields.map((field) => [field.name, field]));
  const candidates = new Map<string, PrefillCandidate[]>();
  const propose = (field: FormField, value: string, source: PrefillSource, confidence: number) => {
    const normalized = toChoiceValue(field, normalizeValue(field, value));
    if (!normalized) return;
    const list = candidates.get(field.name) ?? [];
    list.push({ value: normalized, source, confidence, problem: checkFieldValue(field, normalized, referenceDate) });
    candidates.set(field.name, list);
  };

  for (const field of requirements.formFields) {
    for (const source of sources.get(field.name) ?? [])
      for (const document of options.documents ?? []) {
        if (document.materialId !== source.materialId) continue;
        if (source.documentType && document.documentType !== source.documentType) continue;
        for (const read of document.fields.filter((item) => item.name === source.field))
          propose(
            field,
            read.value,
            {
              kind: "document",
              documentId: document.id,
              documentType: document.documentType,
              documentName: documentTypeName(document.documentType),
              materialId: document.materialId,
              field: read.name,
              evidence: read.evidence,
            },
            read.confidence,
          );
      }
    const claim = field.name === "name" || field.name === "idNumber" ? field.name : undefined;
    const profileValue = claim ? options.portalProfile?.[claim] : undefined;
    if (claim && profileValue)
      propose(field, profileValue, { kind: "portal_profile", claim }, PREFILL_CONFIDENCE.portalProfile);
    const answer = scenario[field.name];
    if (answer)
      propose(field, answer, { kind: "scenario", scenarioId: field.name, answer }, PREFILL_CONFIDENCE.scenario);
    const typed = options.typed?.[field.name];
    if (typed) propose(field, typed, { kind: "applicant" }, PREFILL_CONFIDENCE.applicant);
  }

  const resolved = new Map<string, PrefilledField>();
  const resolve = (field: FormField) => resolved.set(field.name, resolveField(field, candidates.get(field.name) ?? []));
  for (const field of requirements.formFields) resolve(field);
  const confirmed = confirmByOtherReadings({
    fields: requirements.formFields,
    resolved,
    documents: options.documents ?? [],
    sourceLabel: (item) => sourceLabel(item.source),
    documentName: (document) => documentTypeName(document.documentType),
  });
  for (const [name, field] of confirmed) resolved.set(name, field);

  const facts: PrefillFact[] = [];
  for (const rule of DERIVATION_RULES) {
    const field = fieldByName.get(rule.target);
    if (!field && !rule.fact) continue;
    const values = Object.fromEntries(
      [...resolved.values()].map((item) => [item.name, item.status === "filled" ? item.value : undefined]),
    );
    const derivation = rule.derive({ values, scenario, referenceDate });
    const inputs = rule.from.map((name) => resolved.get(name)).filter((item) => item?.status === "filled");
    const confidence = Math.min(PREFILL_CONFIDENCE.derived, ...inputs.map((item) => item?.confidence ?? 1));
    const source: PrefillSource = { kind: "derived", rule: rule.id, from: [...rule.from] };
    if (derivation.status === "derived" && rule.fact)
      facts.push({ name: rule.target, label: rule.fact.label, value: derivation.value, source });
    if (!field) continue;
    if (derivation.status === "derived") {
      propose(field, derivation.value, source, confidence);
      resolve(field);
    } else if (derivation.status === "missing") {
      const current = resolved.get(field.name);
      if (current?.status === "unfilled") resolved.set(field.name, { ...current, note: derivation.note });
    }
  }

  const fields = requirements.formFields.map((field) => resolved.get(field.name) as PrefilledField);
  const count = (status: PrefilledField["status"]) => fields.filter((field) => field.status === status).length;
  return {
    bundleId: options.bundleId,
    matterId: options.matterId,
    title: requirements.title,
    referenceDate,
    fields,
    facts,
    conflicts: fields.filter((field) => field.status === "conflict").map((field) => field.name),
    unfilled: fields.filter((field) => field.status === "unfilled").map((field) => field.name),
    counts: {
      fields: fields.length,
      filled: count("filled"),
      needsCheck: count("needs_check"),
      conflict: count("conflict"),
      unfilled: count("unfilled"),
    },
  };
}

/**
 * One field's outcome from its candidates. Values that pass their check decide: one value → filled,
 * two → conflict. Only when none passes is a failing value offered (`needs_check`, problem named). A
 * failing value beside a passing one stays in `candidates` and is named in the note.
 */
export function resolveField(field: FormField, candidates: readonly PrefillCandidate[]): PrefilledField {
  const base = {
    name: field.name,
    label: field.label,
    type: field.type,
    ...(field.choices ? { choices: field.choices } : {}),
    candidates: [...candidates],
  };
  if (candidates.length === 0)
    return { ...base, status: "unfilled", confidence: 0, note: "已有材料和信息中没有此项，请填写" };
  const passing = candidates.filter((candidate) => !candidate.problem);
  const pool = passing.length > 0 ? passing : candidates;
  const grouped = new Map<string, PrefillCandidate[]>();
  for (const candidate of pool) grouped.set(candidate.value, [...(grouped.get(candidate.value) ?? []), candidate]);
  const { byValue, setAside } = setAsideOcrSlips(grouped);
  if (byValue.size > 1)
    return {
      ...base,
      status: "conflict",
      confidence: 0,
      note: `来源不一致：${[...byValue.entries()]
        .map(([value, list]) => `${list.map((item) => sourceLabel(item.source)).join("、")}为“${value}”`)
        .join("；")}。请核对后选择或填写正确的值`,
    };
  const [value, agreeing] = [...byValue.entries()][0] as [string, PrefillCandidate[]];
  const first = agreeing[0] as PrefillCandidate;
  const confidence = combined(agreeing);
  const rejected = candidates.filter((candidate) => candidate.problem && candidate.value !== value);
  const slipNote =
    setAside.length > 0
      ? `${setAside.map((item) => `${sourceLabel(item.source)}识别为“${item.value}”（把握不大，与其他来源只差个别字，按识别误差处理）`).join("；")}，已采用“${value}”，请对照原件核对`
      : undefined;
  const valueLabel = field.choices?.find((choice) => choice.value === value)?.label;
  const passedCheck = !first.problem && (field.type === "id_number" || field.type === "credit_code");
  const threshold = passedCheck ? PREFILL_THRESHOLDS.checkedCode : PREFILL_THRESHOLDS.lowConfidence;
  const problem =
    first.problem ??
    (confidence < threshold
      ? {
          code: "low_confidence" as const,
          message: `识别把握不大（置信度${Math.round(confidence * 100)}%），请对照原件核对`,
        }
      : undefined);
  return {
    ...base,
    status: problem ? "needs_check" : "filled",
    value,
    ...(valueLabel ? { valueLabel } : {}),
    source: first.source,
    confidence: Number(confidence.toFixed(3)),
    ...(problem ? { problem, note: problem.message } : {}),
    ...(rejected.length > 0
      ? {
          note: `${rejected.map((item) => `${sourceLabel(item.source)}的“${item.value}”未通过校验（${item.problem?.message}）`).join("；")}，已采用通过校验的值`,
        }
      : {}),
    ...(slipNote ? { note: slipNote } : {}),
  };
}

/** Combined confidence of agreeing candidates: 1 − Π(1 − confidence). */
const combined = (list: readonly PrefillCandidate[]) =>
  1 - list.reduce((product, item) => product * (1 - item.confidence), 1);

/**
 * Disagreeing values where one is read confidently and every other is a doubtful document reading
 * that keeps most of it (an OCR slip: 熊艳和 beside 熊艳雯, a stray character, a lost one) or that
 * the confident value starts with (cut short where OCR put the rest on another line): the
 * doubtful readings are set aside (kept in `candidates`, named in the note) and the confident value
 * decides, as the pre-review's consistency check does. Two confident values, a reading that
 * differs from the confident one only by characters that sound alike (a pinyin typing slip:
 * 段方月 for 段芳月, which is a real difference to surface), or a reading that shares too little
 * stay a conflict.
 */
function setAsideOcrSlips(grouped: Map<string, PrefillCandidate[]>): {
  byValue: Map<string, PrefillCandidate[]>;
  setAside: PrefillCandidate[];
} {
  const unchanged = { byValue: grouped, setAside: [] };
  if (grouped.size < 2) return unchanged;
  const confident = [...grouped].filter(([, list]) => combined(list) >= PREFILL_THRESHOLDS.lowConfidence);
  if (confident.length !== 1) return unchanged;
  const [value, list] = confident[0] as [string, PrefillCandidate[]];
  const others = [...grouped].filter(([other]) => other !== value).flatMap(([, items]) => items);
  // A doubtful reading the confident value starts with was cut short at a line break (住址广东省).
  const slip = (item: PrefillCandidate) =>
    item.source.kind === "document" &&
    ((commonSubsequence(item.value, value) >= [...value].length * PREFILL_THRESHOLDS.slipOverlap &&
      !soundsLikeTypingSlip(item.value, value)) ||
      value.startsWith(item.value));
  if (!others.every(slip)) return unchanged;
  return { byValue: new Map([[value, list]]), setAside: others };
}

/** Same length and differing only by homophones, also once a stray character at one edge is dropped. */
function soundsLikeTypingSlip(reading: string, value: string): boolean {
  if (differOnlyByHomophones(reading, value)) return true;
  const characters = [...reading];
  if (characters.length !== [...value].length + 1) return false;
  return (
    differOnlyByHomophones(characters.slice(1).join(""), value) ||
    differOnlyByHomophones(characters.slice(0, -1).join(""), value)
  );
}

/** Length of the longest common subsequence of two strings, by character. */
function commonSubsequence(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  let previous = new Array<number>(right.length + 1).fill(0);
  for (const character of left) {
    const current = [0];
    right.forEach((other, index) => {
      current.push(
        character === other
          ? (previous[index] as number) + 1
          : Math.max(previous[index + 1] as number, current[index] as number),
      );
    });
    previous = current;
  }
  return previous[right.length] as number;
}

/** The source in a few Chinese words, for notes. */
export function sourceLabel(source: PrefillSource): string {
  switch (source.kind) {
    case "document":
      return source.documentName;
    case "scenario":
      return "情形问答";
    case "portal_profile":
      return "门户登录信息";
    case "applicant":
      return "申请人填写";
    case "derived":
      return DERIVED_LABELS[source.rule];
  }
}

const DERIVED_LABELS: Record<Extract<PrefillSource, { kind: "derived" }>["rule"], string> = {
  sex_from_id_number: "公民身份号码推算",
  birth_date_from_id_number: "公民身份号码推算",
  retirement_category_from_sex_and_job: "性别和岗位推算",
  child_age_from_birth_date: "出生日期推算",
};

function normalizeValue(field: FormField, value: string): string {
  const text = normalizeText(value);
  if (field.type === "id_number" || field.type === "credit_code") return text.toUpperCase();
  return text;
}

/** A choice read as its label (女工人) becomes its value (female_worker). */
function toChoiceValue(field: FormField, value: string): string {
  if (field.type !== "choice" || !field.choices) return value;
  return field.choices.find((choice) => choice.value === value || choice.label === value)?.value ?? value;
}
