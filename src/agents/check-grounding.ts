import { normalizeText } from "../retrieval/index.js";

/** A sentence of an answer and the quotes it cites. */
export interface CitedSentence {
  text: string;
  quotes: string[];
}

export interface GroundingResult {
  /** Sentences whose facts all appear in their quotes. */
  supported: CitedSentence[];
  /** Sentences with no quote, or with a number or document number their quotes do not contain. */
  unsupported: { sentence: CitedSentence; reason: "no_citation" | "fact_not_in_quote"; facts: string[] }[];
}

// Document numbers (国发〔2024〕3号), amounts, dates, durations, counts, percentages, phone numbers:
// anything with a digit, kept whole with the unit that follows it.
// The two characters before the year tell issuers apart (国发 / 办发 of 国办发 / 政发 of 甘政发)
// without swallowing the words before them ("依据国发…").
const DOCUMENT_NUMBER = /[\p{Script=Han}]{0,2}[〔[(（]\d{4}[〕\])）]\d+号/gu;
const NUMBER_WITH_UNIT =
  /\d+(?:[.,]\d+)*\s*(?:个工作日|工作日|个月|月|日|天|年|周岁|岁|小时|分钟|元|万元|平方米|㎡|%|％|份|次|项|个|号)?/gu;
const CHINESE_NUMBER_WITH_UNIT =
  /[一二两三四五六七八九十][一二两三四五六七八九十百千万]*(?:个工作日|工作日|个月|天|年|周岁|岁|小时|元|万元|份|次|项)/gu;

/** The facts of a sentence that must appear verbatim in a source: numbers with units, document numbers. */
export function extractFacts(sentence: string): string[] {
  const text = normalizeText(sentence);
  const facts = new Set<string>();
  for (const match of text.matchAll(DOCUMENT_NUMBER)) facts.add(match[0]);
  const withoutDocuments = text.replace(DOCUMENT_NUMBER, " ");
  for (const match of withoutDocuments.matchAll(NUMBER_WITH_UNIT)) facts.add(match[0].replace(/\s+/g, ""));
  const withoutDigits = withoutDocuments.replace(NUMBER_WITH_UNIT, " ");
  for (const match of withoutDigits.matchAll(CHINESE_NUMBER_WITH_UNIT)) facts.add(match[0]);
  return [...facts];
}

/**
 * The deterministic grounding check every answer passes, whoever wrote it: a sentence stands
 * only if it cites at least one quote and each number, time limit, amount or document number in
 * it appears verbatim (after normalisation) in one of its quotes.
 */
export function checkGrounding(sentences: CitedSentence[]): GroundingResult {
  const result: GroundingResult = { supported: [], unsupported: [] };
  for (const sentence of sentences) {
    if (sentence.quotes.length === 0) {
      result.unsupported.push({ sentence, reason: "no_citation", facts: [] });
      continue;
    }
    const quotes = sentence.quotes.map((quote) => normalizeText(quote).replace(/\s+/g, ""));
    const missing = extractFacts(sentence.text).filter((fact) => !quotes.some((quote) => quote.includes(fact)));
    if (missing.length > 0) result.unsupported.push({ sentence, reason: "fact_not_in_quote", facts: missing });
    else result.supported.push(sentence);
  }
  return result;
}
