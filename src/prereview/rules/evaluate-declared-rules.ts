import type {
  AgeLimitRule,
  ConsistencyRule,
  FormField,
  PrereviewRule,
  RetirementAgeRule,
  ValueSource,
} from "../../catalog/index.js";
import { type RetirementCategory, statutoryRetirementAge } from "../statutory-retirement-age.js";
import type { Evidence, RecognisedDocument } from "../types.js";
import { validateIdNumber } from "../validate-id-number.js";
import type { RequiredMaterial } from "./case-requirements.js";
import { formatChineseDate, isRealDate, wholeMonthsBetween } from "./dates.js";
import { differOnlyByHomophones } from "./homophones.js";
import type { FindingList } from "./findings.js";

export interface EvaluateDeclaredRulesOptions {
  rules: PrereviewRule[];
  documents: RecognisedDocument[];
  materials: RequiredMaterial[];
  formFields: FormField[];
  form: Record<string, string>;
  referenceDate: string;
  findings: FindingList;
}

interface SourcedValue {
  value: string;
  /** 1 for the form; the OCR or text-layer confidence for a document's field. */
  confidence: number;
  /** Where it is stated, in Chinese: "申请表" or the material's name. */
  where: string;
  materialId?: string;
  evidence: Evidence;
}

/** The retirement categories in the clerk's words. */
const RETIREMENT_CATEGORY_NAMES: Record<RetirementCategory, string> = {
  male: "男职工",
  female_cadre: "女干部",
  female_worker: "女工人",
};

/** Below this OCR confidence a reading needs a second source before it can contradict another. */
export const CONFIDENT_READING = 0.8;

