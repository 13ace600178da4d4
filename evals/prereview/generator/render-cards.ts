// Card-sized documents other than the ID card: 社会保障卡 and a bank debit card (1000×630 px).
import { type DrawItem, type Drawing, guilloche, photo, rect, text } from "./drawing.js";
import type { BankCard } from "./generate-entity.js";
import type { GeneratedDocument } from "./types.js";

const WIDTH = 1000;
const HEIGHT = 630;

function chip(x: number, y: number): DrawItem[] {
  return [
    rect(x, y, 110, 86, { fill: "#d8b75a", stroke: "#a88a3a", lineWidth: 2 }),
    rect(x + 35, y, 40, 86, { stroke: "#a88a3a", lineWidth: 2 }),
    rect(x, y + 28, 110, 30, { stroke: "#a88a3a", lineWidth: 2 }),
  ];
}

function unionPay(x: number, y: number): DrawItem[] {
  return [
    rect(x, y, 56, 70, { fill: "#d9232e" }),
    rect(x + 50, y, 56, 70, { fill: "#1c4e9b" }),
    rect(x + 100, y, 56, 70, { fill: "#00887a" }),
    text(x + 78, y + 44, "银联", 30, { color: "#ffffff", align: "center", weight: "bold" }),
  ];
}

export interface SocialSecurityCardData {
  name: string;
  idNumber: string;
  cardNumber: string;
  /** YYYY-MM. */
  issueDate: string;
  bankName: string;
}

export function renderSocialSecurityCard(data: SocialSecurityCardData): GeneratedDocument {
  const [year, month] = data.issueDate.split("-");
  const label = "#1f3f7a";
  const items: DrawItem[] = [
    ...guilloche(WIDTH, HEIGHT, "#d5e2f0", 30, 10),
    { kind: "ellipse", cx: 95, cy: 75, rx: 42, ry: 42, fill: "#1f5fa8" },
    text(95, 90, "社", 40, { color: "#ffffff", align: "center", weight: "bold" }),
    text(160, 95, "中华人民共和国社会保障卡", 50, { color: label, weight: "bold", letterSpacing: 4 }),
    ...chip(70, 175),
    text(70, 365, "姓名", 28, { color: label }),
    text(200, 367, data.name, 34),
    text(70, 425, "社会保障号码", 28, { color: label }),
    text(270, 427, data.idNumber, 34, { letterSpacing: 2 }),
    text(70, 485, "卡号", 28, { color: label }),
    text(200, 487, data.cardNumber, 34, { letterSpacing: 2 }),
    text(70, 545, "发卡日期", 28, { color: label }),
    text(200, 547, `${year}年${month}月`, 34),
    ...photo(740, 150, 200, 250),
    text(940, 470, data.bankName, 28, { color: "#9b1b22", align: "right", weight: "bold" }),
    ...unionPay(784, 510),
  ];
  const drawing: Drawing = { width: WIDTH, height: HEIGHT, dpi: 300, background: "#eaf1f8", items };
  return {
    truth: {
      documentType: "social_security_card",
      side: "single",
      fields: { name: data.name, idNumber: data.idNumber, cardNumber: data.cardNumber, issueDate: data.issueDate },
    },
    drawing,
  };
}

const BANK_COLOURS: Record<string, string> = {
  中国工商银行: "#f6e3e3",
  中国建设银行: "#e1e9f6",
  中国农业银行: "#e2f2ec",
  中国银行: "#f5e4e6",
  交通银行: "#e3e8f4",
  招商银行: "#f7e6e4",
};

/** Groups of four, the way the number is embossed. */
export function groupCardNumber(cardNumber: string): string {
  return cardNumber.replace(/(\d{4})(?=\d)/g, "$1 ");
}

export function renderBankCard(card: BankCard): GeneratedDocument {
  const items: DrawItem[] = [
    ...guilloche(WIDTH, HEIGHT, "#e2e2e2", 40, 14),
    text(70, 100, card.bankName, 46, { weight: "bold", color: "#7a1d1d" }),
    text(930, 100, "借记卡", 30, { color: "#444444", align: "right" }),
    ...chip(90, 190),
    text(80, 410, groupCardNumber(card.cardNumber), 50, { letterSpacing: 3, color: "#222222" }),
    text(420, 480, "有效期", 22, { color: "#444444" }),
    text(500, 482, card.validThru, 30, { color: "#222222" }),
    ...unionPay(780, 500),
  ];
  const drawing: Drawing = {
    width: WIDTH,
    height: HEIGHT,
    dpi: 300,
    background: BANK_COLOURS[card.bankName] ?? "#ecebe6",
    items,
  };
  return {
    truth: {
      documentType: "bank_card",
      side: "single",
      fields: { bankName: card.bankName, cardNumber: card.cardNumber },
    },
    drawing,
  };
}
