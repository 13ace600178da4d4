/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Starting a case: bundle, scenario answers, the application form (from the bundle's form schema,
// prefilled from the uploads on request, each value read from a document shown on its file with the
// box where it was read), files (drag and drop, several at once), the material each
// file is.
import { api, type BundleDetail, type BundleList, uploadedPageImage } from "./api.js";
import type { PrefillResponse } from "../../http/prefill-schemas.js";
import type { PrefilledField } from "../../prereview/prefill/prefill-result.js";
import { renderApplicationForm } from "./application-form.js";
import { renderBoxedPageImage } from "./boxed-page-image.js";
import { h } from "../shared/dom.js";

/** Files the browser shows as they are: their pixels are the ones OCR read (oriented, maybe scaled). */
const BROWSER_IMAGES = new Set(["image/png", "image/jpeg", "image/webp"]);

export function renderNewCase(onSubmitted: (caseId: string) => void): HTMLElement {
  const bundleSelect = h("select", { id: "case-bundle" }, h("option", { value: "" }, "（请选择“一件事”）"));
  const scenarioBox = h("div", { class: "grid" });
  const applicationForm = renderApplicationForm();
  const prefillButton = h("button", { type: "button", id: "case-prefill" }, "从材料预填申请表");
  const prefillStatus = h("p", { role: "status", id: "prefill-status" });
  const evidenceSlot = h("div", { id: "new-case-evidence", "aria-live": "polite" });
  const fileInput = h("input", {
    type: "file",
    id: "case-files",
    multiple: true,
    accept: ".pdf,.jpg,.jpeg,.png,.webp,.tif,.tiff",
  });
  const drop = h(
    "div",
    { class: "drop", id: "case-drop" },
    h("p", {}, "把材料文件拖到这里，或"),
    h("label", { for: "case-files" }, "选择文件（可多选，PDF / 图片）"),
    fileInput,
  );
  const fileTable = h("tbody");
  const status = h("p", { role: "status", id: "case-status" });
  const submit = h("button", { type: "submit", class: "primary" }, "提交预审");
  const form = h(
    "form",
    { id: "case-form" },
    h("label", { for: "case-bundle" }, "“一件事”"),
    bundleSelect,
    h("h3", {}, "情形"),
    scenarioBox,
    h("h3", {}, "申请表信息"),
    applicationForm.element,
    h("h3", {}, "材料文件"),
    drop,
    h(
      "table",
      {},
      h("caption", { class: "muted" }, "已选文件及对应材料"),
      h("thead", {}, h("tr", {}, h("th", {}, "文件"), h("th", {}, "材料"), h("th", {}, "操作"))),
      fileTable,
    ),
    prefillButton,
    prefillStatus,
    evidenceSlot,
    submit,
    status,
  );

  let materials: { id: string; name: string }[] = [];
  const files: { file: File; select: HTMLSelectElement }[] = [];

  const materialSelect = (index: number) => {
    const select = h("select", { "aria-label": `第 ${index + 1} 个文件对应的材料`, class: "file-material" });
    select.append(h("option", { value: "" }, "（由系统识别）"));
    for (const material of materials) select.append(h("option", { value: material.id }, material.name));
    return select;
  };
  const renderFiles = () => {
    fileTable.replaceChildren();
    files.forEach((entry, index) => {
      const remove = h("button", { type: "button", "aria-label": `移除 ${entry.file.name}` }, "移除");
      remove.addEventListener("click", () => {
        files.splice(index, 1);
        renderFiles();
      });
      fileTable.append(h("tr", {}, h("td", {}, entry.file.name), h("td", {}, entry.select), h("td", {}, remove)));
    });
  };
  const addFiles = (list: FileList | null) => {
    for (const file of list ?? []) files.push({ file, select: materialSelect(files.length) });
    renderFiles();
  };
  fileInput.addEventListener("change", () => {
    addFiles(fileInput.files);
    fileInput.value = "";
  });
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    addFiles(event.dataTransfer?.files ?? null);
  });

  const loadBundle = async () => {
    form.dataset.ready = "false";
    scenarioBox.replaceChildren();
    const bundleId = bundleSelect.value;
    const [detail] = await Promise.all([
      bundleId ? api<BundleDetail>(`/api/bundles/${encodeURIComponent(bundleId)}`) : undefined,
      applicationForm.load(bundleId),
    ]);
    materials = detail?.materials.map(({ material }) => ({ id: material.id, name: material.name })) ?? [];
    for (const scenario of detail?.bundle.scenarios ?? []) {
      const select = h("select", { id: `scenario-${scenario.id}`, "data-scenario": scenario.id });
      select.append(h("option", { value: "" }, "（未回答）"));
      for (const option of scenario.options) select.append(h("option", { value: option.value }, option.label));
      scenarioBox.append(h("div", {}, h("label", { for: select.id }, scenario.question), select));
    }
    for (const entry of files) {
      const value = entry.select.value;
      entry.select = materialSelect(files.indexOf(entry));
      entry.select.value = value;
    }
    renderFiles();
    form.dataset.ready = "true";
  };
  bundleSelect.addEventListener("change", () => void loadBundle());
  void api<BundleList>("/api/bundles").then(async ({ bundles }) => {
    for (const bundle of bundles) bundleSelect.append(h("option", { value: bundle.id }, bundle.name));
    await loadBundle();
  });

  /** The upload as both /api/prereview and /api/prefill take it. */
  const uploadBody = (formValues: Record<string, string>) => {
    const body = new FormData();
    body.set("bundleId", bundleSelect.value);
    const scenario: Record<string, string> = {};
    for (const select of scenarioBox.querySelectorAll("select"))
      if (select.value) scenario[select.dataset.scenario ?? ""] = select.value;
    body.set("scenario", JSON.stringify(scenario));
    body.set("form", JSON.stringify(formValues));
    body.set("materialIds", JSON.stringify(files.map((entry) => entry.select.value)));
    for (const entry of files) body.append("files", entry.file, entry.file.name);
    return body;
  };

  prefillButton.addEventListener("click", async () => {
    if (!bundleSelect.value) return void (prefillStatus.textContent = "请先选择“一件事”");
    if (files.length === 0) return void (prefillStatus.textContent = "请先添加材料文件");
    prefillButton.disabled = true;
    prefillStatus.textContent = "正在识别材料并预填…";
    try {
      const uploaded = files.map((entry) => entry.file);
      const result = await api<PrefillResponse>("/api/prefill", { method: "POST", body: uploadBody({}) });
      evidenceSlot.replaceChildren();
      applicationForm.applyPrefill(result, (field) => showEvidence(field, uploaded, result.pages ?? []));
      const { filled, conflict, needsCheck, unfilled } = result.counts;
      prefillStatus.textContent = `已预填 ${filled} 项；来源不一致 ${conflict} 项，需核对 ${needsCheck} 项，未能预填 ${unfilled} 项。请逐项确认。`;
      form.dataset.prefilled = "true";
    } catch (error) {
      prefillStatus.textContent = error instanceof Error ? error.message : "预填失败";
    } finally {
      prefillButton.disabled = false;
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!bundleSelect.value) return void (status.textContent = "请先选择“一件事”");
    if (files.length === 0) return void (status.textContent = "请先添加材料文件");
    if (!applicationForm.validate()) return void (status.textContent = "申请表有需要更正的项目，请按提示修改");
    const body = uploadBody(applicationForm.values());
    submit.disabled = true;
    status.textContent = "正在上传…";
    try {
      const result = await api<{ caseId: string }>("/api/prereview", { method: "POST", body });
      status.textContent = `已提交，预审编号 ${result.caseId}`;
      files.splice(0);
      renderFiles();
      onSubmitted(result.caseId);
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : "提交失败";
    } finally {
      submit.disabled = false;
    }
  });

  /**
   * Where a prefilled value was read, on the uploader's own file (file `f<n>` is the n-th uploaded):
   * an image the browser shows as OCR read it is drawn from the file itself (the box is in the pixels
   * `pages` gives); a PDF's or TIFF's page is rendered by the server as OCR read it (the file is sent
   * again and not kept), its own pixels the box's.
   */
  const showEvidence = (field: PrefilledField, uploaded: File[], pages: NonNullable<PrefillResponse["pages"]>) => {
    if (field.source?.kind !== "document") return;
    const { evidence, documentName } = field.source;
    const file = uploaded[Number(evidence.fileId.replace(/^f/, "")) - 1];
    const page = evidence.page ?? 1;
    const size = pages.find((item) => item.fileId === evidence.fileId && item.page === page);
    const heading = h("h4", {}, `${field.label}：来自${documentName}${file ? `（${file.name}）` : ""}`);
    const text = h("p", {}, `框出文字：“${evidence.text}”`);
    evidenceSlot.dataset.field = field.name;
    if (!file) return void evidenceSlot.replaceChildren(heading, text);
    const inBrowser = BROWSER_IMAGES.has(file.type) && size !== undefined;
    const url = inBrowser ? Promise.resolve(URL.createObjectURL(file)) : uploadedPageImage(file, page);
    const image = renderBoxedPageImage({
      alt: `${file.name} 第 ${page} 页，框出：${evidence.text}`,
      url,
      box: evidence.box,
      ...(inBrowser ? { size } : {}),
      failure: "页面图片无法显示",
    });
    const img = image.querySelector("img");
    img?.addEventListener("load", () => void url.then((address) => URL.revokeObjectURL(address)), { once: true });
    evidenceSlot.replaceChildren(heading, h("div", { class: "evidence" }, image, text));
  };

  return h(
    "section",
    { class: "panel", id: "new-case", "aria-labelledby": "new-case-title" },
    h("h2", { id: "new-case-title" }, "新建预审"),
    form,
  );
}
