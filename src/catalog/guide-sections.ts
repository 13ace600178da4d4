import type { Benefit, Condition } from "./benefit.js";
import type { Bundle } from "./bundle.js";
import { listBundleMaterials } from "./bundle-materials.js";
import { type Channel, formatTimeLimit } from "./common.js";
import type { Catalog } from "./load-catalog.js";
import type { Material, Matter } from "./matter.js";
import type { Scenario, ScenarioOption } from "./bundle.js";

/**
 * A guide rendered as text, one section per element. Retrieval indexes these lines and the
 * checklist quotes them, so every citation's quote is text the index holds verbatim.
 */
export interface GuideSection {
  /** Stable key within the document: `materials`, `time-fee` … */
  key: string;
  heading: string;
  lines: string[];
}

const FORM_LABELS: Record<NonNullable<Material["form"]>, string> = {
  original: "原件",
  copy: "复印件",
  original_and_copy: "原件及复印件",
  original_or_copy: "原件或复印件",
  electronic: "电子材料",
};

export function describeMaterial(material: Material): string {
  const details = [
    material.form ? FORM_LABELS[material.form] : undefined,
    material.copies ? `${material.copies}份` : undefined,
    material.exempt
      ? `可免于提交（${material.exempt.by === "e_licence" ? "电子证照" : "数据共享"}${material.exempt.note ? `：${material.exempt.note}` : ""}）`
      : undefined,
    material.deferrable ? "可容缺后补" : undefined,
    material.note,
  ].filter(Boolean);
  return `${material.name}${details.length ? `（${details.join("；")}）` : ""}`;
}

export function describeChannel(channel: Channel): string {
  return channel.description;
}

/** One line per answer that changes the result, e.g. `孩子的父母是否已登记结婚？选“未登记结婚”：…`. */
export function describeScenarioOption(
  scenario: Scenario,
  option: ScenarioOption,
  catalog: Pick<Catalog, "matters">,
  bundle: Bundle,
): string {
  const matterName = (id: string) => catalog.matters.get(id)?.name ?? id;
  const extraName = (id: string) => bundle.extraMaterials?.find((material) => material.id === id)?.name ?? id;
  const materialName = (id: string) => {
    for (const entry of bundle.matters)
      for (const material of catalog.matters.get(entry.matterId)?.materials ?? [])
        if (material.id === id) return material.name;
    return extraName(id);
  };
  const effects = [
    option.addMatters?.length && `增加事项：${option.addMatters.map(matterName).join("、")}`,
    option.removeMatters?.length && `不需办理：${option.removeMatters.map(matterName).join("、")}`,
    option.addMaterials?.length && `增加材料：${option.addMaterials.map(extraName).join("、")}`,
    option.removeMaterials?.length && `无需提交：${option.removeMaterials.map(materialName).join("、")}`,
    option.note,
  ].filter(Boolean);
  return `${scenario.question}选“${option.label}”${effects.length ? `：${effects.join("；")}` : ""}`;
}

const present = (lines: (string | false | undefined | 0)[]): string[] => lines.filter((line): line is string => !!line);

export function matterSections(matter: Matter): GuideSection[] {
  const sections: GuideSection[] = [
    {
      key: "overview",
      heading: "事项概述",
      lines: present([
        `${matter.name}：${matter.summary}`,
        matter.type && `事项类型：${matter.type}`,
        `实施部门：${matter.department}`,
        !!matter.cooperatingDepartments?.length && `协同部门：${matter.cooperatingDepartments.join("、")}`,
        matter.result && `办理结果：${matter.result}`,
      ]),
    },
    { key: "conditions", heading: "受理条件", lines: matter.conditions ?? [] },
    {
      key: "materials",
      heading: "申请材料",
      lines: matter.materials.map((material, i) => `${i + 1}. ${describeMaterial(material)}`),
    },
    { key: "process", heading: "办理流程", lines: (matter.process ?? []).map((step, i) => `${i + 1}. ${step}`) },
    {
      key: "time-fee",
      heading: "办结时限与收费",
      lines: present([
        matter.timeLimits?.legal && `法定办结时限：${formatTimeLimit(matter.timeLimits.legal)}`,
        matter.timeLimits?.promised && `承诺办结时限：${formatTimeLimit(matter.timeLimits.promised)}`,
        matter.fee && (matter.fee.free ? "收费标准：不收费" : `收费标准：${matter.fee.note ?? "收费"}`),
      ]),
    },
    {
      key: "channels",
      heading: "办理渠道",
      lines: present([
        ...(matter.channels ?? []).map(describeChannel),
        matter.crossProvince && "支持跨省通办",
        matter.contact && `咨询方式：${matter.contact}`,
      ]),
    },
    { key: "basis", heading: "设定依据", lines: matter.basis ?? [] },
    { key: "notes", heading: "说明", lines: matter.notes ?? [] },
  ];
  return sections.filter((section) => section.lines.length > 0);
}

