// A reply that cites a repealed policy says so: the citation's title carries 已废止 with the date, and
// the answer opens with a notice, so a repealed text is never presented as in force. A policy not yet
// in effect is marked likewise. Pure: the day comes from the caller.
import { type Policy, policyStatus } from "../catalog/index.js";
import { toTraditionalChinese } from "../retrieval/index.js";
import type { DraftReply } from "./chat-reply.js";

export type PolicyDates = Pick<Policy, "title" | "effective" | "repealed">;

export function flagRepealedPolicies(
  reply: DraftReply,
  policies: ReadonlyMap<string, PolicyDates> | undefined,
  day: string,
): DraftReply {
  if (!policies || reply.answer.citations.length === 0) return reply;
  const notices: string[] = [];
  const script = (text: string) => (reply.script === "traditional" ? toTraditionalChinese(text) : text);
  const citations = reply.answer.citations.map((citation) => {
    if (!citation.documentId.startsWith("policy:")) return citation;
    const policy = policies.get(citation.documentId.slice("policy:".length));
    if (!policy) return citation;
    const status = policyStatus(policy, day);
    if (status === "in_force") return citation;
    const mark = status === "repealed" ? `已于${policy.repealed}废止` : `自${policy.effective}起施行`;
    const notice =
      status === "repealed"
        ? `提示：《${policy.title}》已于${policy.repealed}废止，以下引用的规定不再有效，仅供了解。`
        : `提示：《${policy.title}》自${policy.effective}起施行，目前尚未生效。`;
    if (!notices.includes(notice)) notices.push(notice);
    return { ...citation, title: `${citation.title}（${script(mark)}）` };
  });
  if (notices.length === 0) return reply;
  return {
    ...reply,
    answer: { ...reply.answer, citations, text: `${script(notices.join(""))}\n${reply.answer.text}` },
  };
}
