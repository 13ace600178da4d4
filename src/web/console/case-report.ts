/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// One case: progress while it runs, then the report: verdict, findings (severity, applicant message,
// clerk detail), evidence on the page image with its box drawn, the document's fields beside it,
// accept/override with a comment, the correction notice, the review trail.
import { api, type CaseView, type Evidence, type Finding, openNotice, pageImage, type Report } from "./api.js";
import { h } from "../shared/dom.js";
import { renderBoxedPageImage } from "./boxed-page-image.js";
import { actorName, documentLabel, fieldLabel, ruleLabel } from "./labels.js";
import { renderPrefillReview } from "./prefill-review.js";
import { renderFindingPoints, renderMaterials } from "./review-points.js";

const SEVERITY: Record<Finding["severity"], string> = { error: "错误", warning: "提醒", info: "提示" };
const VERDICT: Record<Report["verdict"], string> = {
  pass: "通过",
  needs_correction: "需补正",
  needs_human: "需人工审核",
};
const STATUS: Record<CaseView["status"], string> = {
  queued: "排队中",
  running: "正在识别材料…",
  done: "预审完成",
  failed: "预审失败",
  deleted: "已删除",
};

/** `onFinished`: called once when the case leaves the queue (done or failed), so the list can catch up. */
export function renderCase(
  container: HTMLElement,
  caseId: string,
  onReviewed: () => void,
  onFinished?: () => void,
): void {
  const status = h("p", { role: "status", id: "report-status" }, "正在读取…");
  const body = h("div");
  const title = h("h2", { id: "report-title", tabindex: "-1" }, `预审 ${caseId.slice(0, 8)}`);
  container.replaceChildren(
    h("section", { class: "panel", id: "report", "aria-labelledby": "report-title" }, title, status, body),
  );
  title.focus();
  let stopped = false;
  const poll = async () => {
    if (stopped || !container.isConnected) return;
    try {
      const view = await api<CaseView>(`/api/prereview/${caseId}`);
      status.textContent = STATUS[view.status] + (view.failureReason ? `：${view.failureReason}` : "");
      if (view.status === "queued" || view.status === "running") return void setTimeout(poll, 1000);
      stopped = true;
      onFinished?.();
      if (view.report) renderReport(body, view, view.report, onReviewed);
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : "读取失败";
    }
  };
  void poll();
}

function renderReport(body: HTMLElement, view: CaseView, report: Report, onReviewed: () => void): void {
  const notice = h("button", { type: "button" }, "打印补正告知书");
  notice.addEventListener("click", () => void openNotice(view.caseId));
  const findings = h("div", { id: "findings" });
  const reviewed = new Map(view.reviews.map((review) => [review.findingId, review]));
  for (const finding of report.findings)
    findings.append(renderFinding(view, report, finding, reviewed.get(finding.id), onReviewed));
  const trail = h("ol", { id: "review-trail" });
  for (const review of view.reviews)
    trail.append(
      h(
        "li",
        {},
        `${new Date(review.createdAt).toLocaleString("zh-CN")} ${review.reviewer ?? ""} ${review.decision === "accept" ? "采纳" : "推翻"} ${review.findingId}${review.comment ? `：${review.comment}` : ""}`,
      ),
    );
  body.replaceChildren(
    h(
      "p",
      {},
      h("span", { class: `verdict ${report.verdict}`, id: "verdict" }, VERDICT[report.verdict]),
      " ",
      report.title,
      " · 参照日期 ",
      report.referenceDate,
    ),
    h("p", {}, report.summary),
    h("p", { class: "muted" }, report.disclaimer),
    notice,
    ...(report.prefill
      ? [
          renderPrefillReview({
            view,
            prefill: report.prefill,
            renderEvidence: (evidence) => renderEvidence(view, report, evidence),
            onConfirmed: onReviewed,
          }),
        ]
      : []),
    renderMaterials(report),
    h("h3", {}, `预审意见（${report.findings.length} 条）`),
    report.findings.length === 0 ? h("p", {}, "没有预审意见。") : findings,
    h("h3", {}, "审核记录"),
    view.reviews.length === 0 ? h("p", { class: "muted" }, "尚无审核记录。") : trail,
    renderAuditTrail(view.caseId),
  );
}

const AUDIT_ACTIONS: Record<string, string> = {
  case_created: "提交预审",
  case_viewed: "查看",
  job_started: "开始预审",
  job_done: "预审完成",
  job_failed: "预审失败",
  job_requeued: "服务重启后重新排队",
  review_recorded: "记录审核意见",
  prefill_confirmed: "确认或修改预填内容",
  case_deleted: "删除材料",
  files_purged: "保存期满清除材料",
};

/** The full audit trail (GET …/audit), fetched when the clerk opens it. */
function renderAuditTrail(caseId: string): HTMLElement {
  const list = h("ol", { id: "audit-trail" });
  const details = h("details", { id: "audit" }, h("summary", {}, "处理记录（审计）"), list);
  let loaded = false;
  details.addEventListener("toggle", () => {
    if (!details.open || loaded) return;
    loaded = true;
    list.replaceChildren(h("li", { class: "muted" }, "正在读取…"));
    api<{ events: { action: string; actor: string; createdAt: string }[] }>(`/api/prereview/${caseId}/audit`).then(
      ({ events }) =>
        list.replaceChildren(
          ...events.map((event) =>
            h(
              "li",
              {},
              `${new Date(event.createdAt).toLocaleString("zh-CN")} ${actorName(event.actor)} ${AUDIT_ACTIONS[event.action] ?? event.action}`,
            ),
          ),
        ),
      (error: unknown) => {
        loaded = false;
        list.replaceChildren(h("li", { role: "alert" }, error instanceof Error ? error.message : "读取失败"));
      },
    );
  });
  return details;
}