export function bundleSections(bundle: Bundle, catalog: Pick<Catalog, "matters">): GuideSection[] {
  const matterNames = bundle.matters.map((entry) => catalog.matters.get(entry.matterId)?.name ?? entry.matterId);
  const sections: GuideSection[] = [
    {
      key: "overview",
      heading: "一件事概述",
      lines: present([
        `${bundle.name}：${bundle.summary}`,
        bundle.leadDepartment && `牵头部门：${bundle.leadDepartment}`,
        !!bundle.cooperatingDepartments?.length && `协同部门：${bundle.cooperatingDepartments.join("、")}`,
        `包含事项：${matterNames.join("、")}`,
        `批次：${bundle.batch}`,
      ]),
    },
    { key: "conditions", heading: "适用条件", lines: bundle.conditions ?? [] },
    {
      key: "scenarios",
      heading: "办理情形",
      lines: bundle.scenarios.flatMap((scenario) =>
        scenario.options.map((option) => describeScenarioOption(scenario, option, catalog, bundle)),
      ),
    },
    {
      key: "materials",
      heading: "申请材料（合并后）",
      lines: listBundleMaterials(bundle, catalog).map((entry, i) => `${i + 1}. ${describeMaterial(entry.material)}`),
    },
    {
      key: "extra-materials",
      heading: "因情形增加的材料",
      lines: (bundle.extraMaterials ?? []).map((material, i) => `${i + 1}. ${describeMaterial(material)}`),
    },
    {
      key: "time-channels",
      heading: "办理时限与渠道",
      lines: present([
        bundle.timeLimits?.promised && `承诺办结时限：${formatTimeLimit(bundle.timeLimits.promised)}`,
        bundle.timeLimits?.note,
        ...(bundle.channels ?? []).map(describeChannel),
        ...(bundle.highlights ?? []),
      ]),
    },
    { key: "notes", heading: "说明", lines: bundle.notes ?? [] },
  ];
  return sections.filter((section) => section.lines.length > 0);
}

/** The headings of a benefit read as a guide (its passages' section path): one spelling everywhere. */
export const BENEFIT_HEADINGS = {
  overview: "政策概述",
  conditions: "享受条件",
  amount: "享受标准",
  claim: "申领方式",
  effective: "执行期限",
  basis: "政策依据",
} as const;

/**
 * A benefit (knowledge/benefits) read as a guide: what it is and who issued it, who qualifies, what it
 * gives, how it is claimed, how long it runs. Lines are the entry's own fields, so an answer quoting
 * them says only what the entry says.
 */
export function benefitSections(benefit: Benefit): GuideSection[] {
  const { document, effective } = benefit;
  const from = effective.from && chineseDate(effective.from);
  const to = effective.to && chineseDate(effective.to);
  const period = from && to ? `${from}至${to}` : from ? `自${from}起执行` : to ? `执行至${to}` : undefined;
  const sections: GuideSection[] = [
    {
      key: "overview",
      heading: BENEFIT_HEADINGS.overview,
      lines: present([
        `${benefit.name}：${benefit.summary}`,
        `发文机关：${benefit.issuer}`,
        `政策文件：${document.title}${document.number ? `（${document.number}）` : ""}`,
      ]),
    },
    {
      key: "conditions",
      heading: BENEFIT_HEADINGS.conditions,
      lines: [...new Set(conditionLines(benefit.conditions))],
    },
    { key: "amount", heading: BENEFIT_HEADINGS.amount, lines: present([benefit.amount.text, benefit.amount.note]) },
    {
      key: "claim",
      heading: BENEFIT_HEADINGS.claim,
      lines: [benefit.claim.mode === "automatic" ? `免申即享：${benefit.claim.how}` : benefit.claim.how],
    },
    {
      key: "effective",
      heading: BENEFIT_HEADINGS.effective,
      lines: present([period && `执行期限：${period}`, effective.note]),
    },
    { key: "basis", heading: BENEFIT_HEADINGS.basis, lines: [benefit.sourceText] },
    // The entry's notes are for those who maintain it ("部署地区应按本地规定改写条件"): not shown.
  ];
  return sections.filter((section) => section.lines.length > 0);
}

/** The conditions that must all hold, a line each ("年满80周岁", "低收入老年人"), in the order written. */
function conditionLines(condition: Condition): string[] {
  return "all" in condition ? condition.all.flatMap(conditionLines) : [conditionClause(condition)];
}

/** One condition as a clause: alternatives joined by 或, conditions that hold together by 且. */
function conditionClause(condition: Condition): string {
  if ("says" in condition) return condition.says;
  if ("all" in condition) return condition.all.map(conditionClause).join("，且");
  if ("any" in condition) return condition.any.map(conditionClause).join("；或");
  return `不属于：${conditionClause(condition.not)}`;
}

/** 2027-12-31 → 2027年12月31日; 2023-08 → 2023年8月. */
function chineseDate(date: string): string {
  const [year, month, day] = date.split("-");
  return `${year}年${month ? `${Number(month)}月` : ""}${day ? `${Number(day)}日` : ""}`;
}
