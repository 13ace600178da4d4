// Noto Sans Hans glyphs embedded as Type 3 fonts, with a ToUnicode map so the text layer extracts.
// Why not `embedFont(bytes, { subset: true })`: @pdf-lib/fontkit 1.1 writes a broken CFF subset for
// CID-keyed fonts such as Noto Sans Hans (text extracts but renders blank in MuPDF, FreeType and
// poppler), and the whole font is 7 MB per PDF. Outlines copied from fontkit render everywhere and
// keep a one-page PDF at about 20–40 KB.
import { readFileSync } from "node:fs";
import fontkit, { type Font } from "@pdf-lib/fontkit";
import { type PDFDocument, PDFName, type PDFRef } from "pdf-lib";
import type { FontWeight } from "./drawing.js";
import { fontFile } from "./fonts.js";

interface PathCommand {
  command: "moveTo" | "lineTo" | "quadraticCurveTo" | "bezierCurveTo" | "closePath";
  args: number[];
}

interface GlyphProgram {
  /** Advance width in glyph units (1/1000 em). */
  width: number;
  /** The glyph procedure: d1 then the outline, filled. */
  content: string;
}

const fonts = new Map<FontWeight, Font>();
const glyphs = new Map<string, GlyphProgram>();

function loadFont(weight: FontWeight): Font {
  let font = fonts.get(weight);
  if (!font) {
    font = fontkit.create(readFileSync(fontFile(weight)));
    if (font.unitsPerEm !== 1000) throw new Error(`expected a 1000-unit font, got ${font.unitsPerEm}`);
    fonts.set(weight, font);
  }
  return font;
}

const number = (value: number) => String(Math.round(value * 10) / 10);

/** Whether the font has a real glyph for the character (not .notdef). */
export function hasGlyph(character: string, weight: FontWeight = "regular"): boolean {
  return loadFont(weight).glyphForCodePoint(character.codePointAt(0) as number).id !== 0;
}

function glyphProgram(character: string, weight: FontWeight): GlyphProgram {
  const key = `${weight}:${character}`;
  const cached = glyphs.get(key);
  if (cached) return cached;
  const glyph = loadFont(weight).glyphForCodePoint(character.codePointAt(0) as number);
  const commands = (glyph.path as unknown as { commands: PathCommand[] }).commands;
  const box = commands.length > 0 ? glyph.bbox : { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  const parts = [
    `${number(glyph.advanceWidth)} 0 ${number(box.minX)} ${number(box.minY)} ${number(box.maxX)} ${number(box.maxY)} d1`,
  ];
  let x = 0;
  let y = 0;
  for (const { command, args } of commands) {
    const a = args as [number, number, number, number, number, number];
    if (command === "moveTo" || command === "lineTo") {
      parts.push(`${number(a[0])} ${number(a[1])} ${command === "moveTo" ? "m" : "l"}`);
      [x, y] = [a[0], a[1]];
    } else if (command === "bezierCurveTo") {
      parts.push(`${a.map(number).join(" ")} c`);
      [x, y] = [a[4], a[5]];
    } else if (command === "quadraticCurveTo") {
      // Degree elevation: a quadratic is a cubic with controls 2/3 of the way to its control point.
      const [qx, qy, ex, ey] = a;
      const c1 = [x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y)];
      const c2 = [ex + (2 / 3) * (qx - ex), ey + (2 / 3) * (qy - ey)];
      parts.push(`${[...c1, ...c2, ex, ey].map(number).join(" ")} c`);
      [x, y] = [ex, ey];
    } else parts.push("h");
  }
  if (commands.length > 0) parts.push("f");
  const program = { width: glyph.advanceWidth, content: parts.join("\n") };
  glyphs.set(key, program);
  return program;
}

export interface TextRun {
  /** Resource name of the font, e.g. `T3R0`. */
  font: string;
  /** Single-byte codes, hex. */
  hex: string;
}

export interface Type3FontSet {
  /** Splits text into runs of one font each. */
  encode(text: string, weight: FontWeight): TextRun[];
  /** Advance width of the text in em (without letter spacing). */
  measure(text: string, weight: FontWeight): number;
  /** Font resource name → font dictionary, for each page's /Font resources. */
  resources: Map<string, PDFRef>;
}

/** Embeds the glyphs of every character used, 255 per font (single-byte codes). */
export function embedType3Fonts(
  document: PDFDocument,
  texts: readonly { text: string; weight: FontWeight }[],
): Type3FontSet {
  const context = document.context;
  const slots = new Map<string, { font: string; code: number }>();
  const resources = new Map<string, PDFRef>();
  for (const weight of ["regular", "bold"] as const) {
    const characters = [
      ...new Set(texts.filter((entry) => entry.weight === weight).flatMap((entry) => [...entry.text])),
    ];
    for (let start = 0; start < characters.length; start += 255) {
      const chunk = characters.slice(start, start + 255);
      const name = `T3${weight === "bold" ? "B" : "R"}${start / 255}`;
      const charProcs: Record<string, PDFRef> = {};
      const widths: number[] = [];
      const differences: (number | PDFName)[] = [1];
      const mappings: string[] = [];
      chunk.forEach((character, index) => {
        const program = glyphProgram(character, weight);
        const glyphName = `g${index + 1}`;
        charProcs[glyphName] = context.register(context.flateStream(program.content));
        widths.push(program.width);
        differences.push(PDFName.of(glyphName));
        let unicode = "";
        for (let unit = 0; unit < character.length; unit++)
          unicode += character.charCodeAt(unit).toString(16).padStart(4, "0");
        mappings.push(`<${(index + 1).toString(16).padStart(2, "0")}> <${unicode}>`);
        slots.set(`${weight}:${character}`, { font: name, code: index + 1 });
      });
      const toUnicode = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <FF>",
        "endcodespacerange",
        `${mappings.length} beginbfchar`,
        ...mappings,
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
      ].join("\n");
      const font = context.obj({
        Type: "Font",
        Subtype: "Type3",
        Name: name,
        FontBBox: [-1002, -1048, 2928, 1808],
        FontMatrix: [0.001, 0, 0, 0.001, 0, 0],
        CharProcs: context.obj(charProcs),
        Encoding: context.obj({ Type: "Encoding", Differences: context.obj(differences) }),
        FirstChar: 1,
        LastChar: chunk.length,
        Widths: context.obj(widths),
        Resources: context.obj({}),
        ToUnicode: context.register(context.flateStream(toUnicode)),
      });
      resources.set(name, context.register(font));
    }
  }
  return {
    resources,
    encode(text, weight) {
      const runs: TextRun[] = [];
      for (const character of text) {
        const slot = slots.get(`${weight}:${character}`);
        if (!slot) throw new Error(`character ${character} was not embedded`);
        const hex = slot.code.toString(16).padStart(2, "0");
        const last = runs.at(-1);
        if (last && last.font === slot.font) last.hex += hex;
        else runs.push({ font: slot.font, hex });
      }
      return runs;
    },
    measure(text, weight) {
      let width = 0;
      for (const character of text) width += glyphProgram(character, weight).width;
      return width / 1000;
    },
  };
}
