/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The new case's application form, rendered from the form schema (GET /api/bundles/:id/form):
// Chinese labels, choices as selects, each value checked as it is typed (the same checks prefill
// uses), and values prefilled from the uploads marked with where they came from.
import type { FormDescription, FormFieldDescription } from "../../prereview/prefill/describe-form.js";
import type { PrefilledField, PrefillResult, PrefillSource } from "../../prereview/prefill/prefill-result.js";
// Pure functions, bundled into the page: the console checks values exactly as the server does.
import { checkFieldValue } from "../../prereview/prefill/check-field-value.js";
import { api } from "./api.js";
import { h } from "../shared/dom.js";

export type { FormDescription, PrefillResult };

interface FieldControl {
  field: FormFieldDescription;
  input: HTMLInputElement | HTMLSelectElement;
  message: HTMLElement;
  source: HTMLElement;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Where a prefilled value came from, in a few Chinese words. */
export function describeSource(source: PrefillSource): string {
  switch (source.kind) {
    case "document":
      return `来自${source.documentName}`;
    case "scenario":
      return "来自情形问答";
    case "portal_profile":
      return "来自门户登录信息";
    case "applicant":
      return "申请人填写";
    case "derived":
      return source.rule === "retirement_category_from_sex_and_job" ? "由性别和岗位推算" : "由公民身份号码推算";
  }
}

export interface ApplicationForm {
  element: HTMLElement;
  /** Loads the form of a bundle (or clears it for none). */
  load(bundleId: string): Promise<void>;
  /** The values entered, empty ones left out. */
  values(): Record<string, string>;
  /** Checks every field, shows each problem, and says whether all pass. */
  validate(): boolean;
  /**
   * Fills empty fields from a prefill and shows each field's source, conflict or problem; a value
   * read from a document gets a button that calls `showEvidence`.
   */
  applyPrefill(result: PrefillResult, showEvidence?: (field: PrefilledField) => void): void;
}

export function renderApplicationForm(): ApplicationForm {
  const grid = h("div", { class: "grid", id: "application-form" });
  const hint = h("p", { class: "muted" }, "请先选择“一件事”，再填写申请表。");
  let controls: FieldControl[] = [];

  const check = (control: FieldControl): boolean => {
    const value = control.input.value.trim();
    const problem = !value
      ? control.field.required
        ? "此项必填"
        : undefined
      : checkFieldValue(control.field, value, today())?.message;
    control.message.textContent = problem ?? "";
    control.input.setAttribute("aria-invalid", problem ? "true" : "false");
    return !problem;
  };

  const controlFor = (field: FormFieldDescription): FieldControl => {
    const id = `form-${field.name}`;
    const input =
      field.type === "choice"
        ? h("select", { id, name: field.name }, h("option", { value: "" }, "（请选择）"))
        : h("input", {
            id,
            name: field.name,
            type: field.type === "date" ? "date" : field.type === "phone" ? "tel" : "text",
            autocomplete: "off",
            ...(field.type === "id_number" || field.type === "credit_code" ? { maxlength: "18" } : {}),
          });
    if (input instanceof HTMLSelectElement)
      for (const choice of field.choices ?? []) input.append(h("option", { value: choice.value }, choice.label));
    if (field.required) input.setAttribute("aria-required", "true");
    const message = h("p", { class: "error field-message", id: `${id}-message`, "aria-live": "polite" });
    const source = h("p", { class: "muted field-source", id: `${id}-source` });
    input.setAttribute("aria-describedby", `${message.id} ${source.id}`);
    const control = { field, input, message, source };
    input.addEventListener("input", () => {
      source.textContent = "";
      check(control);
    });
    input.addEventListener("change", () => check(control));
    return control;
  };

  return {
    element: h("div", {}, hint, grid),
    async load(bundleId) {
      controls = [];
      grid.replaceChildren();
      hint.hidden = Boolean(bundleId);
      if (!bundleId) return;
      const form = await api<FormDescription>(`/api/bundles/${encodeURIComponent(bundleId)}/form`);
      controls = form.fields.map(controlFor);
      for (const control of controls)
        grid.append(
          h(
            "div",
            { class: "form-field" },
            h("label", { for: control.input.id }, control.field.label, control.field.required ? "（必填）" : ""),
            control.input,
            control.message,
            control.source,
          ),
        );
    },
    values() {
      const values: Record<string, string> = {};
      for (const control of controls)
        if (control.input.value.trim()) values[control.field.name] = control.input.value.trim();
      return values;
    },
    validate() {
      return controls.map(check).every(Boolean);
    },
    applyPrefill(result, showEvidence) {
      for (const control of controls) {
        const field = result.fields.find((item: PrefilledField) => item.name === control.field.name);
        if (!field) continue;
        if (field.value && !control.input.value) control.input.value = field.value;
        control.source.textContent =
          field.status === "filled" && field.source
            ? `${describeSource(field.source)}（置信度 ${Math.round(field.confidence * 100)}%）`
            : (field.note ?? "");
        if (field.value && field.source?.kind === "document" && field.source.evidence.box && showEvidence) {
          const button = h("button", { type: "button", id: `${control.input.id}-evidence` }, "查看原件位置");
          button.setAttribute("aria-label", `查看原件位置：${field.label}`);
          button.addEventListener("click", () => showEvidence(field));
          control.source.append(" ", button);
        }
        control.input.dataset.prefill = field.status;
        if (field.status !== "unfilled") check(control);
        if (field.problem) control.message.textContent = field.problem.message;
      }
    },
  };
}
