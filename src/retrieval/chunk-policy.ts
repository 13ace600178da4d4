import type { Policy } from "../catalog/index.js";
import type { Chunk } from "./chunk.js";
import { splitText } from "./split-text.js";

const NUMERAL = "[一二三四五六七八九十百零〇]+";
const LEVEL_PATTERNS: { level: number; pattern: RegExp }[] = [
  { level: 1, pattern: new RegExp(`^第${NUMERAL}[章编]`) },
  { level: 1, pattern: new RegExp(`^${NUMERAL}、`) },
  { level: 2, pattern: new RegExp(`^[（(]${NUMERAL}[）)]`) },
  { level: 3, pattern: new RegExp(`^第${NUMERAL}条`) },
  { level: 3, pattern: /^\d{1,2}[.．、]\s*\D/ },
];
const SENTENCE_FINAL = /[。！？；：:;!?”」）)]$/u;
const LEAD_SENTENCE = /^(.{2,40}?[。：:])/u;

export interface PolicyChunkOptions {
  /** Longest passage in characters (default 400); longer paragraphs split at sentence ends. */
  maxChars?: number;
}

interface Paragraph {
  text: string;
  level: number;
}

/**
 * Splits an official document on its own structure (一、 / （一） / 第X条 / 1.) into passages
 * that carry their heading path. The passage text is the official text (line breaks inside a
 * sentence are joined); ids are the structure position, e.g. `policy:guofa-2024-3#2.3.1`.
 */
export function chunkPolicy(policy: Policy, options: PolicyChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? 400;
  const chunks: Chunk[] = [];
  const counters: number[] = [0, 0, 0, 0];
  const headings: string[] = [];
  let paragraphInSection = 0;

  for (const paragraph of joinBrokenLines(policy.text)) {
    if (paragraph.level > 0) {
      const level = paragraph.level;
      counters[level] = (counters[level] ?? 0) + 1;
      for (let deeper = level + 1; deeper < counters.length; deeper++) counters[deeper] = 0;
      headings.length = level - 1;
      headings[level - 1] = headingOf(paragraph.text);
      paragraphInSection = 0;
      // A heading line with nothing after it ("一、总体要求") is carried by the passages below it.
      if (paragraph.text.length <= 20 && !/[。；]/.test(paragraph.text)) continue;
    }
    paragraphInSection += 1;
    const key = [counters[1], counters[2], counters[3]].map((count) => count ?? 0).join(".");
    const sectionPath = headings.filter(Boolean);
    const pieces = splitText(paragraph.text, maxChars);
    pieces.forEach((piece, index) => {
      chunks.push({
        id: `policy:${policy.id}#${key}.p${paragraphInSection}${pieces.length > 1 ? `.${index + 1}` : ""}`,
        kind: "policy",
        documentId: `policy:${policy.id}`,
        title: policy.title,
        sectionPath,
        text: piece,
        context: [policy.issuer, policy.number].filter(Boolean).join(" "),
        policyId: policy.id,
      });
    });
  }
  return chunks;
}

/** Joins lines broken inside a sentence (as in copies pasted from PDFs) and marks heading levels. */
function joinBrokenLines(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/\[bookmark: [^\]]*\]/g, "").trim();
    if (!line) continue;
    const level = headingLevel(line);
    const previous = paragraphs.at(-1);
    if (previous && level === 0 && !SENTENCE_FINAL.test(previous.text) && previous.text.length > 20) {
      previous.text += line;
    } else {
      paragraphs.push({ text: line, level });
    }
  }
  return paragraphs;
}

function headingLevel(line: string): number {
  for (const { level, pattern } of LEVEL_PATTERNS) if (pattern.test(line)) return level;
  return 0;
}

function headingOf(text: string): string {
  const lead = LEAD_SENTENCE.exec(text);
  return (lead?.[1] ?? text.slice(0, 40)).replace(/[。：:]$/u, "");
}
