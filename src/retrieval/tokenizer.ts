import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { normalizeText } from "./normalize-text.js";

/** Function words and question fillers that carry no meaning for retrieval. */
const STOPWORDS = new Set(
  (
    "的 了 吗 呢 吧 啊 呀 哦 嘛 么 是 在 和 与 及 或 等 也 都 就 还 又 把 被 给 对 向 从 到 为 以 之 其 该 这 那 这个 那个 " +
    "我 你 他 她 它 我们 你们 他们 我家 自己 请问 请 想 想要 要 需要 应该 可以 能 能否 能不能 会 该 怎么 怎样 怎么样 如何 " +
    "什么 啥 哪些 哪个 哪里 哪儿 多少 几 吗 有没有 有 没有 一下 一个 个 刚 刚刚 现在 已经 下 上 里 中 时 时候 后 前 " +
    "办 办理 手续 事 事情 东西 问题 一些 如果 的话 然后 但是 因为 所以 并 并且 而 及其 进行 有关 相关 关于 按照 " +
    "吗? 呢? ? ! , . ; : 、 。 ， ？ ！ ； ： “ ” ‘ ’ （ ） ( ) 《 》 〈 〉 【 】 [ ] - — … · / \\ \" '"
  ).split(" "),
);

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

export interface TokenizerOptions {
  /** Extra words for the dictionary: matter names, aliases, lexicon terms (kept whole when tokenising). */
  customWords?: Iterable<string>;
}

export interface Tokenizer {
  /** Normalises (繁→简, width, case) and cuts into search tokens, without stopwords or punctuation. */
  tokenize(text: string): string[];
  /** Cuts text that is already normalised. */
  tokenizeNormalized(normalized: string): string[];
  /** Whether normalised text is one word of the dictionary (解读 is; 社报卡 is not). */
  isWord(normalized: string): boolean;
  /** Whether normalised text is one of the words the catalog added (社保卡坏了 of the lexicon is; 紫薇 is not). */
  isCatalogWord(normalized: string): boolean;
  /** The words added to the dictionary, normalised: a build thread makes the same tokenizer from them. */
  readonly customWords?: readonly string[];
}

/** A jieba tokenizer in search mode with the catalog's own words added to the dictionary. */
export function createTokenizer(options: TokenizerOptions = {}): Tokenizer {
  const jieba = Jieba.withDict(dict);
  const words = [...new Set([...(options.customWords ?? [])].map((word) => normalizeText(word)))].filter(
    (word) => word.length >= 2 && !/\s/.test(word),
  );
  if (words.length > 0) {
    // High frequency so jieba keeps these words whole, as a person means them.
    jieba.loadDict(Buffer.from(words.map((word) => `${word} 200000 n`).join("\n")));
  }
  const tokenizeNormalized = (normalized: string): string[] =>
    jieba.cutForSearch(normalized, true).filter((token) => WORD_CHARACTER.test(token) && !STOPWORDS.has(token));
  const added = new Set(words);
  return {
    customWords: words,
    isCatalogWord: (normalized) => added.has(normalized),
    tokenizeNormalized,
    tokenize: (text) => tokenizeNormalized(normalizeText(text)),
    isWord: (normalized) => {
      const cut = jieba.cut(normalized, false);
      return cut.length === 1 && cut[0] === normalized;
    },
  };
}
