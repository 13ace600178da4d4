// Documents for extraction tests, made on the fly: card photos and A4 scans rendered with
// @napi-rs/canvas in Noto Sans SC, PDFs written with pdf-lib (text layer or scanned image only),
// and PDFs damaged or locked in the ways uploads are.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Canvas, createCanvas, GlobalFonts, type SKRSContext2D } from "@napi-rs/canvas";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import { foldOcrText } from "../fold-ocr-text.js";

const require = createRequire(import.meta.url);

/** Noto Sans SC from @embedpdf/fonts-sc; its exports map hides package.json, so search the node_modules folders. */
export function cjkFontPath(): string {
  for (const base of require.resolve.paths("@embedpdf/fonts-sc") ?? []) {
    const file = join(base, "@embedpdf/fonts-sc", "fonts", "NotoSansHans-Regular.otf");
    if (existsSync(file)) return file;
  }
  throw new Error("@embedpdf/fonts-sc is not installed");
}

let fontRegistered = false;
function registerFont(): void {
  if (fontRegistered) return;
  GlobalFonts.registerFromPath(cjkFontPath(), "NotoSansSC");
  fontRegistered = true;
}

export const CARD_LINES: readonly [label: string, value: string][] = [
  ["姓名", "张三"],
  ["性别", "男"],
  ["出生", "1990年3月7日"],
  ["住址", "北京市东城区景山前街4号"],
  ["公民身份号码", "11010119900307123X"],
];

export interface RenderOptions {
  /** Grey-level noise amplitude added to every pixel (0: clean). */
  noise?: number;
  format?: "png" | "jpeg";
}

/** An ID-card-like image (85.6 × 54 proportions): labels on the left, values after a gap. */
export function renderCard(width: number, options: RenderOptions = {}): Uint8Array {
  registerFont();
  const height = Math.round((width * 54) / 85.6);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = "#eef2f6";
  context.fillRect(0, 0, width, height);
  context.fillStyle = "#222";
  const fontSize = Math.round(width / 26);
  context.font = `${fontSize}px NotoSansSC`;
  CARD_LINES.forEach(([label, value], index) => {
    const y = height * 0.16 + index * fontSize * 1.9;
    context.fillText(label, width * 0.06, y);
    const valueX = width * 0.06 + (index === CARD_LINES.length - 1 ? fontSize * 7 : fontSize * 3.2);
    context.fillText(value, valueX, y);
  });
  addNoise(context, width, height, options.noise ?? 0);
  return encode(canvas, options.format);
}

export const PAGE_LINES: readonly string[] = [
  "退休申请表",
  "申请人姓名：李四",
  "公民身份号码：440106198507150028",
  "参加工作时间：2005年9月1日",
  "工作单位：广州市天河区某某科技有限公司",
  "统一社会信用代码：91440106MA59ABCD1X",
  "家庭住址：广东省广州市天河区体育西路100号",
  "本人承诺以上信息真实有效，如有虚假愿承担法律责任。",
];

/** An A4 page scan at `dpi` with a short form in 12 pt type. */
export function renderA4Page(dpi: number, options: RenderOptions = {}): Uint8Array {
  registerFont();
  const width = Math.round((210 / 25.4) * dpi);
  const height = Math.round((297 / 25.4) * dpi);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.fillStyle = "#000";
  const fontSize = Math.round((12 / 72) * dpi);
  context.font = `${fontSize}px NotoSansSC`;
  for (const [index, line] of PAGE_LINES.entries())
    context.fillText(line, width * 0.1, height * 0.08 + index * fontSize * 2.2);
  addNoise(context, width, height, options.noise ?? 0);
  return encode(canvas, options.format);
}

/** A blank image (e.g. the empty back of a sheet). */
export function renderBlank(width: number, height: number): Uint8Array {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  return encode(canvas, "png");
}

function addNoise(context: SKRSContext2D, width: number, height: number, amplitude: number): void {
  if (amplitude <= 0) return;
  const image = context.getImageData(0, 0, width, height);
  let seed = 12345;
  for (let index = 0; index < image.data.length; index += 4) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const delta = (seed / 0x7fffffff - 0.5) * amplitude;
    for (let channel = 0; channel < 3; channel++)
      image.data[index + channel] = Math.max(0, Math.min(255, (image.data[index + channel] as number) + delta));
  }
  context.putImageData(image, 0, 0);
}

function encode(canvas: Canvas, format: "png" | "jpeg" = "png"): Uint8Array {
  return new Uint8Array(format === "png" ? canvas.toBuffer("image/png") : canvas.toBuffer("image/jpeg", 90));
}

const A4: [number, number] = [595.28, 841.89];

const textPdfs = new Map<string, Promise<Uint8Array>>();

/** A PDF with a real text layer in Noto Sans SC, one page per entry of `pages` (memoised: embedding the font takes ~0.5 s). */
export function makeTextPdf(pages: readonly (readonly string[])[]): Promise<Uint8Array> {
  const key = JSON.stringify(pages);
  let pdf = textPdfs.get(key);
  if (!pdf) textPdfs.set(key, (pdf = writeTextPdf(pages)));
  return pdf.then((bytes) => bytes.slice());
}

async function writeTextPdf(pages: readonly (readonly string[])[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  const font = await document.embedFont(readFileSync(cjkFontPath()), { subset: true });
  for (const lines of pages) {
    const page = document.addPage(A4);
    for (const [index, line] of lines.entries()) page.drawText(line, { x: 60, y: 780 - index * 24, size: 12, font });
  }
  return document.save();
}

/** A scanned PDF: each page is only an embedded image (no text layer); `null` adds a blank page. */
export async function makeImagePdf(images: readonly (Uint8Array | null)[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  for (const image of images) {
    const page = document.addPage(A4);
    if (!image) continue;
    const embedded = await document.embedPng(image);
    page.drawImage(embedded, { x: 0, y: 0, width: A4[0], height: A4[1] });
  }
  return document.save();
}

/** A PDF with no pages at all. */
export async function makeEmptyPdf(): Promise<Uint8Array> {
  return (await PDFDocument.create()).save({ addDefaultPage: false });
}

/**
 * A PDF behind an open password: a Standard security handler (RC4, revision 3) whose /U entry no
 * empty password matches, so readers must ask for one. Written by hand: pdf-lib cannot encrypt.
 */
export function makeEncryptedPdf(): Uint8Array {
  const hex = (seed: number) =>
    Array.from({ length: 32 }, (_, index) => ((index * 37 + seed) % 256).toString(16).padStart(2, "0")).join("");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    "<< /Length 21 >>\nstream\n(x) Tj garbage bytes\nendstream",
    `<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <${hex(11)}> /U <${hex(97)}> >>`,
  ];
  return buildPdf(
    objects,
    "/Root 1 0 R /Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]",
  );
}

function buildPdf(objects: readonly string[], trailer: string): Uint8Array {
  let body = "%PDF-1.7\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** Share of `expected`'s characters read right (1 − edit distance / length), both folded, spaces ignored. */
export function characterAccuracy(read: string, expected: string): number {
  const a = [...foldOcrText(read).replace(/\s+/g, "")];
  const b = [...foldOcrText(expected).replace(/\s+/g, "")];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return b.length === 0 ? 1 : 1 - (previous[b.length] as number) / b.length;
}
