// The 办事指南 elements an authority's export carries, each with the column-name variants seen in
// provincial 政务服务 systems. Matching ignores spaces, required-field stars, bracketed units and a
// leading 申请材料 group name, so 「承诺办结时限（工作日）」 and 「*承诺时限」 are the same column.

/** Columns that describe the matter itself (one value per matter). */
export const MATTER_COLUMNS = {
  id: ["标识", "事项标识", "ID", "英文标识"],
  name: ["事项名称", "事项名", "服务事项名称", "办事事项名称", "实施清单名称", "名称"],
  code: ["基本编码", "事项编码", "基本目录编码", "事项基本编码", "实施编码", "业务办理项编码"],
  type: ["事项类型", "事项类别", "权力类型", "职权类型"],
  department: ["实施主体", "实施机构", "实施主体名称", "办理部门", "受理机构", "受理部门"],
  cooperatingDepartments: ["联办机构", "协办机构", "联办部门"],
  basis: ["设定依据", "法律依据", "实施依据", "法定依据"],
  serviceObject: ["服务对象", "办理对象", "申请对象"],
  summary: ["事项概述", "事项简介", "服务内容", "事项说明"],
  conditions: ["受理条件", "申请条件", "办理条件", "受理标准"],
  process: ["办理流程", "办事流程", "办理程序"],
  legalLimit: ["法定办结时限", "法定时限", "法定期限", "法定办理时限"],
  promisedLimit: ["承诺办结时限", "承诺时限", "承诺期限", "承诺办理时限"],
  fee: ["是否收费", "收费情况", "收费"],
  feeNote: ["收费标准", "收费依据及标准", "收费项目及标准", "收费依据"],
  place: ["办理地点", "受理地点", "窗口地址", "办理窗口"],
  hours: ["办理时间", "受理时间", "工作时间", "窗口办理时间"],
  online: ["网上办理地址", "在线办理地址", "网办地址", "网上办理"],
  result: ["审批结果", "办理结果", "结果名称", "审批结果名称"],
  contact: ["咨询方式", "咨询电话", "咨询途径"],
  complaint: ["监督投诉方式", "投诉方式", "监督投诉渠道", "监督电话", "投诉电话"],
  aliases: ["别名", "俗称", "事项俗称", "关键词"],
  variant: ["行政区划", "区划", "适用地区"],
  source: ["来源", "信息来源", "指南来源"],
} as const;

/** Columns of one required material (申请材料 has one row, or one JSON object, per material). */
export const MATERIAL_COLUMNS = {
  materialName: ["材料名称", "申请材料名称", "申请材料"],
  materialForm: ["材料类型", "材料形式", "材料类别"],
  copies: ["份数", "纸质材料份数", "材料份数", "纸质份数"],
  origin: ["来源渠道", "材料来源", "来源方式", "材料来源渠道"],
  necessity: ["必要性", "是否必要", "必要性及描述", "必要性要求"],
  materialNote: ["材料说明", "填报须知", "材料备注", "备注"],
  reviewPoints: ["审查要点", "审核要点", "审查要求", "审核要求", "审查标准"],
} as const;

export type MatterColumn = keyof typeof MATTER_COLUMNS;
export type MaterialColumn = keyof typeof MATERIAL_COLUMNS;
export type GuideColumn = MatterColumn | MaterialColumn;

/** The header name a maintainer reads in a report: the first (standard) variant. */
export function standardHeader(column: GuideColumn): string {
  return (
    (MATTER_COLUMNS as Record<string, readonly string[]>)[column]?.[0] ?? MATERIAL_COLUMNS[column as MaterialColumn][0]
  );
}

/** The JSON key that holds a matter's materials. */
export const MATERIALS_KEYS = ["申请材料", "材料", "材料清单", "申请材料清单"];

export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/[（(][^）)]*[）)]/g, "")
    .replace(/[\s*＊:：]/g, "")
    .replace(/^申请材料[-_.·/](?=.)/, "")
    .toLowerCase();
}

const LOOKUP = new Map<string, GuideColumn>();
for (const [column, variants] of [...Object.entries(MATTER_COLUMNS), ...Object.entries(MATERIAL_COLUMNS)])
  for (const variant of variants) LOOKUP.set(normalizeHeader(variant), column as GuideColumn);

/** The element a header names, or undefined for a column Banshi does not use. */
export function matchHeader(header: string): GuideColumn | undefined {
  return LOOKUP.get(normalizeHeader(header));
}

export function isMaterialColumn(column: GuideColumn): column is MaterialColumn {
  return column in MATERIAL_COLUMNS;
}