function renderFinding(
  view: CaseView,
  report: Report,
  finding: Finding,
  review: CaseView["reviews"][number] | undefined,
  onReviewed: () => void,
): HTMLElement {
  const id = `finding-${finding.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const article = h(
    "article",
    {
      class: `finding${review ? " reviewed" : ""}`,
      id,
      "aria-labelledby": `${id}-title`,
      "data-finding-id": finding.id,
    },
    h(
      "h4",
      { id: `${id}-title`, style: "margin:0" },
      h("span", { class: `severity ${finding.severity}` }, SEVERITY[finding.severity]),
      " ",
      finding.message,
    ),
    h(
      "p",
      { class: "muted", style: "margin:4px 0" },
      `工作人员参考：${finding.detail}`,
      h(
        "span",
        { class: "muted", "data-rule-id": finding.ruleId, title: finding.ruleId },
        `（${finding.ruleLabel ?? ruleLabel(finding.ruleId)}）`,
      ),
    ),
    renderFindingPoints(report, finding),
  );
  const located = finding.evidence.filter((evidence) => evidence.box && evidence.page);
  for (const evidence of located.slice(0, 2)) article.append(renderEvidence(view, report, evidence));
  for (const evidence of finding.evidence.filter((item) => !item.box))
    article.append(
      h(
        "p",
        { class: "muted" },
        `依据（${fileName(report, evidence.fileId)}${evidence.page ? ` 第 ${evidence.page} 页` : ""}）：${evidence.text}`,
      ),
    );
  article.append(
    review
      ? h(
          "p",
          { class: "review-result" },
          `已${review.decision === "accept" ? "采纳" : "推翻"}${review.comment ? `：${review.comment}` : ""}（${review.reviewer ?? ""}）`,
        )
      : renderDecision(view, finding, id, onReviewed),
  );
  return article;
}

const fileName = (report: Report, fileId: string) =>
  report.files.find((file) => file.fileId === fileId)?.originalName ?? fileId;

/** The page image with the evidence box drawn on it, beside the fields read from that document. */
export function renderEvidence(view: CaseView, report: Report, evidence: Evidence): HTMLElement {
  const page = evidence.page ?? 1;
  const frame = renderBoxedPageImage({
    alt: `${fileName(report, evidence.fileId)} 第 ${page} 页，框出：${evidence.text}`,
    url: pageImage(view.caseId, evidence.fileId, page),
    box: evidence.box,
    failure: "页面图片无法显示（文件可能已清除）",
  });
  const document_ = report.documents.find(
    (candidate) =>
      candidate.fileId === evidence.fileId && (candidate.pages.length === 0 || candidate.pages.includes(page)),
  );
  const fields = h("div", { class: "fields" }, h("p", {}, `框出文字：“${evidence.text}”`));
  if (document_) {
    const rows = h("tbody");
    for (const field of document_.fields)
      rows.append(
        h(
          "tr",
          {},
          h("th", { scope: "row" }, fieldLabel(field.name)),
          h("td", { class: "value" }, field.value),
          h("td", {}, `${Math.round(field.confidence * 100)}%`),
        ),
      );
    fields.append(
      h(
        "table",
        {},
        h("caption", {}, `识别字段：${documentLabel(document_.documentType, document_.side)}`),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "字段"),
            h("th", { scope: "col" }, "值"),
            h("th", { scope: "col" }, "置信度"),
          ),
        ),
        rows,
      ),
    );
  }
  return h("div", { class: "evidence" }, frame, fields);
}

function renderDecision(view: CaseView, finding: Finding, id: string, onReviewed: () => void): HTMLElement {
  const accept = h("input", {
    type: "radio",
    name: `${id}-decision`,
    value: "accept",
    id: `${id}-accept`,
    checked: true,
  });
  const override = h("input", { type: "radio", name: `${id}-decision`, value: "override", id: `${id}-override` });
  const comment = h("input", { type: "text", id: `${id}-comment`, class: "comment-input" });
  const submit = h("button", { type: "button", class: "primary" }, "提交审核意见");
  const error = h("p", { class: "error", role: "alert" });
  submit.addEventListener("click", async () => {
    const decision = override.checked ? "override" : "accept";
    const text = comment.value.trim();
    if (decision === "override" && !text) return void (error.textContent = "推翻预审意见时请填写理由");
    submit.disabled = true;
    try {
      await api(`/api/prereview/${view.caseId}/review`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ decisions: [{ findingId: finding.id, decision, ...(text ? { comment: text } : {}) }] }),
      });
      onReviewed();
    } catch (failure) {
      error.textContent = failure instanceof Error ? failure.message : "提交失败";
      submit.disabled = false;
    }
  });
  return h(
    "div",
    { class: "decision" },
    h(
      "fieldset",
      {},
      h("legend", {}, "审核"),
      h("span", {}, accept, h("label", { for: accept.id }, "采纳")),
      h("span", {}, override, h("label", { for: override.id }, "推翻")),
    ),
    h("div", { class: "comment" }, h("label", { for: comment.id }, "意见说明（推翻时必填）"), comment),
    submit,
    error,
  );
}
