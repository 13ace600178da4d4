// PDFs: a text-layer PDF drawn from the vector drawing, or a scan PDF holding page images only.
import { PDFDocument, PDFName } from "pdf-lib";
import type { DrawItem, Drawing } from "./drawing.js";
import { embedType3Fonts, type Type3FontSet } from "./pdf-type3-font.js";

/** Fixed dates so the same input gives the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2026, 0, 1));

async function createDocument(title: string): Promise<PDFDocument> {
  const document = await PDFDocument.create({ updateMetadata: false });
  document.setTitle(title, { showInWindowTitleBar: false });
  document.setProducer("banshi evals generator");
  document.setCreationDate(FIXED_DATE);
  document.setModificationDate(FIXED_DATE);
  return document;
}

function color(value: string | undefined): string {
  const hex = /^#([0-9a-f]{6})/i.exec(value ?? "#000000")?.[1] ?? "000000";
  return [0, 2, 4].map((offset) => (Number.parseInt(hex.slice(offset, offset + 2), 16) / 255).toFixed(3)).join(" ");
}

const n = (value: number) => String(Math.round(value * 100) / 100);

function itemOperators(item: DrawItem, fonts: Type3FontSet, scale: number, pageHeight: number): string[] {
  const X = (x: number) => n(x * scale);
  const Y = (y: number) => n(pageHeight - y * scale);
  const paint = (fill?: string, stroke?: string, lineWidth?: number) => {
    const setup = [];
    if (fill) setup.push(`${color(fill)} rg`);
    if (stroke) setup.push(`${color(stroke)} RG ${n((lineWidth ?? 1) * scale)} w`);
    return { setup, operator: fill && stroke ? "B" : fill ? "f" : "S" };
  };
  switch (item.kind) {
    case "text": {
      const weight = item.weight ?? "regular";
      const spacing = item.letterSpacing ?? 0;
      const width = fonts.measure(item.text, weight) * item.size + spacing * [...item.text].length;
      const shift = item.align === "center" ? width / 2 : item.align === "right" ? width : 0;
      const radians = (-(item.rotate ?? 0) * Math.PI) / 180;
      const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
      const x = item.x * scale - shift * scale * cos;
      const y = pageHeight - item.y * scale - shift * scale * sin;
      const runs = fonts
        .encode(item.text, weight)
        .map((run) => `/${run.font} ${n(item.size * scale)} Tf <${run.hex}> Tj`);
      return [
        `${color(item.color)} rg`,
        "BT",
        `${n(cos)} ${n(sin)} ${n(-sin)} ${n(cos)} ${n(x)} ${n(y)} Tm`,
        `${n(spacing * scale)} Tc`,
        ...runs,
        "ET",
      ];
    }
    case "rect": {
      if (!item.fill && !item.stroke) return [];
      const { setup, operator } = paint(item.fill, item.stroke, item.lineWidth);
      return [
        ...setup,
        `${X(item.x)} ${Y(item.y + item.height)} ${n(item.width * scale)} ${n(item.height * scale)} re ${operator}`,
      ];
    }
    case "path": {
      const { setup, operator } = paint(item.fill, item.stroke, item.lineWidth);
      const points = item.points.map(([x, y], index) => `${X(x)} ${Y(y)} ${index === 0 ? "m" : "l"}`);
      return [...setup, ...points, `${item.closed ? "h " : ""}${operator}`];
    }
    case "ellipse": {
      const { setup, operator } = paint(item.fill, item.stroke, item.lineWidth);
      const k = 0.5523;
      const { cx, cy, rx, ry } = item;
      return [
        ...setup,
        `${X(cx + rx)} ${Y(cy)} m`,
        `${X(cx + rx)} ${Y(cy + k * ry)} ${X(cx + k * rx)} ${Y(cy + ry)} ${X(cx)} ${Y(cy + ry)} c`,
        `${X(cx - k * rx)} ${Y(cy + ry)} ${X(cx - rx)} ${Y(cy + k * ry)} ${X(cx - rx)} ${Y(cy)} c`,
        `${X(cx - rx)} ${Y(cy - k * ry)} ${X(cx - k * rx)} ${Y(cy - ry)} ${X(cx)} ${Y(cy - ry)} c`,
        `${X(cx + k * rx)} ${Y(cy - ry)} ${X(cx + rx)} ${Y(cy - k * ry)} ${X(cx + rx)} ${Y(cy)} c`,
        `h ${operator}`,
      ];
    }
  }
}

/** One page per drawing, text drawn as real text (extractable), shapes as vectors. */
export async function renderTextPdf(drawings: readonly Drawing[], title = "document"): Promise<Uint8Array> {
  const document = await createDocument(title);
  const texts = drawings.flatMap((drawing) =>
    drawing.items.flatMap((item) =>
      item.kind === "text" ? [{ text: item.text, weight: item.weight ?? "regular" }] : [],
    ),
  );
  const fonts = embedType3Fonts(document, texts);
  for (const drawing of drawings) {
    const scale = 72 / drawing.dpi;
    const [width, height] = [drawing.width * scale, drawing.height * scale];
    const page = document.addPage([width, height]);
    for (const [name, ref] of fonts.resources) page.node.setFontDictionary(PDFName.of(name), ref);
    const operators = [
      "q",
      `${color(drawing.background)} rg 0 0 ${n(width)} ${n(height)} re f`,
      ...drawing.items.flatMap((item) => ["q", ...itemOperators(item, fonts, scale, height), "Q"]),
      "Q",
    ];
    const context = document.context;
    page.node.addContentStream(context.register(context.flateStream(operators.join("\n"))));
  }
  return document.save({ useObjectStreams: true });
}

export interface ScanPage {
  jpeg: Uint8Array;
  width: number;
  height: number;
  /** Resolution the page was scanned at: fixes the page size. */
  dpi: number;
}

/** One page per image, no text layer: what a scanner or a phone "scan to PDF" app produces. */
export async function renderScanPdf(pages: readonly ScanPage[], title = "scan"): Promise<Uint8Array> {
  const document = await createDocument(title);
  for (const scan of pages) {
    const image = await document.embedJpg(scan.jpeg);
    const scale = 72 / scan.dpi;
    const page = document.addPage([scan.width * scale, scan.height * scale]);
    page.drawImage(image, { x: 0, y: 0, width: scan.width * scale, height: scan.height * scale });
  }
  return document.save({ useObjectStreams: true });
}
