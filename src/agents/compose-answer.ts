import { bundleSections, type Catalog, type Citation, type GuideSection, matterSections } from "../catalog/index.js";
import { normalizeText, type Retriever, stripDocumentNumbers, type Tokenizer } from "../retrieval/index.js";
import { checkGrounding, extractFacts } from "./check-grounding.js";
import { coverage } from "./question-coverage.js";

export interface AnswerSentence {
  text: string;
  /** Ids of the citations that support it. */
  citationIds: string[];
}

export interface ComposedAnswer {
  status: "answered" | "unknown";
  /** The whole reply: a fact-free frame around the cited sentences. */
  text: string;
  sentences: AnswerSentence[];
  citations: Citation[];
  /** For "unknown": what was missing. */
  reason?: "no_evidence" | "element_not_in_guide";
}

interface Element {
  key: string;
  label: string;
  pattern: RegExp;
  section: string;
  /** Only lines starting with one of these, when the section holds several elements. */
  prefixes?: string[];
}

/** Guide elements a question can ask about, and where a guide states them. */
const ELEMENTS: Element[] = [
  {
    key: "fee",
    label: "收费标准",
    pattern: /(收费|费用|多少钱|要钱|免费|交钱|花钱|费是多少|费多少)/u,
    section: "time-fee",
    prefixes: ["收费标准"],
  },
  {
    key: "time",
    label: "办结时限",
    pattern: /(多久|多长时间|几天|时限|期限|多少天|几个工作日|多快)/u,
    section: "time-fee",
    prefixes: ["法定办结时限", "承诺办结时限"],
  },
  {
    key: "contact",
    label: "咨询电话",
    pattern: /(电话|热线|联系方式|咨询方式)/u,
    section: "channels",
    prefixes: ["咨询方式"],
  },
  {
    key: "materials",
    label: "申请材料",
    pattern: /(材料|资料|证件|带什么|带啥|要带|准备什么|准备啥)/u,
    section: "materials",
  },
  { key: "conditions", label: "受理条件", pattern: /(条件|符合|资格|谁可以|什么人)/u, section: "conditions" },
  {
    key: "channels",
    label: "办理渠道",
    pattern: /(在哪|去哪|哪里办|地点|地址|网上|线上|窗口|渠道|手机)/u,
    section: "channels",
  },
  { key: "process", label: "办理流程", pattern: /(流程|步骤|程序|怎么办理)/u, section: "process" },
  { key: "basis", label: "设定依据", pattern: /(依据|法律|法规|根据什么)/u, section: "basis" },
];

export interface ComposeAnswerOptions {
  catalog: Pick<Catalog, "bundles" | "matters">;
  retriever: Retriever;
  tokenizer: Tokenizer;
  message: string;
  /** The bundle or matter the conversation is about, when known. */
  target?: { kind: "bundle" | "matter"; id: string };
  /** A policy the question names: answer from its passages only. */
  policyId?: string;
  /** Answer this guide element of the target whatever the wording (used to present a matter). */
  element?: "materials";
}

/**
 * The extractive answer: sentences copied from the guide, FAQ or policy passages that answer the
 * question, each with its citation; never a sentence of our own that states a fact. When the
 * question asks for a guide element the guide does not state, or nothing relevant is found, the
 * answer says so ("unknown") rather than guess.
 */
export async function composeAnswer(options: ComposeAnswerOptions): Promise<ComposedAnswer> {
  const element = options.element
    ? ELEMENTS.find((candidate) => candidate.key === options.element)
    : ELEMENTS.find((candidate) => candidate.pattern.test(options.message));
  const main =
    element && options.target && !options.policyId
      ? answerElement(options, element, options.target)
      : await answerFromPassages(options);
  if (options.policyId || options.element) return main;
  const faq = await answerFromFaq(options);
  if (!faq || main.citations.some((citation) => citation.id === faq.citation.id)) return main;
  if (main.status === "unknown" && main.reason === "element_not_in_guide") {
    // The guide does not state it: an FAQ answer may still, but only if it states the element,
    // and for a fee or a time limit only with a figure.
    const faqText = faq.sentences.map((sentence) => sentence.text).join("");
    const needsFigure = element?.key === "fee" || element?.key === "time";
    if (!element?.pattern.test(faqText) || (needsFigure && extractFacts(faqText).length === 0)) return main;
  }
  const sentences = [...(main.status === "answered" ? main.sentences : []), ...faq.sentences];
  const citations = [...(main.status === "answered" ? main.citations : []), faq.citation];
  const frame = main.status === "answered" ? (main.text.split("\n")[0] as string) : "根据常见问题解答：";
  return finish(frame, sentences, citations);
}

