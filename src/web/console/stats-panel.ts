/// <reference lib="dom" />
// The console's 统计分析 tab: a date range, headline figures, charts, and every table with a CSV export.
import type { Stats } from "../../storage/stats-schema.js";
import { INTENT_LABELS, type StatsTable, statsTables } from "../../storage/stats-tables.js";
import { h } from "../shared/dom.js";
import { ApiError, api, session } from "./api.js";
import { type DrawnChart, drawChart } from "./stats-chart.js";

const DAY_MS = 86_400_000;
const cstDay = (time: number) => new Date(time + 8 * 3_600_000).toISOString().slice(0, 10);
const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);

let charts: DrawnChart[] = [];

export function renderStatsPanel(): HTMLElement {
  const from = h("input", { type: "date", id: "stats-from", value: cstDay(Date.now() - 29 * DAY_MS), required: true });
  const to = h("input", { type: "date", id: "stats-to", value: cstDay(Date.now()), required: true });
  const status = h("p", { id: "stats-status", class: "muted", role: "status" });
  const results = h("div", { id: "stats-results" });
  const form = h(
    "form",
    { id: "stats-form", class: "grid" },
    h("div", {}, h("label", { for: "stats-from" }, "开始日期"), from),
    h("div", {}, h("label", { for: "stats-to" }, "结束日期"), to),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "查询")),
  );
  const load = async () => {
    status.textContent = "正在统计……";
    status.className = "muted";
    try {
      const query = `from=${encodeURIComponent(from.value)}&to=${encodeURIComponent(to.value)}`;
      const stats = await api<Stats>(`/api/admin/stats?${query}`);
      renderResults(results, stats, query);
      status.textContent = `统计区间：${from.value} 至 ${to.value}（北京时间）`;
      results.dataset.ready = "true";
    } catch (error) {
      status.className = "error";
      status.textContent = error instanceof ApiError ? error.message : "统计失败，请稍后再试";
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void load();
  });
  void load();
  return h(
    "section",
    { class: "panel", id: "stats-panel", "aria-labelledby": "stats-title" },
    h("h2", { id: "stats-title" }, "统计分析"),
    form,
    status,
    results,
  );
}

function renderResults(slot: HTMLElement, stats: Stats, query: string): void {
  for (const chart of charts) chart.destroy();
  const { chat, prereview } = stats;
  const figure = (label: string, value: string) =>
    h("div", { class: "figure" }, h("dt", {}, label), h("dd", {}, value));
  const headline = h(
    "dl",
    { class: "figures" },
    figure("提问数", String(chat.totals.questions)),
    figure("未能作答率", percent(chat.totals.unansweredRate)),
    figure("拒答率", percent(chat.totals.refusalRate)),
    figure("转人工率", percent(chat.totals.handoffRate)),
    figure("预审件数", String(prereview.perDay.reduce((total, day) => total + day.cases, 0))),
    figure("每件平均用时", prereview.timing.secondsPerCase === null ? "—" : `${prereview.timing.secondsPerCase} 秒`),
  );
  charts = [
    drawChart({
      kind: "line",
      title: "每日咨询量",
      label: "每日咨询量折线图：提问、未能作答、转人工",
      categories: chat.perDay.map((day) => day.day),
      series: [
        { label: "提问", values: chat.perDay.map((day) => day.questions) },
        { label: "未能作答", values: chat.perDay.map((day) => day.unanswered) },
        { label: "转人工", values: chat.perDay.map((day) => day.handoffs) },
      ],
    }),
    drawChart({
      kind: "bar",
      title: "咨询意图",
      label: "咨询意图柱状图",
      categories: chat.intents.map((row) => INTENT_LABELS[row.intent] ?? row.intent),
      series: [{ label: "次数", values: chat.intents.map((row) => row.count) }],
    }),
    drawChart({
      kind: "bar",
      title: "每日预审件数",
      label: "每日预审件数柱状图",
      categories: prereview.perDay.map((day) => day.day),
      series: [{ label: "件数", values: prereview.perDay.map((day) => day.cases) }],
    }),
    drawChart({
      kind: "bar",
      title: "各规则推翻率",
      label: "各规则被工作人员推翻的比例（条形图）",
      categories: prereview.overrides.map((row) => row.ruleLabel),
      series: [{ label: "推翻率", values: prereview.overrides.map((row) => row.rate ?? 0) }],
      horizontal: true,
      percent: true,
    }),
  ];
  slot.replaceChildren(
    headline,
    h("div", { class: "charts" }, ...charts.map((chart) => chart.element)),
    ...statsTables(stats).map((table) => renderTable(table, query)),
  );
}

function renderTable(table: StatsTable, query: string): HTMLElement {
  const id = `stats-${table.key}`;
  const download = h("button", { type: "button" }, "导出 CSV");
  download.setAttribute("aria-label", `导出 CSV：${table.title}`);
  download.addEventListener("click", () => void downloadCsv(table.key, query));
  // Code columns are for programs (the CSV has them); a clerk reads the Chinese name beside them.
  const shown = (_: unknown, index: number) => !table.codeColumns?.includes(index);
  const body =
    table.rows.length === 0
      ? h("p", { class: "muted" }, "此区间没有数据。")
      : h(
          "table",
          { "aria-labelledby": `${id}-title` },
          h(
            "thead",
            {},
            h("tr", {}, ...table.columns.filter(shown).map((column) => h("th", { scope: "col" }, column))),
          ),
          h(
            "tbody",
            {},
            ...table.rows.map((row) =>
              h("tr", {}, ...row.filter(shown).map((cell) => h("td", {}, cell === null ? "—" : String(cell)))),
            ),
          ),
        );
  return h("section", { class: "stats-table", id }, h("h3", { id: `${id}-title` }, table.title), download, body);
}

async function downloadCsv(key: string, query: string): Promise<void> {
  const response = await fetch(`/api/admin/stats?${query}&format=csv&table=${key}`, {
    headers: { Authorization: `Bearer ${session.token ?? ""}` },
  });
  if (!response.ok) return;
  const link = h("a", { href: URL.createObjectURL(await response.blob()), download: `banshi-${key}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
}
