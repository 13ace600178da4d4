/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The parts of an answer under its text: citations (expandable to the quote), answer options,
// the checklist (一次告知单) with its print button.
import { h } from "../shared/dom.js";
import type { Checklist, Citation } from "./types.js";

/** Where a citation's guide or regulation is shown: `/guide/<kind>/<id>#<section>`. */
export function citationLink(endpoint: string, citation: Citation): string {
  const [kind = "", id = ""] = citation.documentId.split(/:(.*)/s);
  const section = citation.id.split("#")[1];
  return `${endpoint}/guide/${encodeURIComponent(kind)}/${encodeURIComponent(id)}${section ? `#${encodeURIComponent(section)}` : ""}`;
}

export function renderCitations(endpoint: string, citations: Citation[]): HTMLElement {
  const list = h("ol");
  citations.forEach((citation, index) => {
    const where = [citation.title, ...citation.sectionPath].join(" › ");
    list.append(
      h(
        "li",
        {},
        h(
          "details",
          {},
          h("summary", {}, `来源 ${index + 1}：${where}`),
          h("blockquote", {}, citation.quote),
          h("a", { href: citationLink(endpoint, citation), target: "_blank", rel: "noopener" }, "查看原文（新窗口）"),
        ),
      ),
    );
  });
  return h("section", { class: "citations", "aria-label": "答案依据" }, h("h3", {}, "依据"), list);
}

export function renderOptions(
  question: string,
  help: string | undefined,
  labels: string[],
  choose: (label: string, group: HTMLElement) => void,
): HTMLElement {
  const group = h("div", { class: "options", role: "group", "aria-label": question });
  for (const label of labels) {
    const button = h("button", { type: "button", class: "option" }, label);
    button.addEventListener("click", () => choose(label, group));
    group.append(button);
  }
  const wrapper = h("div", {}, group);
  if (help) wrapper.append(h("p", { class: "hint" }, help));
  return wrapper;
}

const conditionText = (condition: { question: string; when: string[] } | undefined) =>
  condition ? `（如“${condition.question}”答“${condition.when.join("”或“")}”时需要）` : "";

export function renderChecklist(checklist: Checklist): HTMLElement {
  const matters = h("ol");
  for (const matter of checklist.matters)
    matters.append(
      h(
        "li",
        {},
        `${matter.name}`,
        matter.department ? `（${matter.department}）` : "",
        conditionText(matter.conditional),
      ),
    );
  const materials = h("ol");
  for (const material of checklist.materials) {
    const item = h("li", {}, material.name, material.copies ? ` × ${material.copies} 份` : "");
    if (material.exempt) item.append(h("span", { class: "tag" }, "免提交"));
    if (material.deferrable) item.append(h("span", { class: "tag" }, "可容缺后补"));
    const condition = conditionText(material.conditional);
    if (condition || material.note)
      item.append(h("div", { class: "hint" }, [material.note, condition].filter(Boolean).join(" ")));
    materials.append(item);
  }
  const print = h("button", { type: "button", class: "secondary" }, "打印 / 保存告知单");
  const section = h(
    "section",
    { class: "checklist", "aria-label": `一次告知单：${checklist.bundleName}` },
    h("h3", {}, `一次告知单：${checklist.bundleName}`),
    checklist.complete ? "" : h("p", { class: "hint" }, "尚有情形未确认，标注“需要时”的事项和材料视情况准备。"),
    h("h3", {}, `要办的事项（${checklist.matters.length} 项）`),
    matters,
    h("h3", {}, `要准备的材料（${checklist.materials.length} 项）`),
    materials,
    checklist.timeLimit ? h("p", {}, `办理时限：${checklist.timeLimit.text}`) : "",
    checklist.channels.length > 0
      ? h("p", {}, `办理渠道：${checklist.channels.map((channel) => channel.text).join("；")}`)
      : "",
    print,
  );
  print.addEventListener("click", () => printSection(section, "一次告知单"));
  return section;
}

/** Opens a section (the checklist, a filled form) alone in a new window and prints it (or saves it as PDF). */
export function printSection(section: HTMLElement, title: string): void {
  const view = window.open("", "_blank");
  if (!view) return void window.print();
  const copy = section.cloneNode(true) as HTMLElement;
  for (const button of copy.querySelectorAll("button")) button.remove();
  view.document.title = title;
  view.document.documentElement.lang = "zh-CN";
  const style = view.document.createElement("style");
  style.textContent =
    'body{font:16px/1.7 "PingFang SC","Microsoft YaHei",sans-serif;margin:2cm;color:#000}h3{margin:1em 0 .3em}.tag{border:1px solid #000;padding:0 4px;margin-left:4px;font-size:.85em}';
  view.document.head.append(style);
  view.document.body.append(copy);
  view.focus();
  view.print();
}
