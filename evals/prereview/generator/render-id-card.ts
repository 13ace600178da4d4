// 居民身份证 (second generation), both sides, at 1000×630 px (85.6×54 mm at about 300 dpi).
import { chineseDate, dottedDate } from "./dates.js";
import { type DrawItem, type Drawing, guilloche, photo, rect, text, wrapText } from "./drawing.js";
import type { Person } from "./generate-person.js";
import type { GeneratedDocument } from "./types.js";

const WIDTH = 1000;
const HEIGHT = 630;
const LABEL = "#1f4f8a";
const VALUE = "#111111";

function card(items: DrawItem[]): Drawing {
  return {
    width: WIDTH,
    height: HEIGHT,
    dpi: 300,
    background: "#f3f1ea",
    items: [
      ...guilloche(WIDTH, HEIGHT, "#e4e6ec", 34, 8),
      rect(8, 8, WIDTH - 16, HEIGHT - 16, { stroke: "#d8d4c8", lineWidth: 2 }),
      ...items,
    ],
  };
}

// Tuned against tesseract chi_sim (4.0.0_best_int, psm 4): bold labels keep 出生 readable, values at
// 34 px, the ID number at 42 px with little spacing read best on clean and scanned cards.

/** Fields of the front; `idNumber` is printed as given (it may carry a planted wrong check digit). */
export function renderIdCardFront(
  person: Pick<Person, "name" | "sex" | "ethnicity" | "birthDate" | "address" | "idNumber">,
): GeneratedDocument {
  const labelSize = 30;
  const valueSize = 34;
  const valueX = 185;
  const addressLines = wrapText(person.address, 470, valueSize).slice(0, 3);
  const items: DrawItem[] = [
    text(60, 110, "姓名", labelSize, { color: LABEL, weight: "bold", letterSpacing: 8 }),
    text(valueX, 112, person.name, valueSize, { color: VALUE }),
    text(60, 190, "性别", labelSize, { color: LABEL, weight: "bold", letterSpacing: 8 }),
    text(valueX, 192, person.sex, valueSize, { color: VALUE }),
    text(330, 190, "民族", labelSize, { color: LABEL, weight: "bold", letterSpacing: 8 }),
    text(455, 192, person.ethnicity, valueSize, { color: VALUE }),
    text(60, 270, "出生", labelSize, { color: LABEL, weight: "bold", letterSpacing: 8 }),
    text(valueX, 272, chineseDate(person.birthDate), valueSize, { color: VALUE }),
    text(60, 350, "住址", labelSize, { color: LABEL, weight: "bold", letterSpacing: 8 }),
    ...addressLines.map((line, index) => text(valueX, 352 + index * 48, line, valueSize, { color: VALUE })),
    text(50, 560, "公民身份号码", labelSize - 2, { color: LABEL, weight: "bold", letterSpacing: 2 }),
    text(290, 562, person.idNumber, 42, { color: VALUE, letterSpacing: 1 }),
    ...photo(690, 80, 250, 320),
  ];
  return {
    truth: {
      documentType: "id_card",
      side: "front",
      fields: {
        name: person.name,
        sex: person.sex,
        ethnicity: person.ethnicity,
        birthDate: person.birthDate,
        address: person.address,
        idNumber: person.idNumber,
      },
    },
    drawing: card(items),
  };
}

/** A simplified national emblem: red disc, five stars, a gate outline. */
function emblem(cx: number, cy: number, radius: number): DrawItem[] {
  const red = "#c8242b";
  const gold = "#e8c34a";
  return [
    { kind: "ellipse", cx, cy, rx: radius, ry: radius, fill: red, stroke: gold, lineWidth: radius * 0.08 },
    text(cx, cy - radius * 0.15, "★", radius * 0.55, { color: gold, align: "center" }),
    ...[-0.5, -0.2, 0.2, 0.5].map((offset) =>
      text(cx + offset * radius, cy - radius * 0.45, "★", radius * 0.2, { color: gold, align: "center" }),
    ),
    rect(cx - radius * 0.5, cy + radius * 0.1, radius, radius * 0.35, { stroke: gold, lineWidth: radius * 0.05 }),
    rect(cx - radius * 0.3, cy + radius * 0.22, radius * 0.6, radius * 0.12, { fill: gold }),
  ];
}

export function renderIdCardBack(validity: Person["idCard"]): GeneratedDocument {
  const until = validity.validUntil === "长期" ? "长期" : dottedDate(validity.validUntil);
  const items: DrawItem[] = [
    ...emblem(150, 150, 95),
    text(300, 130, "中华人民共和国", 48, { weight: "bold", letterSpacing: 14, color: "#1a1a1a" }),
    text(290, 250, "居民身份证", 72, { weight: "bold", letterSpacing: 24, color: "#1a1a1a" }),
    text(150, 470, "签发机关", 28, { color: LABEL, weight: "bold", letterSpacing: 6 }),
    text(320, 472, validity.issuingAuthority, 32, { color: VALUE }),
    text(150, 550, "有效期限", 28, { color: LABEL, weight: "bold", letterSpacing: 6 }),
    text(320, 552, `${dottedDate(validity.validFrom)}-${until}`, 32, { color: VALUE }),
  ];
  return {
    truth: {
      documentType: "id_card",
      side: "back",
      fields: {
        issuingAuthority: validity.issuingAuthority,
        validFrom: validity.validFrom,
        validUntil: validity.validUntil,
      },
    },
    drawing: card(items),
  };
}
