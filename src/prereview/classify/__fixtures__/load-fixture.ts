// Text fixtures that stand in for OCR output. Format (one text line per line):
//   #! <documentType> <side>     a document expected in this file, in order
//   #= <field> <value>           a field expected on the last `#!` document
//   #- <field>                   a field expected to be absent
//   #page                        a new page
//   text  #c0.55                 a line with its OCR confidence (default 0.9)
// Blank lines and lines starting with `##` are ignored.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExtractedFile, PageText } from "../../types.js";

export interface ExpectedDocument {
  documentType: string;
  side: string;
  fields: Record<string, string>;
  absent: string[];
}

export interface Fixture {
  name: string;
  file: ExtractedFile;
  expected: ExpectedDocument[];
}

const folder = dirname(fileURLToPath(import.meta.url));

export function fixtureNames(subfolder = "documents"): string[] {
  return readdirSync(join(folder, subfolder))
    .filter((name) => name.endsWith(".txt"))
    .map((name) => name.replace(/\.txt$/, ""))
    .sort();
}

export function parseFixture(name: string, text: string): Fixture {
  const expected: ExpectedDocument[] = [];
  const pages: PageText[] = [];
  let current: PageText | undefined;
  const newPage = () => {
    current = { page: pages.length + 1, source: "ocr", lines: [], confidence: 0.9, quality: [], milliseconds: 0 };
    pages.push(current);
    return current;
  };
  for (const rawLine of text.split("\n")) {
    const line = rawLine.replace(/\r$/, "");
    if (line.startsWith("##")) continue;
    if (line.startsWith("#!")) {
      const [documentType = "", side = ""] = line.slice(2).trim().split(/\s+/);
      expected.push({ documentType, side, fields: {}, absent: [] });
    } else if (line.startsWith("#=")) {
      const [, field = "", value = ""] = /^#=\s*(\S+)\s+(.*)$/.exec(line) ?? [];
      const last = expected.at(-1);
      if (last) last.fields[field] = value.trim();
    } else if (line.startsWith("#-")) {
      expected.at(-1)?.absent.push(line.slice(2).trim());
    } else if (line.trim() === "#page") newPage();
    else if (line.trim().length > 0) {
      const page = current ?? newPage();
      const match = /^(.*?)\s+#c([0-9.]+)\s*$/.exec(line);
      const lineText = match ? (match[1] as string) : line;
      const y0 = 20 + page.lines.length * 40;
      page.lines.push({
        text: lineText,
        confidence: match ? Number(match[2]) : 0.9,
        box: { x0: 10, y0, x1: 10 + lineText.length * 20, y1: y0 + 30 },
      });
    }
  }
  if (pages.length === 0) newPage();
  return {
    name,
    file: { fileId: "f1", kind: "png", pages, pageCount: pages.length },
    expected,
  };
}

export function loadFixture(name: string, subfolder = "documents"): Fixture {
  return parseFixture(name, readFileSync(join(folder, subfolder, `${name}.txt`), "utf8"));
}