/** Character pairs of normalised text, for a rough similarity between two questions. */
function pairs(text: string): Set<string> {
  const characters = Array.from(normalizeText(text).replace(/[^\p{L}\p{N}]/gu, ""));
  const result = new Set<string>();
  for (let i = 0; i + 1 < characters.length; i++) result.add(`${characters[i]}${characters[i + 1]}`);
  return result;
}

/**
 * The answer of the FAQ item asked most like this question, when it is asked alike enough: FAQ
 * answers are written as answers, where guide fields are lists.
 */
async function answerFromFaq(
  options: ComposeAnswerOptions,
): Promise<{ sentences: AnswerSentence[]; citation: Citation } | undefined> {
  const { hits } = await options.retriever.search({ query: options.message, k: 3, kinds: ["faq"] });
  const asked = pairs(options.message);
  const covers = coverage(options.tokenizer, options.message);
  for (const hit of hits) {
    if (!covers(hit.chunk.text)) continue;
    const question = pairs(hit.chunk.title);
    let shared = 0;
    for (const pair of asked) if (question.has(pair)) shared += 1;
    if (asked.size === 0 || shared / asked.size < 0.4) continue;
    const answer = hit.chunk.text.split("\n答：")[1];
    if (!answer) continue;
    const citation: Citation = {
      id: hit.chunk.id,
      documentId: hit.chunk.documentId,
      title: hit.chunk.title,
      sectionPath: hit.chunk.sectionPath,
      quote: answer,
    };
    const sentences = answer
      .split(/(?<=[。！？；])/u)
      .map((sentence) => sentence.trim())
      .filter((sentence) => sentence.length >= 2)
      .map((text) => ({ text, citationIds: [citation.id] }));
    return { sentences, citation };
  }
  return undefined;
}

function answerElement(
  options: ComposeAnswerOptions,
  element: Element,
  target: NonNullable<ComposeAnswerOptions["target"]>,
): ComposedAnswer {
  const { catalog } = options;
  const bundle = target.kind === "bundle" ? catalog.bundles.get(target.id) : undefined;
  const matter = target.kind === "matter" ? catalog.matters.get(target.id) : undefined;
  const name = bundle?.name ?? matter?.name ?? target.id;
  const sections: GuideSection[] = bundle ? bundleSections(bundle, catalog) : matter ? matterSections(matter) : [];
  const sectionKey = bundle && element.section === "time-fee" ? "time-channels" : element.section;
  const section = sections.find((candidate) => candidate.key === sectionKey);
  // A bundle's time-limit note ("兰州版本未公布联办承诺时限…") answers a time question too.
  const timeNote = element.key === "time" ? bundle?.timeLimits?.note : undefined;
  const lines = (section?.lines ?? []).filter(
    (line) => !element.prefixes || element.prefixes.some((prefix) => line.startsWith(prefix)) || line === timeNote,
  );
  const documentId = `${target.kind}:${target.id}`;
  if (!section || lines.length === 0)
    return unknown(
      "element_not_in_guide",
      `《${name}》的办事指南中没有写明${element.label}。为免误导，我不作推测，建议拨打12345政务服务便民热线或咨询办理窗口确认。`,
    );
  const citation: Citation = {
    id: `${documentId}#${section.key}`,
    documentId,
    title: name,
    sectionPath: [section.heading],
    quote: lines.join("\n"),
  };
  const sentences = lines.map((line) => ({ text: line, citationIds: [citation.id] }));
  return finish(`《${name}》的${element.label}：`, sentences, [citation]);
}

