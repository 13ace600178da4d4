// The analytics as tables with Chinese headings: the console shows them below its charts and the CSV
// export writes them, so both say the same thing. Pure; bundled for the browser too.
import type { Stats } from "./stats-schema.js";

export type StatsCell = string | number | null;

export interface StatsTable {
  /** Stable key, used as `?table=` of the CSV export. */
  key: string;
  title: string;
  columns: string[];
  rows: StatsCell[][];
  /** Columns of codes for programs (a rule's id): the CSV export writes them, the console leaves them out. */
  codeColumns?: number[];
}

const percent = (value: number | null) => (value === null ? null : `${(value * 100).toFixed(1)}%`);
const named = (row: { documentId: string; name?: string }) => row.name ?? row.documentId;

export function statsTables(stats: Stats): StatsTable[] {
  const { chat, prereview } = stats;
  return [
    {
      key: "questions-per-day",
      title: "每日咨询量",
      columns: ["日期", "提问数", "未能作答", "拒答", "转人工"],
      rows: chat.perDay.map((day) => [day.day, day.questions, day.unanswered, day.refused, day.handoffs]),
    },
    {
      key: "chat-rates",
      title: "作答情况",
      columns: ["指标", "次数", "占提问比例"],
      rows: [
        ["提问", chat.totals.questions, null],
        ["未能作答", chat.totals.unanswered, percent(chat.totals.unansweredRate)],
        ["拒答", chat.totals.refused, percent(chat.totals.refusalRate)],
        ["转人工", chat.totals.handoffs, percent(chat.totals.handoffRate)],
      ],
    },
    labelledCounts(
      "intents",
      "咨询意图",
      ["意图", "次数"],
      chat.intents.map((row) => [row.intent, row.count]),
      INTENT_LABELS,
    ),
    {
      key: "matters",
      title: "咨询最多的事项",
      columns: ["事项", "标识", "次数"],
      rows: chat.documents.map((row) => [named(row), row.documentId, row.count]),
    },
    {
      key: "unanswered",
      title: "未能解答的问题（按相近说法归类）",
      columns: ["问题", "次数", "其他说法", "最近一次"],
      rows: chat.unanswered.map((row) => [row.label, row.count, row.examples.join("；"), row.lastSeenAt.slice(0, 10)]),
    },
    {
      key: "ratings",
      title: "评价与留言（按事项）",
      columns: ["事项", "好评", "差评", "最近留言"],
      rows: chat.ratings.map((row) => [
        named(row),
        row.up,
        row.down,
        row.comments.map((comment) => `${comment.rating === "up" ? "好评" : "差评"}：${comment.text}`).join("；"),
      ]),
    },
    {
      key: "cases-per-day",
      title: "每日预审件数",
      columns: ["日期", "件数"],
      rows: prereview.perDay.map((day) => [day.day, day.cases]),
    },
    labelledCounts(
      "verdicts",
      "预审结论",
      ["结论", "件数"],
      prereview.verdicts.map((row) => [row.verdict, row.count]),
      VERDICT_LABELS,
    ),
    {
      key: "findings-by-rule",
      title: "问题按规则",
      columns: ["规则", "规则代码", "问题数", "其中错误"],
      rows: prereview.findingsByRule.map((row) => [row.ruleLabel, row.ruleId, row.count, row.errors]),
      codeColumns: [1],
    },
    {
      key: "findings-by-matter",
      title: "问题按事项和规则",
      columns: ["事项", "规则", "规则代码", "问题数"],
      rows: prereview.findingsByMatter.map((row) => [named(row), row.ruleLabel, row.ruleId, row.count]),
      codeColumns: [2],
    },
    {
      key: "overrides",
      title: "工作人员推翻率（按规则；推翻多说明规则可能误报）",
      columns: ["规则", "规则代码", "已审核", "被推翻", "推翻率"],
      rows: prereview.overrides.map((row) => [
        row.ruleLabel,
        row.ruleId,
        row.reviewed,
        row.overridden,
        percent(row.rate),
      ]),
      codeColumns: [1],
    },
    {
      key: "timing",
      title: "每件页数与用时",
      columns: ["完成件数", "平均页数", "平均秒数", "秒数中位数", "最长秒数"],
      rows: [
        [
          prereview.timing.cases,
          prereview.timing.pagesPerCase,
          prereview.timing.secondsPerCase,
          prereview.timing.secondsMedian,
          prereview.timing.secondsMax,
        ],
      ],
    },
  ];
}

/** A table of counts by a code shown by its Chinese label. */
function labelledCounts(
  key: string,
  title: string,
  columns: [string, string],
  counts: [string, number][],
  labels: Record<string, string>,
): StatsTable {
  return { key, title, columns, rows: counts.map(([code, count]) => [labels[code] ?? code, count]) };
}

export const INTENT_LABELS: Record<string, string> = {
  greeting: "问候",
  handoff: "转人工",
  out_of_scope: "超出范围",
  injection: "提示注入",
  consult: "咨询",
  route: "找事项",
  scenario_answer: "回答情形问题",
  skip: "跳过",
};

export const VERDICT_LABELS: Record<string, string> = {
  pass: "通过",
  needs_correction: "需补正",
  needs_human: "需人工审核",
};

/** RFC 4180 CSV with a BOM, so spreadsheet software opens the Chinese as UTF-8. */
export function statsTableCsv(table: StatsTable): string {
  const cell = (value: StatsCell) => {
    const text = value === null ? "" : String(value);
    // A leading = + - @ would be a formula in a spreadsheet: quoted with a leading apostrophe.
    const safe = /^[=+\-@]/.test(text) && typeof value === "string" ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [table.columns, ...table.rows].map((row) => row.map(cell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
