/// <reference lib="dom" />
// Guided filling (智能帮办): after a checklist, the widget walks through the bundle's application
// form one question at a time. Values prefill already knows (POST /api/prefill with the session)
// are shown for confirmation, not asked again; each answer is checked as the server checks it; the
// end is a printable filled form and a JSON file a portal can submit.
import type { FormDescription, FormFieldDescription } from "../../prereview/prefill/describe-form.js";
import type { PrefillResult } from "../../prereview/prefill/prefill-result.js";
// A pure function, bundled into the widget: answers are checked exactly as the server checks them.
import { checkFieldValue } from "../../prereview/prefill/check-field-value.js";
import { h } from "../shared/dom.js";
import { printSection } from "./render-reply.js";

export interface GuidedFormOptions {
  endpoint: string;
  bundleId: string;
  sessionId: string;
  userToken?: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/** The 「帮我填申请表」 button; the walk-through opens below it. */
export function renderGuidedFormOffer(options: GuidedFormOptions): HTMLElement {
  const start = h("button", { type: "button", class: "option guided-start" }, "帮我填申请表");
  const box = h("section", { class: "guided-form", "aria-label": "填写申请表" }, start);
  start.addEventListener("click", async () => {
    start.disabled = true;
    try {
      const [form, prefill] = await Promise.all([loadForm(options), loadPrefill(options)]);
      if (form.fields.length === 0)
        return void box.append(h("p", {}, "这件事暂时没有在线申请表，请按告知单到窗口填写。"));
      walk(box, form, prefill, options);
    } catch {
      box.append(h("p", { role: "alert" }, "申请表暂时无法加载，请稍后再试。"));
      start.disabled = false;
    }
  });
  return box;
}

async function loadForm(options: GuidedFormOptions): Promise<FormDescription> {
  const response = await fetch(`${options.endpoint}/api/bundles/${encodeURIComponent(options.bundleId)}/form`);
  if (!response.ok) throw new Error(`form ${response.status}`);
  return (await response.json()) as FormDescription;
}

/** What prefill knows from the session (and the signed-in user); nothing when it cannot say. */
async function loadPrefill(options: GuidedFormOptions): Promise<PrefillResult | undefined> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (options.userToken) headers["X-Banshi-User-Token"] = options.userToken;
  const response = await fetch(`${options.endpoint}/api/prefill`, {
    method: "POST",
    headers,
    body: JSON.stringify({ sessionId: options.sessionId }),
  }).catch(() => undefined);
  return response?.ok ? ((await response.json()) as PrefillResult) : undefined;
}

function walk(box: HTMLElement, form: FormDescription, prefill: PrefillResult | undefined, options: GuidedFormOptions) {
  const values: Record<string, string> = {};
  const step = h("div", { class: "guided-step" });
  box.append(step);
  let index = 0;

  const next = () => {
    index++;
    if (index < form.fields.length) ask(form.fields[index] as FormFieldDescription);
    else finish();
  };

  const ask = (field: FormFieldDescription) => {
    const known = prefill?.fields.find((item) => item.name === field.name && item.status === "filled");
    const id = `guided-${field.name}`;
    const title = h(
      "p",
      { class: "guided-question", tabindex: "-1" },
      `第${index + 1}/${form.fields.length}项：${field.label}${field.required ? "（必填）" : ""}`,
    );
    const error = h("p", { class: "guided-error", role: "alert" });
    if (known?.value) {
      const shown = field.choices?.find((choice) => choice.value === known.value)?.label ?? known.value;
      const confirm = h("button", { type: "button", class: "option" }, "正确");
      const change = h("button", { type: "button", class: "option" }, "修改");
      confirm.addEventListener("click", () => {
        values[field.name] = known.value as string;
        next();
      });
      change.addEventListener("click", () => askInput(field, title, error, id));
      step.replaceChildren(title, h("p", {}, `已知：${shown}，是否正确？`), confirm, " ", change, error);
      title.focus();
      return;
    }
    askInput(field, title, error, id);
  };

  const askInput = (field: FormFieldDescription, title: HTMLElement, error: HTMLElement, id: string) => {
    const input =
      field.type === "choice"
        ? h("select", { id }, h("option", { value: "" }, "（请选择）"))
        : h("input", {
            id,
            type: "text",
            autocomplete: "off",
            ...(field.type === "date" ? { placeholder: "例如 2026-01-31" } : {}),
          });
    if (input instanceof HTMLSelectElement)
      for (const choice of field.choices ?? []) input.append(h("option", { value: choice.value }, choice.label));
    input.setAttribute("aria-describedby", `${id}-error`);
    error.id = `${id}-error`;
    const ok = h("button", { type: "button", class: "option" }, "下一步");
    const skip = field.required ? "" : h("button", { type: "button", class: "option" }, "跳过");
    const accept = () => {
      const value = input.value.trim();
      const problem = value ? checkFieldValue(field, value, today())?.message : field.required ? "此项必填" : undefined;
      if (problem) {
        error.textContent = problem;
        input.setAttribute("aria-invalid", "true");
        return void input.focus();
      }
      if (value) values[field.name] = value;
      next();
    };
    ok.addEventListener("click", accept);
    input.addEventListener("keydown", (event) => {
      if ((event as KeyboardEvent).key === "Enter") {
        event.preventDefault();
        accept();
      }
    });
    if (skip) skip.addEventListener("click", next);
    step.replaceChildren(title, h("label", { for: id }, field.label), input, " ", ok, " ", skip, error);
    input.focus();
  };

  const finish = () => {
    const rows = form.fields.map((field) =>
      h(
        "tr",
        {},
        h("th", { scope: "row" }, field.label),
        h(
          "td",
          {},
          field.choices?.find((choice) => choice.value === values[field.name])?.label ??
            values[field.name] ??
            "（未填）",
        ),
      ),
    );
    const sheet = h(
      "section",
      { class: "filled-form", "aria-label": `申请表：${form.title}` },
      h("h3", {}, `申请表：${form.title}`),
      h("table", {}, h("tbody", {}, ...rows)),
    );
    const print = h("button", { type: "button", class: "option" }, "打印申请表");
    print.addEventListener("click", () => printSection(sheet, `申请表：${form.title}`));
    const json = JSON.stringify({ bundleId: options.bundleId, form: values }, null, 2);
    const download = h(
      "a",
      {
        href: URL.createObjectURL(new Blob([json], { type: "application/json" })),
        download: `${options.bundleId}-application.json`,
        class: "guided-download",
      },
      "下载申请表数据（JSON）",
    );
    step.replaceChildren(sheet, print, " ", download);
    (sheet.querySelector("h3") as HTMLElement).tabIndex = -1;
    (sheet.querySelector("h3") as HTMLElement).focus();
  };

  ask(form.fields[0] as FormFieldDescription);
}
