// When a named document was issued, who issued it and under which number: its signing date and its
// signature, read from the document's own closing lines, and its number from the lines that head it, never
// from a date, an office or a number its text names. A document without the line asked for is said to lack it.
import { type Sentence, toTraditionalChinese } from "../retrieval/index.js";
import type { QuestionAnalysis } from "./analyze-question.js";

/**
 * A line found (quoted as `text`, under `note`; `label` names it among others, "文号"), or what the document is
 * said to lack.
 */
export type Signed = { sentence: Sentence; text: string; note: string; label: string } | { unknownText: string };

// "国办发〔2025〕24号是哪天印发的": the date the document is signed with, not a date in its text.
const ASKS_ISSUED = /(印发|发布|出台|签发|落款|发文|颁布|下发|成文|发的|出的)/u;
const DATE_LINE = /^\d{4}年\d{1,2}月\d{1,2}日$/u;

/**
 * The clause a question asks in, without asides in brackets: "那个国务院意见（22年2月发的），里面说……目标
 * 是在哪年底前" names the document by when it was issued and asks something else.
 */
function askedPart(normalized: string): string {
  const clauses = normalized
    .replace(/[（(][^（()）]*[）)]/gu, "")
    .split(/[，,；;]/u)
    .filter((clause) => clause.trim());
  // The clause that asks when ("……是哪天印发的，谢谢" asks in its first clause).
  return clauses.findLast((clause) => ASKS_WHEN.test(clause)) ?? clauses.at(-1) ?? "";
}

const ASKS_WHEN = /(哪天|哪一天|什么时候|啥时候|何时|哪年|哪一年|几月|几号|日期|什么时间)/u;

/** The line before a document's signing date, quoted alone. */
export const SIGNING_DATE_NOTE = "以下为该文件落款处的成文日期：";
/** What is said of a document asked when it was issued that ends with no dated line. */
export const UNSIGNED = "所问文件的正文中没有落款日期，知识库无法据此告知它的成文日期";

/** A document's signing date, the last line of it that holds a date alone (its 落款), when asked for. */
export function signingDate(question: QuestionAnalysis, sentences: readonly Sentence[]): Signed | undefined {
  // 「成文日期和文号」 asks a date though the number comes first among its types.
  const asksDate = question.answerTypes.includes("date") || ASKS_WHEN.test(question.normalized);
  if (!asksDate || !ASKS_ISSUED.test(askedPart(question.normalized))) return undefined;
  const line = lastDateLine(sentences);
  // A date in its text is no date it was issued on: said not known, not quoted.
  return line
    ? { sentence: line, text: line.text, note: SIGNING_DATE_NOTE, label: "落款处的成文日期" }
    : { unknownText: UNSIGNED };
}

/** Who wrote a text: its author, byline or contributor ("海南那篇解读是谁写的"), not who issued a regulation. */
export const ASKS_WRITER = /(谁写|作者|署名|供稿)/u;
// "海南那篇解读是谁写的", "……是谁印发的": who signs the document, not someone its text names.
// Not who issues a certificate the document speaks of ("证明由哪个部门出具").
const ASKS_AUTHOR = new RegExp(
  `${ASKS_WRITER.source}|(谁印发|谁发布|谁签发|谁出台|(文件|文|意见|通知|解读|文章)是?谁发的|落款单位|发文单位|发文机关|哪个(单位|部门|机关)(写|印发|发布|签发|出台)的?)`,
  "u",
);
// A signature in brackets closing the last paragraph: "(海南省营商环境建设厅党组书记、厅长 任端平)".
const BYLINE = /[（(]([^（()）]{2,40})[）)]\s*$/u;
/** How far from the end a byline may stand (a page's leftovers such as 「点赞」 may follow it). */
const BYLINE_WITHIN = 8;
// The issuing office's line above the signing date: short, no full stop, an office's name.
const OFFICE_LINE = /^[^。]{2,30}(厅|局|委|部|院|办公室|政府|委员会|中心)$/u;

/** The line before the signature it is quoted with. */
export const SIGNATURE_NOTE = "以下为该文件的署名：";
/** What is said of a document asked who issued it that is signed with no office or byline. */
export const UNSIGNED_BY = "所问文件的正文中没有署名或落款单位，知识库无法据此告知它由谁印发";

/**
 * Who signs a document, when asked: the office line above its signing date, or the bracketed byline
 * that closes it, quoted as written.
 */
export function signature(question: QuestionAnalysis, sentences: readonly Sentence[]): Signed | undefined {
  if (!ASKS_AUTHOR.test(question.normalized)) return undefined;
  const dated = lastDateLine(sentences);
  const office = dated ? sentences[sentences.indexOf(dated) - 1] : undefined;
  const bylined = sentences.slice(-BYLINE_WITHIN).findLast((sentence) => BYLINE.test(sentence.text));
  const signed = office && OFFICE_LINE.test(office.normalized) ? office : bylined;
  // Said not known, rather than answered with an office its text names.
  if (!signed) return { unknownText: UNSIGNED_BY };
  const text = BYLINE.exec(signed.text)?.[0].trim() ?? signed.text;
  return { sentence: signed, text, note: SIGNATURE_NOTE, label: "署名" };
}

