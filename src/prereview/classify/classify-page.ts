import type { DocumentType } from "../../catalog/index.js";
import type { DocumentSide, PageText } from "../types.js";
import { compactText } from "./compact-text.js";
import { documentSignatures } from "../document-types/document-type-registry.js";
import type { DocumentSignature } from "./document-signatures.js";
import { looksLikeFormTitle } from "./line-patterns.js";
import { allowedEdits, fuzzyFindAll } from "./fuzzy-find.js";

/** A signal found on a page, for the clerk's detail. */
export interface MatchedSignal {
  name: string;
  /** The text that matched, as read (compact form). */
  matched: string;
  /** 0 exact, 1 one OCR edit away. */
  distance: number;
  /** The weight it added to the score. */
  score: number;
  /** Index of the line it was found in. */
  line: number;
}

export interface ClassificationCandidate {
  documentType: DocumentType;
  side: DocumentSide;
  confidence: number;
}

export interface PageClassification extends ClassificationCandidate {
  page: number;
  /** The signals of the chosen type (or, for `other`, of the nearest type, which fell short). */
  signals: MatchedSignal[];
  /** Other types the page also looked like, best first. */
  alternatives: ClassificationCandidate[];
}

export interface ClassifyPageOptions {
  /** Default: the built-in signatures of every catalog document type with text on it. */
  signatures?: readonly DocumentSignature[];
}

/** A fuzzy match counts this much of a signal's weight. */
const FUZZY_FACTOR = 0.7;
/** Below this share of `enough`, a signature is not a candidate at all. */
const MINIMUM_RATIO = 0.4;
/** Exclusions (another document's title on the page) keep this much of the score. */
const EXCLUDED_FACTOR = 0.2;
/** Documents whose title says 申请 or 承诺: a form title at the top does not exclude them. */
const FORMS: ReadonlySet<string> = new Set(["application_form", "commitment_letter"]);
/** `other` with some text on the page; blank pages get 0. */
const OTHER_CONFIDENCE = 0.1;

interface Finder {
  find(text: string): { matched: string; distance: number; line: number } | undefined;
}

function createFinder(lines: readonly string[]): Finder {
  const cache = new Map<string, { matched: string; distance: number; line: number } | undefined>();
  return {
    find(text) {
      if (cache.has(text)) return cache.get(text);
      let best: { matched: string; distance: number; line: number } | undefined;
      const needle = compactText(text);
      lines.forEach((line, index) => {
        if (best?.distance === 0) return;
        for (const match of fuzzyFindAll(line, needle, allowedEdits(needle))) {
          if (!best || match.distance < best.distance)
            best = { matched: line.slice(match.start, match.end), distance: match.distance, line: index };
        }
      });
      cache.set(text, best);
      return best;
    },
  };
}

interface Scored {
  signature: DocumentSignature;
  ratio: number;
  signals: MatchedSignal[];
  eligible: boolean;
}

function scoreSignature(signature: DocumentSignature, lines: readonly string[], finder: Finder): Scored {
  const signals: MatchedSignal[] = [];
  for (const signal of signature.signals) {
    let found: MatchedSignal | undefined;
    for (const text of signal.texts ?? []) {
      const match = finder.find(text);
      if (match && (!found || match.distance < found.distance))
        found = {
          name: signal.name,
          matched: match.matched,
          distance: match.distance,
          score: signal.weight * (match.distance === 0 ? 1 : FUZZY_FACTOR),
          line: match.line,
        };
    }
    if (!found && signal.test) {
      const index = lines.findIndex((line) => signal.test?.(line));
      if (index >= 0)
        found = { name: signal.name, matched: lines[index] as string, distance: 0, score: signal.weight, line: index };
    }
    if (found) signals.push(found);
  }
  const names = new Set(signals.map((signal) => signal.name));
  const satisfied = signature.requires.every((group) => group.some((name) => names.has(name)));
  let score = signals.reduce((sum, signal) => sum + signal.score, 0);
  const excluded = (signature.excludes ?? []).some((title) => {
    const match = finder.find(title);
    // Exact only for short titles: one edit turns 结婚证字号 into 离婚证字号.
    return match !== undefined && (match.distance === 0 || title.length >= 6);
  });
  // A form's title at the top of the page: whatever else the page names (出生医学证明, 营业执照,
  // 姓名 性别 …), it is the form.
  const formTitled = !FORMS.has(signature.documentType) && lines.slice(0, 3).some(looksLikeFormTitle);
  if (excluded || formTitled) score *= EXCLUDED_FACTOR;
  const ratio = score / signature.enough;
  return { signature, ratio, signals, eligible: satisfied && ratio >= MINIMUM_RATIO };
}

/** 0.9 at `enough`, rising towards 1 and falling towards 0 with the score. */
function confidenceOf(ratio: number): number {
  return Math.min(0.99, 1 - Math.exp(-Math.LN10 * ratio));
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Which document type and side a page is, from titles, labels and patterns in its text. */
export function classifyPage(page: PageText, options: ClassifyPageOptions = {}): PageClassification {
  const lines = page.lines.map((line) => compactText(line.text)).filter((line) => line.length > 0);
  const finder = createFinder(lines);
  const scored = (options.signatures ?? documentSignatures)
    .map((signature) => scoreSignature(signature, lines, finder))
    .sort((a, b) => b.ratio - a.ratio);
  const candidates = scored.filter((entry) => entry.eligible);
  const best = candidates[0];
  if (!best) {
    const nearest = scored[0];
    const hasText = lines.some((line) => /[\p{L}\p{N}]/u.test(line));
    return {
      page: page.page,
      documentType: "other",
      side: "single",
      confidence: hasText ? OTHER_CONFIDENCE : 0,
      signals: nearest && nearest.signals.length > 0 ? nearest.signals : [],
      alternatives: [],
    };
  }
  let confidence = confidenceOf(best.ratio);
  const runnerUp = candidates.find(
    (entry) =>
      entry.signature.documentType !== best.signature.documentType || entry.signature.side !== best.signature.side,
  );
  // Two types that both fit well leave doubt: cut the confidence by up to 40%.
  if (runnerUp) confidence *= 1 - 0.4 * (runnerUp.ratio / best.ratio) ** 2;
  return {
    page: page.page,
    documentType: best.signature.documentType,
    side: best.signature.side,
    confidence: round(confidence),
    signals: best.signals,
    alternatives: candidates.slice(1).map((entry) => ({
      documentType: entry.signature.documentType,
      side: entry.signature.side,
      confidence: round(confidenceOf(entry.ratio)),
    })),
  };
}
