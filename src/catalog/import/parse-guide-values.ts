// Free-text 办事指南 values to the catalog's typed fields. Each parser returns a value or a problem in
// Chinese for the report; an unknown value is never guessed.
import type { TimeLimit, TimeUnit } from "../common.js";
import type { Material } from "../matter.js";
import { MatterTypeSchema } from "../matter.js";

export type Parsed<T> = { value: T } | { problem: string } | { skip: true; note?: string };

const UNITS: [RegExp, TimeUnit][] = [
  [/^(个)?工作日$/, "working_day"],
  [/^(个)?(自然)?日$|^天$/, "day"],
  [/^(个)?小时$/, "hour"],
  [/^分钟$/, "minute"],
  [/^(个)?月$/, "month"],
];

/** `20个工作日`, `20工作日`, `30日`, `2小时`; `即办`/`当场办结` are kept as a note, not a number. */
export function parseTimeLimit(text: string): Parsed<TimeLimit> {
  const compact = text.normalize("NFKC").replace(/\s/g, "");
  if (/^(即办|即时办结|当场办结|立即办结|即来即办|当场|即时)$/.test(compact)) return { skip: true, note: compact };
  const match = /^(\d+(?:\.\d+)?)([^\d，,。；;（(]*)(?:[，,；;（(](.*))?$/.exec(compact);
  if (!match) return { problem: `无法识别的时限「${text}」；应为如「20个工作日」「30日」「即办」` };
  const value = Number(match[1]);
  const unit = UNITS.find(([pattern]) => pattern.test(match[2] ?? ""))?.[1];
  if (!unit) return { problem: `无法识别的时限单位「${match[2] || "（无单位）"}」；应为工作日、日、小时、分钟或月` };
  if (value <= 0) return { skip: true, note: compact };
  const note = match[3]?.replace(/[）)]$/, "");
  return { value: note ? { value, unit, note } : { value, unit } };
}

export function parseMatterType(text: string): Parsed<(typeof MatterTypeSchema.options)[number]> {
  const compact = text.replace(/\s/g, "").replace(/事项$|类$/, "");
  const found = MatterTypeSchema.options.find((option) => option === compact);
  if (found) return { value: found };
  if (compact === "其他权力" || compact === "其他行政权力事项") return { value: "其他行政权力" };
  return { problem: `无法识别的事项类型「${text}」；应为 ${MatterTypeSchema.options.join("、")} 之一` };
}

export function parseFee(free: string | undefined, note: string | undefined): Parsed<{ free: boolean; note?: string }> {
  const text = (free ?? "").replace(/\s/g, "");
  const noteOf = (value: { free: boolean }) => (note ? { ...value, note } : value);
  if (/^(否|不收费|免费|无|0|不收取)$/.test(text)) return { value: noteOf({ free: true }) };
  if (/^(是|收费|收取)$/.test(text)) return { value: noteOf({ free: false }) };
  if (!text) return note ? { problem: "填写了收费标准，但「是否收费」为空" } : { skip: true };
  return { problem: `无法识别的「是否收费」取值「${free}」；应为 是 或 否` };
}

export function parseServiceObject(text: string): Parsed<"individual" | "enterprise" | "both"> {
  const individual = /自然人|个人|居民|公民/.test(text);
  const enterprise = /法人|企业|组织|单位|经营主体/.test(text);
  if (individual && enterprise) return { value: "both" };
  if (individual) return { value: "individual" };
  if (enterprise) return { value: "enterprise" };
  return { problem: `无法识别的服务对象「${text}」；应含 自然人 或 企业法人 等` };
}

const FORMS: [RegExp, NonNullable<Material["form"]>][] = [
  [/^原件(和|及|与|\+|、)复印件$/, "original_and_copy"],
  [/^原件或复印件$/, "original_or_copy"],
  [/^原件$/, "original"],
  [/^复印件$/, "copy"],
  [/^电子(材料|证照|版|文件)?$/, "electronic"],
];

export function parseMaterialForm(text: string): Parsed<NonNullable<Material["form"]>> {
  const compact = text.replace(/\s/g, "");
  const form = FORMS.find(([pattern]) => pattern.test(compact))?.[1];
  if (form) return { value: form };
  if (/^纸质$/.test(compact)) return { skip: true };
  return { problem: `无法识别的材料类型「${text}」；应为 原件、复印件、原件和复印件、原件或复印件、电子证照` };
}

export function parseCopies(text: string): Parsed<number> {
  const match = /^(\d+)\s*份?$/.exec(text.normalize("NFKC").trim());
  if (!match) return { problem: `份数应为正整数，如「1」或「2份」，而不是「${text}」` };
  const copies = Number(match[1]);
  return copies > 0 ? { value: copies } : { skip: true };
}

export function parseOrigin(text: string): Parsed<NonNullable<Material["origin"]>> {
  if (/申请人|自备|本人|申请单位/.test(text)) return { value: "applicant" };
  if (/政府|部门|机关|核发|共享|本单位/.test(text)) return { value: "government" };
  if (/第三方|中介|机构|医院|银行|其他/.test(text)) return { value: "third_party" };
  return { problem: `无法识别的来源渠道「${text}」；应为 申请人自备、政府部门核发 或 第三方机构出具` };
}

/** 必要 → required; 非必要/视情况 → a condition; 容缺 → deferrable. */
export function parseNecessity(text: string): Parsed<{ condition?: string; deferrable?: boolean }> {
  const compact = text.replace(/\s/g, "");
  if (/容缺/.test(compact)) return { value: { deferrable: true } };
  if (/^(非必要|非必须|否|选填|可选)/.test(compact) || /视情况|情形|如有|适用于/.test(compact)) {
    const condition = compact.replace(/^(非必要|非必须|否|选填|可选)[：:，,]?/, "");
    return { value: { condition: condition || "视情况提供" } };
  }
  if (/^(必要|必须|必需|是|必交|必要材料)$/.test(compact)) return { value: {} };
  return { problem: `无法识别的必要性「${text}」；应为 必要、非必要（可注明情形）或 容缺` };
}

/** Splits a list written in one cell (numbered lines, or items separated by ；). */
export function splitList(text: string): string[] {
  return text
    .split(/\r?\n|[；;](?!\s*$)/)
    .map((item) => item.replace(/^\s*(?:\d+|[一二三四五六七八九十]+)[.、．)）]\s*/, "").trim())
    .filter((item) => item.length > 0);
}

/**
 * 审查要点 in one cell: one point per line or separated by ；. A point may start with its id and a
 * colon (`in-validity：在有效期内`), so the built-in checks that enforce that id link to it; otherwise
 * points are numbered `point-1`, `point-2`, … in the order written.
 */
export function parseReviewPoints(text: string): Parsed<{ id: string; text: string }[]> {
  const points = splitList(text).map((item, index) => {
    const named = /^([a-z0-9]+(?:-[a-z0-9]+)*)\s*[:：]\s*(.+)$/.exec(item);
    return named
      ? { id: named[1] as string, text: (named[2] as string).trim() }
      : { id: `point-${index + 1}`, text: item };
  });
  const ids = points.map((point) => point.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) return { problem: `审查要点的标识「${repeated}」重复` };
  return points.length > 0 ? { value: points } : { skip: true };
}