async function answerFromPassages(options: ComposeAnswerOptions): Promise<ComposedAnswer> {
  const { retriever, tokenizer } = options;
  // The document's number picked the document; the rest of the question picks the passage.
  const message = options.policyId ? stripDocumentNumbers(options.message) || options.message : options.message;
  const { hits: found, expandedTerms } = await retriever.search({
    query: message,
    k: 5,
    kinds: options.policyId ? ["policy"] : undefined,
  });
  const hits = options.policyId ? found.filter((hit) => hit.chunk.policyId === options.policyId) : found;
  const tokens = new Set([
    ...tokenizer.tokenize(message),
    ...expandedTerms.flatMap((term) => tokenizer.tokenize(term)),
  ]);
  const covers = coverage(tokenizer, message);
  const relevant = hits.filter(
    (hit) =>
      (hit.signals.includes("lexical") || hit.signals.includes("entity")) &&
      covers(`${hit.chunk.title}\n${hit.chunk.context}\n${hit.chunk.sectionPath.join(" ")}\n${hit.chunk.text}`),
  );
  const sentences: AnswerSentence[] = [];
  const citations: Citation[] = [];
  for (const [rank, hit] of relevant.slice(0, 3).entries()) {
    // The best passage is quoted whole (it was written as one answer); the others by their best sentences.
    const picked = rank === 0 ? bestSentences(hit.chunk.text, tokens, 8, 0) : bestSentences(hit.chunk.text, tokens, 2);
    if (picked.length === 0) continue;
    const citation: Citation = {
      id: hit.chunk.id,
      documentId: hit.chunk.documentId,
      title: hit.chunk.title,
      sectionPath: hit.chunk.sectionPath,
      quote: picked.join(""),
    };
    citations.push(citation);
    for (const sentence of picked) sentences.push({ text: sentence, citationIds: [citation.id] });
    if (sentences.length >= 10) break;
  }
  if (sentences.length === 0)
    return unknown(
      "no_evidence",
      "抱歉，知识库中没有找到能回答这个问题的依据。为免误导，我不作推测，建议拨打12345政务服务便民热线咨询。",
    );
  return finish("根据相关办事指南和政策文件：", sentences, citations);
}

/** Sentences of a passage that share the most words with the question, in passage order. */
function bestSentences(text: string, tokens: Set<string>, limit: number, minimumScore = 2): string[] {
  const sentences = text
    .split(/(?<=[。！？；\n])/u)
    .map((sentence) => sentence.trim().replace(/^答：/u, ""))
    // A FAQ's question restates the asking, it answers nothing.
    .filter((sentence) => sentence.length >= 4 && !sentence.startsWith("问："));
  const scored = sentences
    .map((sentence, index) => {
      const normalized = normalizeText(sentence);
      let score = 0;
      for (const token of tokens) if (token.length >= 2 && normalized.includes(token)) score += token.length;
      return { sentence, index, score };
    })
    .filter((entry) => entry.score >= minimumScore);
  return scored
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.sentence);
}

/** Runs the grounding check and assembles the reply; the frame may not state facts of its own. */
function finish(frame: string, sentences: AnswerSentence[], citations: Citation[]): ComposedAnswer {
  // The frame names the guide (《…》, the citation's title) and states nothing else.
  if (extractFacts(frame.replace(/《[^》]*》/gu, "")).length > 0)
    throw new Error(`answer frame states a fact: ${frame}`);
  const byId = new Map(citations.map((citation) => [citation.id, citation]));
  const grounding = checkGrounding(
    sentences.map((sentence) => ({
      text: sentence.text,
      quotes: sentence.citationIds.flatMap((id) => (byId.has(id) ? [(byId.get(id) as Citation).quote] : [])),
    })),
  );
  const kept = sentences.filter((sentence) =>
    grounding.supported.some((supported) => supported.text === sentence.text),
  );
  if (kept.length === 0)
    return unknown("no_evidence", "抱歉，没有找到能确切回答这个问题的依据，建议拨打12345政务服务便民热线咨询。");
  const used = new Set(kept.flatMap((sentence) => sentence.citationIds));
  return {
    status: "answered",
    text: [frame, ...kept.map((sentence) => sentence.text)].join("\n"),
    sentences: kept,
    citations: citations.filter((citation) => used.has(citation.id)),
  };
}

/** The "I don't know" reply: no sentences, no citations, the reason for the evaluation and logs. */
function unknown(reason: NonNullable<ComposedAnswer["reason"]>, text: string): ComposedAnswer {
  return { status: "unknown", reason, text, sentences: [], citations: [] };
}
