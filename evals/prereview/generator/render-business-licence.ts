// 营业执照 (2016 layout, landscape): credit code top left, QR code top right, fields in two columns,
// 登记机关 seal bottom right. 1754×1240 px at 150 dpi (A4 landscape).
import { chineseDatePadded } from "./dates.js";
import { type DrawItem, type Drawing, rect, seal, text, wrapText } from "./drawing.js";
import type { Company } from "./generate-entity.js";
import { createRandom, hashSeed } from "./random.js";
import type { GeneratedDocument } from "./types.js";

/** A QR-looking block drawn from the credit code (not a decodable QR code). */
function pseudoQr(x: number, y: number, size: number, seedText: string): DrawItem[] {
  const random = createRandom(hashSeed(seedText));
  const cells = 25;
  const cell = size / cells;
  const items: DrawItem[] = [rect(x, y, size, size, { fill: "#ffffff" })];
  const finder = (fx: number, fy: number) => [
    rect(x + fx * cell, y + fy * cell, cell * 7, cell * 7, { fill: "#000000" }),
    rect(x + (fx + 1) * cell, y + (fy + 1) * cell, cell * 5, cell * 5, { fill: "#ffffff" }),
    rect(x + (fx + 2) * cell, y + (fy + 2) * cell, cell * 3, cell * 3, { fill: "#000000" }),
  ];
  for (let row = 0; row < cells; row++)
    for (let column = 0; column < cells; column++) {
      const inFinder = (row < 8 && column < 8) || (row < 8 && column >= cells - 8) || (row >= cells - 8 && column < 8);
      if (!inFinder && random.chance(0.5))
        items.push(rect(x + column * cell, y + row * cell, cell, cell, { fill: "#000000" }));
    }
  items.push(...finder(0, 0), ...finder(cells - 7, 0), ...finder(0, cells - 7));
  return items;
}

/** Labels are spread to the width of four characters, as printed. */
function spread(label: string, size: number): { label: string; letterSpacing: number } {
  const count = [...label].length;
  return { label, letterSpacing: count >= 4 ? 0 : ((4 - count) * size) / (count - 1 || 1) };
}

function entry(x: number, y: number, label: string, value: string, size = 30): DrawItem[] {
  const { letterSpacing } = spread(label, size);
  // Labels a little spaced: unspaced bold labels in the right column were dropped by tesseract.
  return [
    text(x, y, label, size, { letterSpacing: letterSpacing + 3, weight: "bold", color: "#000000" }),
    text(x + Math.max(4, [...label].length) * size + 30, y, value, size),
  ];
}

export function renderBusinessLicence(company: Company, legalRepresentative: string): GeneratedDocument {
  const term =
    company.businessTermUntil === "长期"
      ? `${chineseDatePadded(company.establishedDate)}至长期`
      : `${chineseDatePadded(company.establishedDate)}至${chineseDatePadded(company.businessTermUntil)}`;
  const scope = wrapText(company.businessScope, 560, 26).slice(0, 5);
  const addressLines = wrapText(company.address, 520, 30);
  const items: DrawItem[] = [
    rect(40, 40, 1674, 1160, { stroke: "#b8894a", lineWidth: 14 }),
    rect(70, 70, 1614, 1100, { stroke: "#b8894a", lineWidth: 3 }),
    { kind: "ellipse", cx: 877, cy: 175, rx: 70, ry: 70, fill: "#c8242b", stroke: "#e8c34a", lineWidth: 6 },
    text(877, 200, "★", 60, { color: "#e8c34a", align: "center" }),
    text(877, 340, "营业执照", 80, { weight: "bold", align: "center", letterSpacing: 30, color: "#1a1a1a" }),
    text(877, 405, "（副本）", 30, { align: "center" }),
    text(130, 180, "统一社会信用代码", 28, { weight: "bold" }),
    text(130, 228, company.creditCode, 34, { letterSpacing: 2 }),
    ...pseudoQr(1430, 130, 180, company.creditCode),
    text(1520, 345, "扫描二维码登录", 20, { align: "center", color: "#444444" }),
    text(1520, 372, "国家企业信用信息公示系统", 20, { align: "center", color: "#444444" }),
    ...entry(170, 520, "名称", company.companyName),
    ...entry(170, 600, "类型", company.companyType),
    ...entry(170, 680, "法定代表人", legalRepresentative),
    text(170, 760, "经营范围", 30, { weight: "bold", color: "#222222" }),
    ...scope.map((part, index) => text(320, 760 + index * 40, part, 26)),
    ...entry(960, 520, "注册资本", company.registeredCapital),
    ...entry(960, 600, "成立日期", chineseDatePadded(company.establishedDate)),
    ...entry(960, 680, "营业期限", term),
    ...entry(960, 760, "住所", addressLines[0] ?? ""),
    ...addressLines.slice(1).map((part, index) => text(960 + 150, 800 + index * 40, part, 30)),
    text(1120, 1000, "登记机关", 30, { weight: "bold" }),
    ...seal(1380, 1000, 105, company.registrationAuthority),
    text(1380, 1140, chineseDatePadded(company.establishedDate), 28, { align: "center" }),
    text(877, 1150, "市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送公示年度报告。", 18, {
      align: "center",
      color: "#555555",
    }),
  ];
  const drawing: Drawing = { width: 1754, height: 1240, dpi: 150, background: "#fbf8ef", items };
  return {
    truth: {
      documentType: "business_licence",
      side: "single",
      fields: {
        companyName: company.companyName,
        creditCode: company.creditCode,
        companyType: company.companyType,
        legalRepresentative,
        registeredCapital: company.registeredCapital,
        establishedDate: company.establishedDate,
        businessTermUntil: company.businessTermUntil,
        address: company.address,
      },
    },
    drawing,
  };
}
