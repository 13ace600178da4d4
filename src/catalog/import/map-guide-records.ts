// Guide records (one per matter) to catalog matters, validated with the loader's own MatterSchema.
import { createHash } from "node:crypto";
import type { Channel } from "../common.js";
import { type Material, type Matter, MatterSchema } from "../matter.js";
import { type GuideColumn, type MaterialColumn, standardHeader } from "./guide-columns.js";
import type { ImportIssue } from "./import-issue.js";
import {
  type Parsed,
  parseCopies,
  parseFee,
  parseMaterialForm,
  parseMatterType,
  parseNecessity,
  parseReviewPoints,
  parseOrigin,
  parseServiceObject,
  parseTimeLimit,
  splitList,
} from "./parse-guide-values.js";
import type { GuideRecord } from "./read-guide-export.js";

export interface MapGuideRecordsOptions {
  records: GuideRecord[];
  /** Shown as the source of every imported matter, e.g. the export's file name. */
  sourceTitle: string;
  /** Ids already in the catalog by name, so a re-import updates a matter and reuses a material's id. */
  matterIdsByName?: Map<string, string>;
  materialIdsByName?: Map<string, string>;
}

export interface MapGuideRecordsResult {
  matters: { matter: Matter; row: number }[];
  issues: ImportIssue[];
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function hashId(prefix: string, text: string): string {
  return `${prefix}-${createHash("sha256").update(text).digest("hex").slice(0, 8)}`;
}

export function mapGuideRecords(options: MapGuideRecordsOptions): MapGuideRecordsResult {
  const issues: ImportIssue[] = [];
  const matters: MapGuideRecordsResult["matters"] = [];
  const idRows = new Map<string, number>();
  for (const record of options.records) {
    const mapped = mapRecord(record, options, issues);
    if (!mapped) continue;
    const earlier = idRows.get(mapped.id);
    if (earlier !== undefined) {
      issues.push({
        severity: "error",
        row: record.row,
        column: "事项名称",
        problem: `与第 ${earlier} 行是同一事项（标识 ${mapped.id}）；每个事项只应出现一次`,
      });
      continue;
    }
    idRows.set(mapped.id, record.row);
    const result = MatterSchema.safeParse(mapped);
    if (result.success) matters.push({ matter: result.data, row: record.row });
    else
      for (const issue of result.error.issues)
        issues.push({ severity: "error", row: record.row, column: issue.path.join("."), problem: issue.message });
  }
  return { matters, issues };
}

function mapRecord(record: GuideRecord, options: MapGuideRecordsOptions, issues: ImportIssue[]) {
  const cells = record.cells;
  const errorsBefore = issues.filter((issue) => issue.severity === "error").length;
  const take = <T>(column: GuideColumn, parsed: Parsed<T>, row = record.row): T | undefined => {
    if ("value" in parsed) return parsed.value;
    if ("problem" in parsed)
      issues.push({ severity: "error", row, column: standardHeader(column), problem: parsed.problem });
    return undefined;
  };
  const name = cells.name;
  if (!name) {
    issues.push({ severity: "error", row: record.row, column: "事项名称", problem: "事项名称为空" });
    return undefined;
  }
  if (!cells.department)
    issues.push({ severity: "error", row: record.row, column: "实施主体", problem: "实施主体为空" });
  if (cells.id && !ID_PATTERN.test(cells.id))
    issues.push({
      severity: "error",
      row: record.row,
      column: "标识",
      problem: `标识应为小写字母、数字和连字符，如 dog-registration，而不是「${cells.id}」`,
    });
  const id =
    cells.id ??
    options.matterIdsByName?.get(name) ??
    (cells.code && /^[a-z0-9-]+$/i.test(cells.code) ? `matter-${cells.code.toLowerCase()}` : hashId("matter", name));

  const type = cells.type ? take("type", parseMatterType(cells.type)) : undefined;
  const notes: string[] = [];
  const limit = (column: "legalLimit" | "promisedLimit") => {
    const text = cells[column];
    if (!text) return undefined;
    const parsed = parseTimeLimit(text);
    if ("skip" in parsed && parsed.note) notes.push(`${standardHeader(column)}：${parsed.note}`);
    return take(column, parsed);
  };
  const legal = limit("legalLimit");
  const promised = limit("promisedLimit");
  const fee = cells.fee || cells.feeNote ? take("fee", parseFee(cells.fee, cells.feeNote)) : undefined;
  const channels: Channel[] = [];
  if (cells.online) channels.push({ kind: "online", description: `网上办理：${cells.online}` });
  if (cells.place || cells.hours)
    channels.push({
      kind: "window",
      description: [cells.place && `办理地点：${cells.place}`, cells.hours && `办理时间：${cells.hours}`]
        .filter(Boolean)
        .join("；"),
    });
  if (cells.complaint) notes.push(`监督投诉方式：${cells.complaint}`);
  const materials = record.materials.flatMap((material, index) =>
    mapMaterial(material, index, options.materialIdsByName, take, issues, cells.source ?? options.sourceTitle),
  );
  if (issues.filter((issue) => issue.severity === "error").length > errorsBefore) return undefined;

  const summary = cells.summary ?? `${name}${type ? `（${type}）` : ""}由${cells.department}办理。`;
  return {
    sample: true as const,
    id,
    name,
    aliases: cells.aliases ? splitList(cells.aliases.replace(/[，,、]/g, "\n")) : [],
    code: cells.code,
    type,
    department: cells.department,
    cooperatingDepartments: cells.cooperatingDepartments ? splitList(cells.cooperatingDepartments) : undefined,
    basis: cells.basis ? splitList(cells.basis) : undefined,
    serviceObject: cells.serviceObject ? take("serviceObject", parseServiceObject(cells.serviceObject)) : undefined,
    summary,
    conditions: cells.conditions ? splitList(cells.conditions) : undefined,
    materials,
    process: cells.process ? splitList(cells.process) : undefined,
    timeLimits: legal || promised ? { legal, promised } : undefined,
    fee,
    channels: channels.length > 0 ? channels : undefined,
    result: cells.result,
    contact: cells.contact,
    variant: cells.variant,
    notes: notes.length > 0 ? notes : undefined,
    sources: [
      {
        title: cells.source ?? options.sourceTitle,
        note: `由办事指南导出文件导入（${options.sourceTitle} 第 ${record.row} 行）`,
      },
    ],
  };
}

function mapMaterial(
  material: GuideRecord["materials"][number],
  index: number,
  idsByName: Map<string, string> | undefined,
  take: <T>(column: GuideColumn, parsed: Parsed<T>, row?: number) => T | undefined,
  issues: ImportIssue[],
  /** The matter's source title: imported review points cite the guide they came from. */
  sourceTitle: string,
): Material[] {
  const cells = material.cells;
  const at = <T>(column: MaterialColumn, parse: (text: string) => Parsed<T>): T | undefined => {
    const text = cells[column];
    return text ? take(column, parse(text), material.row) : undefined;
  };
  if (!cells.materialName) {
    issues.push({
      severity: "error",
      row: material.row,
      column: "材料名称",
      problem: `第 ${index + 1} 项申请材料没有材料名称`,
    });
    return [];
  }
  const necessity = at("necessity", parseNecessity);
  return [
    {
      id: idsByName?.get(cells.materialName) ?? hashId("material", cells.materialName),
      name: cells.materialName,
      form: at("materialForm", parseMaterialForm),
      copies: at("copies", parseCopies),
      origin: at("origin", parseOrigin),
      condition: necessity?.condition,
      deferrable: necessity?.deferrable,
      note: cells.materialNote,
      reviewPoints: at("reviewPoints", parseReviewPoints)?.map((point) => ({ ...point, source: sourceTitle })),
    },
  ];
}
