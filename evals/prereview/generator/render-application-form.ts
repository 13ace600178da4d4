// 申请表: an A4 form (1240×1754 px at 150 dpi) with a title per matter, a grid of filled-in rows,
// the matters applied for, a declaration and 申请人签字 / 申请日期.
import { chineseDatePadded } from "./dates.js";
import { type DrawItem, type Drawing, estimateWidth, line, rect, seal, text, wrapText } from "./drawing.js";
import type { GeneratedDocument } from "./types.js";

export interface FormCell {
  label: string;
  value: string;
  /** The ground-truth field this cell fills (application_form vocabulary), if any. */
  field?: string;
  /** The normalised value for the ground truth when it differs from the printed one (dates). */
  truth?: string;
}

/** One or two cells, or a shaded section heading. */
export type FormRow = FormCell[] | { section: string };

export interface ApplicationFormData {
  title: string;
  rows: FormRow[];
  /** 申办事项, each drawn with a ticked box. */
  matters?: string[];
  declaration?: string;
  /** The name written after 申请人签字; empty for an unsigned form. */
  signature: string;
  signDate: string;
  /** A company seal over the signature (enterprise forms). */
  sealName?: string;
}

const LEFT = 90;
const RIGHT = 1150;
const LABEL_WIDTH = 200;
const SPLIT = 640;
const ROW = 78;
/** Grey hairline rules: black 2 px rules made tesseract drop the labels beside them (性别, 联系电话). */
const RULE = "#777777";

function fitSize(value: string, width: number, size: number): number {
  let fitted = size;
  while (fitted > 20 && estimateWidth(value, fitted) > width) fitted -= 2;
  return fitted;
}

export function renderApplicationForm(data: ApplicationFormData): GeneratedDocument {
  const titleSize = fitSize(data.title, RIGHT - LEFT, 46);
  const items: DrawItem[] = [
    text(620, 150, data.title, titleSize, { weight: "bold", align: "center" }),
    text(RIGHT, 215, "编号：", 24, { align: "right", color: "#555555" }),
  ];
  const fields: Record<string, string> = {};
  let y = 240;
  for (const row of data.rows) {
    if (!Array.isArray(row)) {
      items.push(rect(LEFT, y, RIGHT - LEFT, ROW * 0.8, { fill: "#ececec", stroke: RULE, lineWidth: 1.5 }));
      items.push(text(LEFT + 20, y + ROW * 0.55, row.section, 28, { weight: "bold" }));
      y += ROW * 0.8;
      continue;
    }
    items.push(rect(LEFT, y, RIGHT - LEFT, ROW, { stroke: RULE, lineWidth: 1.5 }));
    const cells =
      row.length === 1
        ? [[LEFT, RIGHT]]
        : [
            [LEFT, SPLIT],
            [SPLIT, RIGHT],
          ];
    row.forEach((cell, index) => {
      const [start, end] = cells[index] as [number, number];
      if (cell.field) fields[cell.field] = cell.truth ?? cell.value;
      const labelSize = fitSize(cell.label, LABEL_WIDTH - 36, 28);
      const valueSize = fitSize(cell.value, end - start - LABEL_WIDTH - 40, 30);
      if (index > 0) items.push(line(start, y, start, y + ROW, RULE, 1.5));
      items.push(line(start + LABEL_WIDTH, y, start + LABEL_WIDTH, y + ROW, RULE, 1.5));
      // Bold labels, wide padding: tesseract dropped a thin first character (出, 申) next to a rule.
      items.push(text(start + 22, y + ROW * 0.62, cell.label, labelSize, { weight: "bold" }));
      items.push(text(start + LABEL_WIDTH + 24, y + ROW * 0.62, cell.value, valueSize, { color: "#101060" }));
    });
    y += ROW;
  }
  if (data.matters?.length) {
    y += 40;
    items.push(text(LEFT, y, "申办事项（在所选事项前打√）", 28, { weight: "bold" }));
    y += 20;
    data.matters.forEach((matter, index) => {
      const column = index % 2;
      const rowY = y + Math.floor(index / 2) * 56 + 40;
      const x = LEFT + 10 + column * 530;
      items.push(rect(x, rowY - 26, 30, 30, { stroke: "#000000", lineWidth: 2 }));
      items.push(text(x + 4, rowY, "√", 28, { color: "#101060", weight: "bold" }));
      items.push(text(x + 46, rowY, matter, fitSize(matter, 470, 26)));
    });
    y += Math.ceil(data.matters.length / 2) * 56 + 20;
  }
  const declaration =
    data.declaration ?? "本人承诺：以上填写的信息及提交的材料真实、准确、完整，如有虚假，愿意承担相应的法律责任。";
  y += 50;
  for (const part of wrapText(declaration, RIGHT - LEFT, 28)) {
    items.push(text(LEFT, y, part, 28));
    y += 44;
  }
  y = Math.max(y + 80, 1450);
  items.push(text(LEFT + 20, y, "申请人签字：", 30, { weight: "bold" }));
  if (data.signature)
    items.push(text(LEFT + 210, y + 4, data.signature, 38, { color: "#1d2f8a", rotate: -3, letterSpacing: 4 }));
  items.push(text(700, y, "申请日期：", 30, { weight: "bold" }), text(850, y, chineseDatePadded(data.signDate), 30));
  if (data.sealName) items.push(...seal(420, y - 30, 100, data.sealName));
  fields.formTitle = data.title;
  fields.signed = data.signature ? "true" : "false";
  fields.signDate = data.signDate;
  const drawing: Drawing = { width: 1240, height: 1754, dpi: 150, background: "#ffffff", items };
  return { truth: { documentType: "application_form", side: "single", fields }, drawing };
}
