/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The case's prefilled application form for the clerk to confirm or edit: each value with its source
// (a document's source opens the page image with the evidence box drawn), an input to correct it,
// and the record of who confirmed or changed what (kept and audited by the API).
import type { PrefilledField, PrefillResult } from "../../prereview/prefill/prefill-result.js";
// Pure, bundled into the page: an edit is checked exactly as the server checks it.
import { checkFieldValue } from "../../prereview/prefill/check-field-value.js";
import { api, type CaseView, type Evidence } from "./api.js";
import { describeSource } from "./application-form.js";
import { actorName } from "./labels.js";
import { prefillRowState } from "./prefill-row-state.js";
import { h } from "../shared/dom.js";

type Confirmation = NonNullable<CaseView["prefillConfirmations"]>[number];

export interface PrefillReviewOptions {
  view: CaseView;
  prefill: PrefillResult;
  /** The page image with the box drawn (case-report's evidence view). */
  renderEvidence(evidence: Evidence): HTMLElement;
  /** Called after the confirmations are recorded (the case is shown again). */
  onConfirmed(): void;
}

export function renderPrefillReview(options: PrefillReviewOptions): HTMLElement {
  const { view, prefill } = options;
  const confirmations = view.prefillConfirmations ?? [];
  const latest = new Map<string, Confirmation>();
  for (const confirmation of confirmations) latest.set(confirmation.field, confirmation);
  const labels = new Map(prefill.fields.map((field) => [field.name, field.label]));
  const inputs: { field: PrefilledField; input: HTMLInputElement | HTMLSelectElement; check: () => boolean }[] = [];
  const rows = h("tbody");
  const evidenceSlot = h("div", { id: "prefill-evidence", "aria-live": "polite" });

  for (const field of prefill.fields) {
    const id = `prefill-${field.name}`;
    const last = latest.get(field.name);
    const current = last?.value ?? field.value ?? "";
    // A choice is picked from its labels (男职工), its value (male) kept.
    const input =
      field.type === "choice" && field.choices
        ? h(
            "select",
            { id, "data-status": field.status },
            h("option", { value: "" }, "（请选择）"),
            ...field.choices.map((choice) => h("option", { value: choice.value }, choice.label)),
          )
        : h("input", { id, type: "text", autocomplete: "off", value: current, "data-status": field.status });
    input.value = current;
    // An edit is checked as it is typed, with the checks the server applies when it is saved.
    const message = h("p", { class: "error field-message", id: `${id}-message`, "aria-live": "polite" });
    input.setAttribute("aria-describedby", message.id);
    const check = () => {
      const value = input.value.trim();
      const problem =
        value && field.type
          ? checkFieldValue({ ...field, type: field.type }, value, prefill.referenceDate)?.message
          : undefined;
      message.textContent = problem ?? "";
      input.setAttribute("aria-invalid", problem ? "true" : "false");
      return !problem;
    };
    // Prefill's status, problem and note describe its own value: once the clerk changes or decides on
    // it they give way to that state, and the value shown is checked instead.
    const statusCell = h("td", { id: `${id}-status` });
    const problem = h("p", { class: "error", id: `${id}-problem` });
    const note = h("span", { id: `${id}-note` });
    const saved = last ? { decision: last.decision, value: last.value ?? undefined } : undefined;
    const refresh = () => {
      const state = prefillRowState(field, input.value, saved);
      statusCell.textContent = `${state.status}${state.confidence && field.source ? `（置信度 ${Math.round(field.confidence * 100)}%）` : ""}`;
      problem.textContent = state.problem ?? "";
      problem.hidden = !state.problem;
      note.textContent = state.note ?? (field.source || state.changed ? "" : "—");
      if (state.changed) check();
      else {
        message.textContent = "";
        input.setAttribute("aria-invalid", state.problem ? "true" : "false");
      }
    };
    refresh();
    for (const event of ["input", "change"]) input.addEventListener(event, refresh);
    inputs.push({ field, input, check });
    const source = field.source;
    let sourceCell: HTMLElement;
    if (source?.kind === "document" && source.evidence.box) {
      const button = h(
        "button",
        { type: "button", id: `${id}-source`, "aria-controls": evidenceSlot.id },
        `${describeSource(source)}${source.evidence.page ? `第 ${source.evidence.page} 页` : ""}（查看原件位置）`,
      );
      button.addEventListener("click", () => {
        evidenceSlot.replaceChildren(
          h("h4", {}, `${field.label}：${describeSource(source)}`),
          options.renderEvidence(source.evidence),
        );
        evidenceSlot.dataset.field = field.name;
      });
      sourceCell = button;
    } else sourceCell = h("span", { id: `${id}-source` }, source ? describeSource(source) : "");
    sourceCell = h("div", {}, sourceCell, note);
    rows.append(
      h(
        "tr",
        { "data-field": field.name },
        h("th", { scope: "row" }, h("label", { for: id }, field.label)),
        h("td", {}, input, message, problem),
        statusCell,
        h("td", {}, sourceCell),
        h(
          "td",
          { class: "muted", id: `${id}-confirmed` },
          last ? `${last.decision === "edit" ? "已修改" : "已确认"}（${actorName(last.clerk)}）` : "",
        ),
      ),
    );
  }

  const submit = h("button", { type: "button", class: "primary", id: "prefill-confirm" }, "确认预填内容");
  const status = h("p", { role: "status", id: "prefill-confirm-status" });
  submit.addEventListener("click", async () => {
    const fields = inputs
      .map(({ field, input }) => ({ name: field.name, value: input.value.trim() }))
      .filter((field) => field.value);
    if (fields.length === 0) return void (status.textContent = "没有可确认的内容");
    if (!inputs.map(({ check }) => check()).every(Boolean))
      return void (status.textContent = "有未通过校验的内容，请按提示更正后再确认");
    submit.disabled = true;
    status.textContent = "正在保存…";
    try {
      await api(`/api/prereview/${view.caseId}/prefill-confirmations`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ fields }),
      });
      options.onConfirmed();
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : "保存失败";
      submit.disabled = false;
    }
  });

  const trail = h("ol", { id: "prefill-trail" });
  for (const confirmation of confirmations) {
    const label = labels.get(confirmation.field) ?? confirmation.field;
    const when = new Date(confirmation.createdAt).toLocaleString("zh-CN");
    const what =
      confirmation.decision === "edit"
        ? `修改 ${label}：${confirmation.previousValue ?? "（空）"} → ${confirmation.value ?? "（已清除）"}`
        : `确认 ${label}：${confirmation.value ?? "（已清除）"}`;
    trail.append(h("li", {}, `${when} ${actorName(confirmation.clerk)} ${what}`));
  }

  return h(
    "section",
    { id: "prefill-review", "aria-labelledby": "prefill-review-title" },
    h("h3", { id: "prefill-review-title" }, "申请表预填核对"),
    h("p", { class: "muted" }, "以下内容由系统从材料中识别预填，请逐项核对；修改或确认都会记入处理记录。"),
    h(
      "table",
      {},
      h(
        "thead",
        {},
        h("tr", {}, ...["项目", "内容", "预填情况", "来源", "核对"].map((text) => h("th", { scope: "col" }, text))),
      ),
      rows,
    ),
    submit,
    status,
    evidenceSlot,
    h("h4", {}, "预填核对记录"),
    confirmations.length === 0 ? h("p", { class: "muted", id: "prefill-trail-empty" }, "尚无核对记录。") : trail,
  );
}
