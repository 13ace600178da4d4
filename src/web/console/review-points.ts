/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// 审查要点 in a case: beside each material the points a clerk checks, with the pre-review rules that
// enforce each (or 人工核对 when none does); under a finding, the point its rule enforces.
import { h } from "../shared/dom.js";
import type { Finding, Report } from "./api.js";

type ReportMaterial = Report["materials"][number];

/** The case's materials, each with its uploads and its review points. */
export function renderMaterials(report: Report): HTMLElement {
  const list = h("ul", { id: "materials", class: "materials" });
  for (const material of report.materials) list.append(renderMaterial(material));
  return h(
    "section",
    { "aria-labelledby": "materials-title" },
    h("h3", { id: "materials-title" }, "材料与审查要点"),
    report.materials.length === 0 ? h("p", { class: "muted" }, "本次预审没有所需材料。") : list,
  );
}

function renderMaterial(material: ReportMaterial): HTMLElement {
  const id = `material-${material.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const item = h(
    "li",
    { "data-material-id": material.id, "aria-labelledby": `${id}-name` },
    h("strong", { id: `${id}-name` }, material.name),
    " ",
    h("span", { class: "muted" }, uploadState(material)),
  );
  const points = material.reviewPoints ?? [];
  if (points.length === 0) return item;
  const list = h("ul", { class: "review-points", "aria-label": `${material.name}的审查要点` });
  for (const point of points)
    list.append(
      h(
        "li",
        { "data-point-id": point.id },
        point.text,
        h(
          "span",
          { class: "muted" },
          point.checkedBy.length > 0
            ? `（预审检查：${point.checkedBy.map((rule) => rule.label).join("；")}）`
            : "（人工核对）",
        ),
        point.source ? h("span", { class: "muted" }, ` 依据：${point.source}`) : undefined,
      ),
    );
  item.append(h("div", { class: "review-points-label" }, "审查要点"), list);
  return item;
}

function uploadState(material: ReportMaterial): string {
  if (material.documentIds.length > 0) return `已上传（识别到 ${material.documentIds.length} 份）`;
  if (material.exempt) return "免于提交";
  if (!material.required) return "本次无需提交";
  return material.deferrable ? "未上传（可容缺）" : "未上传";
}

/** The review points a finding's rule enforces, by material name and text; undefined when none. */
export function renderFindingPoints(report: Report, finding: Finding): HTMLElement | undefined {
  const named = (finding.reviewPoints ?? []).flatMap((reference) => {
    const material = report.materials.find((item) => item.id === reference.materialId);
    const point = material?.reviewPoints?.find((item) => item.id === reference.pointId);
    return material && point ? [`${material.name}：${point.text}`] : [];
  });
  if (named.length === 0) return undefined;
  return h("p", { class: "finding-points" }, h("strong", {}, "审查要点 "), named.join("；"));
}
