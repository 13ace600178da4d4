import type { CorrectionNotice } from "./pipeline.js";
import { needsClerk } from "./rules/findings.js";
import type { Finding, PrereviewReport } from "./types.js";

export interface RenderCorrectionNoticeOptions {
  caseId?: string;
  /** When the case was submitted, shown on the notice (default: the report's reference date). */
  submittedAt?: Date;
}

const DISCLAIMER =
  "本告知单由系统预审生成，仅供参考，最终以窗口工作人员审核为准。如有疑问，请咨询当地政务服务中心或拨打12345政务服务便民热线。";

interface NoticeSections {
  title: string;
  intro: string;
  toCorrect: string[];
  deferrable: string[];
  forClerk: string[];
  notes: string[];
}

/**
 * The correction notice (一次性告知单): every fix the applicant must make, at once, in plain
 * Chinese, with what a clerk will look at and what may follow later. Text and printable HTML.
 */
export function renderCorrectionNotice(
  report: PrereviewReport,
  options: RenderCorrectionNoticeOptions = {},
): CorrectionNotice {
  const sections = noticeSections(report);
  const header = [
    `事项：${report.title}`,
    ...(options.caseId ? [`预审编号：${options.caseId}`] : []),
    `预审日期：${options.submittedAt ? options.submittedAt.toISOString().slice(0, 10) : report.referenceDate}`,
  ];
  const text = [
    sections.title,
    "",
    ...header,
    "",
    sections.intro,
    ...block("需要补正的材料：", sections.toCorrect),
    ...block("可容缺受理（签署承诺书后先受理，按期补交）：", sections.deferrable),
    ...block("需由窗口工作人员审核的事项：", sections.forClerk),
    ...block("提示：", sections.notes),
    "",
    DISCLAIMER,
  ].join("\n");
  return { text, html: renderHtml(sections, header) };
}

function material(finding: Finding, report: PrereviewReport): string {
  const name = report.materials.find((item) => item.id === finding.materialId)?.name;
  return name ? `【${name}】` : "";
}

function noticeSections(report: PrereviewReport): NoticeSections {
  const line = (finding: Finding) => `${material(finding, report)}${finding.message}`;
  const toCorrect = report.findings.filter((finding) => finding.severity === "error" && !needsClerk(finding)).map(line);
  const deferrable = report.findings
    .filter((finding) => finding.ruleId === "completeness.deferrable_missing")
    .map(line);
  const forClerk = report.findings.filter(needsClerk).map(line);
  const notes = report.findings
    .filter(
      (finding) =>
        finding.severity === "info" ||
        (finding.severity === "warning" &&
          !needsClerk(finding) &&
          finding.ruleId !== "completeness.deferrable_missing"),
    )
    .map(line);
  const intro =
    report.verdict === "pass"
      ? "经预审，您提交的材料未发现需要补正的问题，可以正式提交。"
      : toCorrect.length > 0
        ? `经预审，您提交的材料有以下${toCorrect.length}项需要补正。请按本告知单一次性补正后再提交：`
        : "经预审，您提交的材料无需补正，但有以下事项需要窗口工作人员审核：";
  const title = report.verdict === "pass" ? "材料预审结果告知单" : "一次性告知单（材料补正通知）";
  return { title, intro, toCorrect, deferrable, forClerk, notes };
}

function block(heading: string, lines: string[]): string[] {
  if (lines.length === 0) return [];
  return ["", heading, ...lines.map((text, index) => `${index + 1}. ${text}`)];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function renderHtml(sections: NoticeSections, header: string[]): string {
  const list = (heading: string, lines: string[]) =>
    lines.length === 0
      ? ""
      : `<section><h2>${escapeHtml(heading)}</h2><ol>${lines.map((text) => `<li>${escapeHtml(text)}</li>`).join("")}</ol></section>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(sections.title)}</title>
<style>
  body { font-family: "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; max-width: 44em; margin: 2em auto; padding: 0 1em; line-height: 1.7; color: #111; }
  h1 { text-align: center; font-size: 1.5em; }
  h2 { font-size: 1.1em; margin-top: 1.5em; }
  .meta { color: #333; }
  footer { margin-top: 2em; padding-top: 1em; border-top: 1px solid #999; font-size: 0.9em; }
  .sign { margin-top: 3em; display: flex; justify-content: space-between; }
  @media print { body { margin: 0; max-width: none; } .no-print { display: none; } }
</style>
</head>
<body>
<h1>${escapeHtml(sections.title)}</h1>
<p class="meta">${header.map(escapeHtml).join("<br>")}</p>
<p>${escapeHtml(sections.intro)}</p>
${list("需要补正的材料", sections.toCorrect)}
${list("可容缺受理（签署承诺书后先受理，按期补交）", sections.deferrable)}
${list("需由窗口工作人员审核的事项", sections.forClerk)}
${list("提示", sections.notes)}
<div class="sign"><span>窗口工作人员：__________</span><span>日期：__________</span></div>
<footer>${escapeHtml(DISCLAIMER)}</footer>
<p class="no-print"><button type="button" onclick="window.print()">打印告知单</button></p>
</body>
</html>
`;
}
