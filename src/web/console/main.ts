/// <reference lib="dom" />
// The clerk console: sign in with a clerk token, start cases, follow them, review their reports.
import { api, type CaseSummary, session } from "./api.js";
import { renderCase } from "./case-report.js";
import { h } from "../shared/dom.js";
import { loadBundleNames, statusLabel } from "./labels.js";
import { renderNewCase } from "./new-case.js";

const VERDICT: Record<string, string> = { pass: "通过", needs_correction: "需补正", needs_human: "需人工审核" };

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const signin = byId<HTMLElement>("signin");
const work = byId<HTMLElement>("work");
const who = byId<HTMLElement>("who");
const signout = byId<HTMLButtonElement>("signout");
const signinError = byId<HTMLElement>("signin-error");
const reportSlot = h("div", { id: "report-slot" });
const caseRows = h("tbody", { id: "case-rows" });

function showCase(caseId: string): void {
  renderCase(
    reportSlot,
    caseId,
    () => {
      showCase(caseId);
      void loadCases();
    },
    () => void loadCases(),
  );
}

/** While a listed case is queued or running, the list is read again this often (ms). */
const LIST_POLL_MS = 3000;
let listTimer: ReturnType<typeof setTimeout> | undefined;

async function loadCases(): Promise<void> {
  clearTimeout(listTimer);
  const [{ cases }, bundleNames] = await Promise.all([
    api<{ cases: CaseSummary[] }>("/api/prereview?limit=20"),
    loadBundleNames(),
  ]);
  caseRows.replaceChildren();
  for (const summary of cases) {
    const open = h("button", { type: "button" }, "查看");
    open.addEventListener("click", () => showCase(summary.caseId));
    caseRows.append(
      h(
        "tr",
        {},
        h("td", {}, summary.caseId.slice(0, 8)),
        h(
          "td",
          {},
          (summary.bundleId && bundleNames.get(summary.bundleId)) ?? summary.bundleId ?? summary.matterId ?? "",
        ),
        h("td", {}, statusLabel(summary.status)),
        h("td", {}, summary.verdict ? (VERDICT[summary.verdict] ?? summary.verdict) : "—"),
        h("td", {}, String(summary.fileCount)),
        h("td", {}, String(summary.reviewCount)),
        h("td", {}, new Date(summary.createdAt).toLocaleString("zh-CN")),
        h("td", {}, open),
      ),
    );
  }
  // A case finishes in the background, whichever case is open: follow it until it is done.
  if (session.token && cases.some((summary) => summary.status === "queued" || summary.status === "running"))
    listTimer = setTimeout(() => void loadCases().catch(() => undefined), LIST_POLL_MS);
}

function start(): void {
  signin.hidden = true;
  work.hidden = false;
  signout.hidden = false;
  who.textContent = "已登录";
  const refresh = h("button", { type: "button" }, "刷新");
  refresh.addEventListener("click", () => void loadCases());
  const headers = ["编号", "事项", "状态", "结论", "文件数", "审核数", "提交时间", "操作"];
  work.replaceChildren(
    renderNewCase((caseId) => {
      showCase(caseId);
      void loadCases();
    }),
    reportSlot,
    h(
      "section",
      { class: "panel", id: "cases", "aria-labelledby": "cases-title" },
      h("h2", { id: "cases-title" }, "预审列表"),
      refresh,
      h("table", {}, h("thead", {}, h("tr", {}, ...headers.map((text) => h("th", { scope: "col" }, text)))), caseRows),
    ),
  );
  void loadCases();
}

byId<HTMLFormElement>("signin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  session.set(byId<HTMLInputElement>("token").value.trim());
  try {
    await api("/api/prereview?limit=1");
    start();
  } catch (error) {
    session.clear();
    signinError.textContent = error instanceof Error ? error.message : "登录失败";
  }
});
signout.addEventListener("click", () => {
  session.clear();
  location.reload();
});
if (session.token) start();