/** Evaluates the rules a matter or bundle declares in knowledge/ (consistency and eligibility). */
export function evaluateDeclaredRules(options: EvaluateDeclaredRulesOptions): void {
  const { rules, documents, materials, form, referenceDate, findings } = options;

  const read = (source: ValueSource): SourcedValue | undefined => {
    if ("form" in source) {
      const value = form[source.form]?.trim();
      if (!value) return undefined;
      const label = options.formFields.find((field) => field.name === source.form)?.label ?? source.form;
      return { value, confidence: 1, where: "申请表", evidence: { fileId: "form", text: `${label}：${value}` } };
    }
    for (const document of documents) {
      if (document.materialId !== source.material) continue;
      const field = document.fields.find((item) => item.name === source.field);
      if (field?.value)
        return {
          value: field.value,
          confidence: field.confidence,
          where: materials.find((material) => material.id === source.material)?.name ?? source.material,
          materialId: source.material,
          evidence: field.evidence,
        };
    }
    return undefined;
  };
  /** Every value typed on the form, under any field name. */
  const typedValues = Object.values(form).filter((value) => value.trim().length > 0);
  const first = (sources: ValueSource[], accept: (value: string) => boolean = () => true) =>
    sources.map(read).find((value): value is SourcedValue => value !== undefined && accept(value.value));

  for (const rule of rules) {
    if (rule.kind === "consistency") checkConsistency(rule);
    else if (rule.kind === "retirement_age") checkRetirementAge(rule);
    else checkAgeLimit(rule);
  }

  function checkConsistency(rule: ConsistencyRule) {
    const values = rule.sources
      .map(read)
      .filter((value): value is SourcedValue => value !== undefined)
      // An invalid ID number is reported by its own check; comparing it would report it twice.
      .filter((value) => rule.compare !== "id_number" || validateIdNumber(value.value).valid);
    const key = (value: string) => normalise(value, rule.compare);
    /** True when the applicant typed this value somewhere on the form. */
    const isTyped = (value: string) => typedValues.some((typed) => key(typed) === key(value));
    // A value read with low confidence that no other source repeats is more likely an OCR slip than
    // a real difference: it is left out of the comparison and shown to the clerk as a note.
    // Likewise a reading of a secondary document (not the rule's first, authoritative one) that
    // stands alone against two sources agreeing with each other.
    const authority = rule.sources.find(
      (source): source is { material: string; field: string } => "material" in source,
    );
    // Repeated: another source of this rule says the same; or, for a document's reading, a value
    // typed anywhere on the form does (the legal representative, the mother's name): a reading
    // that equals what a person typed was read right. (Other documents' readings do not count
    // here: OCR makes the same confusion on two documents printed in the same font.)
    const repeated = (value: SourcedValue) =>
      values.some((other) => other !== value && key(other.value) === key(value.value)) ||
      (value.materialId !== undefined && isTyped(value.value));
    const outvoted = (value: SourcedValue) =>
      value.materialId !== undefined &&
      value.materialId !== authority?.material &&
      values.some((other) => other !== value && repeated(other) && key(other.value) !== key(value.value));
    /** A document's text reading standing in `relation` to some other, confident value. */
    const relatedToConfident = (value: SourcedValue, relation: (reading: string, other: string) => boolean) =>
      rule.compare === "text" &&
      value.materialId !== undefined &&
      values.some(
        (other) =>
          other !== value && other.confidence >= CONFIDENT_READING && relation(key(value.value), key(other.value)),
      );
    // A reading that differs from a confident value only by characters that sound alike is a
    // typing slip on one side (see homophones.ts), not an OCR slip: it counts however it was read.
    const soundsLikeConfident = (value: SourcedValue) => relatedToConfident(value, differOnlyByHomophones);
    // A reading that is a confident value with one character more or less at an edge is an OCR
    // artefact (a mark beside the name read as 了, a last character lost), not a different value.
    const edgeArtefact = (value: SourcedValue) => relatedToConfident(value, differsAtAnEdge);
    // The authoritative document read as something the applicant typed outweighs other documents'
    // readings that differ from it, even when they agree with each other: OCR repeats a confusion
    // (霞 read as 起) on every document printed in the same font.
    const overruled = (value: SourcedValue) =>
      value.materialId !== undefined &&
      value.materialId !== authority?.material &&
      values.some(
        (other) =>
          other.materialId !== undefined &&
          other.materialId === authority?.material &&
          key(other.value) !== key(value.value) &&
          isTyped(other.value),
      );
    const reliable = values.filter(
      (value) =>
        !overruled(value) &&
        (repeated(value) ||
          (value.confidence >= CONFIDENT_READING && !outvoted(value) && !edgeArtefact(value)) ||
          soundsLikeConfident(value)),
    );
    const doubtful = values.filter((value) => !reliable.includes(value));
    if (
      doubtful.length > 0 &&
      reliable.some((value) => doubtful.some((other) => key(other.value) !== key(value.value)))
    )
      findings.add({
        ruleId: "consistency.unverified",
        severity: "info",
        materialId: doubtful[0]?.materialId,
        message: `${rule.label}在${doubtful.map((value) => value.where).join("、")}上未能清晰识别，请窗口工作人员核对是否一致。`,
        detail: `${rule.description}。识别置信度低、未采信的读数：${doubtful.map((value) => `${value.where}为“${value.value}”（${value.confidence.toFixed(2)}）`).join("；")}`,
        codes: { rule: rule.id },
        evidence: doubtful.map((value) => value.evidence),
      });
    if (reliable.length < 2) return;
    const anchor = reliable.find((value) => value.materialId) ?? (reliable[0] as SourcedValue);
    const differing = reliable.filter((value) => key(value.value) !== key(anchor.value));
    if (differing.length === 0) return;
    findings.add({
      ruleId: rule.id,
      severity: "error",
      materialId: anchor.materialId ?? authority?.material,
      message: `${rule.label}不一致：${[anchor, ...differing].map((value) => `${value.where}为“${value.value}”`).join("，")}。请更正${[...new Set(differing.map((value) => value.where))].join("、")}上的${rule.label}，与${anchor.where}一致（如${anchor.where}本身有误，请先到发证机关更正）。`,
      detail: `${rule.description}。以${anchor.where}为准：${[anchor, ...differing].map((value) => `${value.where}为“${value.value}”`).join("；")}；需更正${[...new Set(differing.map((value) => value.where))].join("、")}`,
      codes: {
        authority: anchor.materialId ?? "form",
        correct: [...new Set(differing.map((value) => value.materialId ?? "form"))].join(","),
      },
      evidence: [anchor.evidence, ...differing.map((value) => value.evidence)],
    });
  }

  function checkRetirementAge(rule: RetirementAgeRule) {
    const birth = first(rule.birthDate, isRealDate);
    const sex = first(rule.sex, (value) => ["男", "女", "male", "female"].includes(value));
    if (!birth || !sex) return undetermined(rule, "出生日期或性别");
    const male = sex.value === "男" || sex.value === "male";
    const declared = rule.category ? read(rule.category)?.value : undefined;
    const categories: RetirementCategory[] = male
      ? ["male"]
      : declared === "female_cadre" || declared === "female_worker"
        ? [declared]
        : ["female_worker", "female_cadre"];
    const ageMonths = wholeMonthsBetween(birth.value, referenceDate);
    const outcomes = categories.map((category) => ({ category, age: statutoryRetirementAge(category, birth.value) }));
    const reached = outcomes.filter((outcome) => ageMonths >= outcome.age.months);
    if (reached.length === outcomes.length) return;
    if (reached.length > 0)
      return undetermined(rule, "退休人员类别（女干部或女工人）", "两类人员的法定退休年龄不同，需确认岗位类别");
    const { age } = outcomes[0] as (typeof outcomes)[number];
    findings.add({
      ruleId: rule.id,
      severity: "error",
      message: `按渐进式延迟法定退休年龄的规定，申请人的法定退休年龄为${age.years}周岁${age.extraMonths ? `${age.extraMonths}个月` : ""}，将于${formatChineseDate(age.reachedIn)}达到；申请日${formatChineseDate(referenceDate)}尚未达到。如属特殊工种、病残等提前退休或弹性提前退休情形，请向窗口说明，由工作人员审核。`,
      detail: `${rule.description}。出生日期 ${birth.value}（${birth.where}），性别${sex.value === "male" ? "男" : sex.value === "female" ? "女" : sex.value}，按${categories.map((category) => RETIREMENT_CATEGORY_NAMES[category]).join("或")}计：需满 ${age.months} 个月，申请日 ${referenceDate} 时为 ${ageMonths} 个月。${rule.basis ?? ""}`,
      codes: { categories: categories.join(","), neededMonths: age.months, ageMonths },
      evidence: [birth.evidence, sex.evidence],
    });
  }

  function checkAgeLimit(rule: AgeLimitRule) {
    const birth = first(rule.birthDate, isRealDate);
    if (!birth) return undetermined(rule, `${rule.subject}的出生日期`);
    const months = wholeMonthsBetween(birth.value, referenceDate);
    const tooOld = rule.belowMonths !== undefined && months >= rule.belowMonths;
    const tooYoung = rule.atLeastMonths !== undefined && months < rule.atLeastMonths;
    if (!tooOld && !tooYoung) return;
    const limit = tooOld
      ? `未满${describeMonths(rule.belowMonths as number)}`
      : `满${describeMonths(rule.atLeastMonths as number)}`;
    findings.add({
      ruleId: rule.id,
      severity: "error",
      message: `${rule.subject}出生于${formatChineseDate(birth.value)}，到申请日${formatChineseDate(referenceDate)}已${describeMonths(months)}，本事项要求${limit}。请向窗口咨询其他办理方式，由工作人员审核。`,
      detail: `${rule.description}。出生日期 ${birth.value}（${birth.where}），申请日 ${referenceDate} 时为 ${months} 个月。${rule.basis ?? ""}`,
      codes: { ageMonths: months },
      evidence: [birth.evidence],
    });
  }

  function undetermined(rule: PrereviewRule, missing: string, why?: string) {
    findings.add({
      ruleId: "eligibility.undetermined",
      severity: "warning",
      message: `未能从材料和申请表中确定${missing}，无法预先判断是否符合条件，窗口工作人员将人工核对。`,
      detail: `${rule.description}：${why ?? `没有可用的${missing}`}`,
      codes: { rule: rule.id },
    });
  }
}

/** True when one string is the other with one character added at its start or end. */
function differsAtAnEdge(a: string, b: string): boolean {
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return (
    shorter.length > 0 &&
    longer.length === shorter.length + 1 &&
    (longer.startsWith(shorter) || longer.endsWith(shorter))
  );
}

function describeMonths(months: number): string {
  if (months < 12) return `${months}个月`;
  const years = Math.floor(months / 12);
  return months % 12 ? `${years}周岁${months % 12}个月` : `${years}周岁`;
}

function normalise(value: string, compare: ConsistencyRule["compare"]): string {
  const folded = value.normalize("NFKC").replace(/[\s·•.\-_/]/g, "");
  return compare === "id_number" || compare === "code" ? folded.toUpperCase() : folded;
}