// "……实施意见，文号是多少", "发文字号是啥": the number the document is issued under.
const ASKS_NUMBER = /(文号|发文字号|发文编号|字号是|几号文)/u;
/** How many sentences may head a document: its title, date, number and the line it is addressed to. */
const HEADING_SENTENCES = 4;

// A document the one named cites or speaks of: "……里提到的国务院文件", "引用的文件是几号文".
const ASKS_CITED = /(提到|引用|提及|援引|依据|根据|说的|讲的)的?[^，,。？?]{0,10}(文件|文|意见|通知|办法|规定)/u;

/** The line before a document's number, quoted alone. */
export const NUMBER_NOTE = "以下为该文件的文号：";
/** What is said of a document asked its number that has no line of it (a commentary has none). */
export const UNNUMBERED = "所问文件的正文中没有文号，知识库无法据此告知它的文号";

/**
 * A document's number, when asked for: the number the catalog records for it (`number`), quoted as written in
 * the lines that head the document. A number its text cites ("根据……（国发〔2024〕3号）精神") is another
 * document's; one whose heading does not hold its number is said to lack one.
 */
export function documentNumber(
  question: QuestionAnalysis,
  sentences: readonly Sentence[],
  number: string | undefined,
): Signed | undefined {
  // The number of a document it cites (「实施意见里提到的国务院文件文号是多少」) is no number of its own.
  if (!ASKS_NUMBER.test(question.normalized) || ASKS_CITED.test(question.normalized)) return undefined;
  // "国办发〔2022〕32号": its issuer's abbreviation, year and serial, in either script and any spacing.
  const parts = number ? /^(\p{Script=Han}+)\s*[〔［[]\s*(\d{4})\s*[〕］\]]\s*(\d+)\s*[号號]$/u.exec(number) : null;
  if (parts) {
    const [, issuer, year, serial] = parts as unknown as [string, string, string, string];
    const written = new RegExp(
      `${Array.from(issuer, (character) => `[${character}${toTraditionalChinese(character)}]`).join("")}\\s*[〔［[]\\s*${year}\\s*[〕］\\]]\\s*${serial}\\s*[号號]`,
      "u",
    );
    for (const sentence of sentences.slice(0, HEADING_SENTENCES)) {
      const found = written.exec(sentence.text)?.[0];
      if (found) return { sentence, text: found, note: NUMBER_NOTE, label: "文号" };
    }
  }
  return { unknownText: UNNUMBERED };
}

/** The last line of a document that holds a date alone (its 落款). */
function lastDateLine(sentences: readonly Sentence[]): Sentence | undefined {
  return sentences.findLast((sentence) => DATE_LINE.test(sentence.normalized));
}

// "国办发〔2022〕32号是个什么文件": which document a number names, and what it is for.
const ASKS_WHICH_DOCUMENT =
  /((是|为)(个|一个|一份)?(哪个|哪份|什么|啥)(样的)?(文件|文|政策|意见|通知|规定)|(文件|文|意见|通知)?(叫什么|的?(名字|标题|全称|名称|全名))|是(什么|啥)(东西|意思)?$|(讲|说|写)的?是?(什么|啥)|主要内容|关于什么)/u;
// The sentence a document says what it is for in ("……，现提出以下意见。").
const PURPOSE = /(现提出(以下|如下)|提出以下意见|制定本|特制定|现就.{2,30}(提出|通知如下))/u;
const ASKING_WORDS = /^(名字|名称|标题|全称|全名|内容|主要内容|东西)$/u;
/** The line before a document's opening sentence, quoted when asked which document it is. */
export const OPENING_NOTE = "所问文件见下方引用的标题，其正文写道：";

/**
 * What a document is, when asked which one a number names and nothing more: the sentence it says what
 * it is for in, else its first sentence that is not an address line (「各省、自治区……：」). The title is
 * the citation's.
 */
export function documentOpening(
  question: QuestionAnalysis,
  sentences: readonly Sentence[],
  otherWords: readonly string[],
): Signed | undefined {
  // Words of the asking itself ("叫什么名字") and pieces the segmenter leaves of the number ("24号文件" → 件).
  const asked = otherWords.filter((word) => Array.from(word).length >= 2 && !ASKING_WORDS.test(word));
  // Asked what it is or what it is called, nothing else: "……说的是什么时候开始" asks a date.
  const whatItIs = question.answerTypes.every((type) => type === "definition" || type === "name");
  const text = question.normalized.replace(/[？?。！!\s]+$/u, "");
  if (asked.length > 0 || !whatItIs || !ASKS_WHICH_DOCUMENT.test(text)) return undefined;
  const opening =
    sentences.find((sentence) => PURPOSE.test(sentence.normalized)) ??
    sentences.find((sentence) => sentence.normalized.length >= 20 && !/[:：]$/u.test(sentence.normalized.trim()));
  return opening ? { sentence: opening, text: opening.text, note: OPENING_NOTE, label: "开头" } : undefined;
}
