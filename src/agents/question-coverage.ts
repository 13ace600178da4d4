import { normalizeText, type Tokenizer } from "../retrieval/index.js";

// Words about how to do something rather than what: they say nothing about the subject.
/** Words that say what kind of thing is asked, not what about. */
export const SERVICE_WORDS = new Set(
  "材料 资料 证件 带什么 要带什么 带啥 要带啥 准备 准备什么 办理 申请 手续 多久 时间 几天 多少天 在哪 哪里 在哪里 在哪办 地点 费用 收费 多少钱 流程 步骤 条件 需要 能否 可以 怎么 如何 怎样 怎么办 要求 规定".split(
    " ",
  ),
);

/**
 * Whether a text shares most (60%) of what the question is about; a question about something the
 * knowledge base does not cover (护照, 年检) shares only generic words with any passage.
 */
export function coverage(tokenizer: Tokenizer, message: string): (text: string) => boolean {
  const content = [...new Set(tokenizer.tokenize(message))].filter(
    (token) => token.length >= 2 && !SERVICE_WORDS.has(token),
  );
  return (text) => {
    if (content.length === 0) return false;
    const normalized = normalizeText(text);
    return content.filter((token) => normalized.includes(token)).length / content.length >= 0.6;
  };
}
