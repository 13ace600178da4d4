import {
  type Bundle,
  type Catalog,
  type Channel,
  type FaqItem,
  formatTimeLimit,
  listBundleMaterials,
  type Material,
  type Matter,
} from "../catalog/index.js";
import type { Chunk } from "./chunk.js";
import { chunkPolicy } from "./chunk-policy.js";
import { splitText } from "./split-text.js";

export interface ChunkCatalogOptions {
  /** Longest passage in characters (default 400). */
  maxChars?: number;
}

const FORM_LABELS: Record<NonNullable<Material["form"]>, string> = {
  original: "原件",
  copy: "复印件",
  original_and_copy: "原件及复印件",
  original_or_copy: "原件或复印件",
  electronic: "电子材料",
};

/** Turns the whole catalog into passages: guide elements, bundle parts, policy sections, FAQ items. */
export function chunkCatalog(catalog: Catalog, options: ChunkCatalogOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? 400;
  const chunks: Chunk[] = [];
  for (const matter of catalog.matters.values()) chunks.push(...chunkMatter(matter, maxChars));
  for (const bundle of catalog.bundles.values()) chunks.push(...chunkBundle(bundle, catalog, maxChars));
  for (const policy of catalog.policies.values()) chunks.push(...chunkPolicy(policy, { maxChars }));
  for (const item of catalog.faq) chunks.push(chunkFaq(item, catalog));
  return chunks;
}

function describeMaterial(material: Material): string {
  const details = [
    material.form ? FORM_LABELS[material.form] : undefined,
    material.copies ? `${material.copies}份` : undefined,
    material.exempt ? `可免于提交（${material.exempt.by === "e_licence" ? "电子证照" : "数据共享"}）` : undefined,
    material.deferrable ? "可容缺后补" : undefined,
    material.note,
  ].filter(Boolean);
  return `${material.name}${details.length ? `（${details.join("；")}）` : ""}`;
}

function describeChannels(channels: Channel[] | undefined): string | undefined {
  return channels?.length ? channels.map((channel) => channel.description).join("；") : undefined;
}

function chunkMatter(matter: Matter, maxChars: number): Chunk[] {
  const sections: [string, string, string | undefined][] = [
    [
      "overview",
      "事项概述",
      [
        `${matter.name}：${matter.summary}`,
        matter.type && `事项类型：${matter.type}`,
        `实施部门：${matter.department}`,
        matter.cooperatingDepartments?.length && `协同部门：${matter.cooperatingDepartments.join("、")}`,
        matter.result && `办理结果：${matter.result}`,
      ]
        .filter(Boolean)
        .join("\n"),
    ],
    ["conditions", "受理条件", matter.conditions?.join("\n")],
    [
      "materials",
      "申请材料",
      matter.materials.length
        ? matter.materials.map((m, i) => `${i + 1}. ${describeMaterial(m)}`).join("\n")
        : undefined,
    ],
    ["process", "办理流程", matter.process?.map((step, i) => `${i + 1}. ${step}`).join("\n")],
    [
      "time-fee",
      "办结时限与收费",
      [
        matter.timeLimits?.legal && `法定办结时限：${formatTimeLimit(matter.timeLimits.legal)}`,
        matter.timeLimits?.promised && `承诺办结时限：${formatTimeLimit(matter.timeLimits.promised)}`,
        matter.fee && (matter.fee.free ? "收费标准：不收费" : `收费标准：${matter.fee.note ?? "收费"}`),
      ]
        .filter(Boolean)
        .join("\n") || undefined,
    ],
    [
      "channels",
      "办理渠道",
      [
        describeChannels(matter.channels),
        matter.crossProvince ? "支持跨省通办" : undefined,
        matter.contact && `咨询方式：${matter.contact}`,
      ]
        .filter(Boolean)
        .join("\n") || undefined,
    ],
    ["basis", "设定依据", matter.basis?.join("\n")],
    ["notes", "说明", matter.notes?.join("\n")],
  ];
  return sections.flatMap(([key, heading, text]) =>
    text
      ? pieces(`matter:${matter.id}`, key, heading, text, maxChars, {
          kind: "matter",
          title: matter.name,
          context: [matter.aliases.join(" "), matter.department].filter(Boolean).join(" "),
          matterId: matter.id,
        })
      : [],
  );
}

function chunkBundle(bundle: Bundle, catalog: Catalog, maxChars: number): Chunk[] {
  const matterNames = bundle.matters.map((entry) => catalog.matters.get(entry.matterId)?.name ?? entry.matterId);
  const sections: [string, string, string | undefined][] = [
    [
      "overview",
      "一件事概述",
      [
        `${bundle.name}：${bundle.summary}`,
        bundle.leadDepartment && `牵头部门：${bundle.leadDepartment}`,
        bundle.cooperatingDepartments?.length && `协同部门：${bundle.cooperatingDepartments.join("、")}`,
        `包含事项：${matterNames.join("、")}`,
        `批次：${bundle.batch}`,
      ]
        .filter(Boolean)
        .join("\n"),
    ],
    ["conditions", "适用条件", bundle.conditions?.join("\n")],
    [
      "scenarios",
      "办理情形",
      bundle.scenarios.length
        ? bundle.scenarios
            .map((scenario) => `${scenario.question}（${scenario.options.map((option) => option.label).join(" / ")}）`)
            .join("\n")
        : undefined,
    ],
    [
      "materials",
      "申请材料（合并后）",
      listBundleMaterials(bundle, catalog)
        .map((entry, i) => `${i + 1}. ${describeMaterial(entry.material)}`)
        .join("\n") || undefined,
    ],
    [
      "time-channels",
      "办理时限与渠道",
      [
        bundle.timeLimits?.promised && `承诺办结时限：${formatTimeLimit(bundle.timeLimits.promised)}`,
        bundle.timeLimits?.note,
        describeChannels(bundle.channels),
        bundle.highlights?.join("；"),
      ]
        .filter(Boolean)
        .join("\n") || undefined,
    ],
    ["notes", "说明", bundle.notes?.join("\n")],
  ];
  return sections.flatMap(([key, heading, text]) =>
    text
      ? pieces(`bundle:${bundle.id}`, key, heading, text, maxChars, {
          kind: "bundle",
          title: bundle.name,
          context: [bundle.shortName, bundle.aliases.join(" ")].filter(Boolean).join(" "),
          bundleId: bundle.id,
        })
      : [],
  );
}

function chunkFaq(item: FaqItem, catalog: Catalog): Chunk {
  const bundle = item.bundleId ? catalog.bundles.get(item.bundleId) : undefined;
  return {
    id: `faq:${item.id}`,
    kind: "faq",
    documentId: `faq:${item.id}`,
    title: item.question,
    sectionPath: bundle ? [bundle.name, "常见问题"] : ["常见问题"],
    text: `问：${item.question}\n答：${item.answer}`,
    context: bundle?.shortName ?? "",
    bundleId: item.bundleId,
    matterId: item.matterIds?.[0],
  };
}

function pieces(
  documentId: string,
  key: string,
  heading: string,
  text: string,
  maxChars: number,
  base: Pick<Chunk, "kind" | "title" | "context" | "matterId" | "bundleId">,
): Chunk[] {
  const parts = splitText(text, maxChars);
  return parts.map((part, index) => ({
    ...base,
    id: `${documentId}#${key}${parts.length > 1 ? `.${index + 1}` : ""}`,
    documentId,
    sectionPath: [heading],
    text: part,
  }));
}
