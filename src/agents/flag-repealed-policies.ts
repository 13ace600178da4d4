// A reply that cites a repealed policy says so: the citation's title carries 已废止 with the date, and
// the answer opens with a notice, so a repealed text is never presented as in force. A policy not yet
// in effect is marked likewise. Pure: the day comes from the caller.
import { type Benefit, type Policy, policyStatus } from "../catalog/index.js";
import { toTraditionalChinese } from "../retrieval/index.js";
import type { DraftReply } from "./chat-reply.js";

export type PolicyDates = Pick<Policy, "title" | "effective" | "repealed">;
export type BenefitDates = Pick<Benefit, "name" | "effective">;

/**
 * Policies by id; benefits (knowledge/benefits, cited as `benefit:<id>`) by id too: one whose period
 * has ended, or not yet begun, is marked the same way ("执行期已于2027-12-31结束").
 */
export function flagRepealedPolicies(
  reply: DraftReply,
  policies: ReadonlyMap<string, PolicyDates> | undefined,
  day: string,
  benefits?: ReadonlyMap<string, BenefitDates>,
): DraftReply {
  if ((!policies && !benefits) || reply.answer.citations.length === 0) return reply;
  const notices: string[] = [];
  const script = (text: string) => (reply.script === "traditional" ? toTraditionalChinese(text) : text);
  const citations = reply.answer.citations.map((citation) => {
    const flag = (mark: string, notice: string) => {
      if (!notices.includes(notice)) notices.push(notice);
      return { ...citation, title: `${citation.title}（${script(mark)}）` };
    };
    if (citation.documentId.startsWith("benefit:")) {
      const benefit = benefits?.get(citation.documentId.slice("benefit:".length));
      const { from, to } = benefit?.effective ?? {};
      if (!benefit) return citation;
      if (to !== undefined && day > to)
        return flag(
          `执行期已于${to}结束`,
          `提示：《${benefit.name}》的执行期已于${to}结束，以下内容仅供了解，请以现行政策为准。`,
        );
      if (from !== undefined && day < from)
        return flag(`自${from}起执行`, `提示：《${benefit.name}》自${from}起执行，目前尚未开始。`);
      return citation;
    }
    if (!policies || !citation.documentId.startsWith("policy:")) return citation;
    const policy = policies.get(citation.documentId.slice("policy:".length));
    if (!policy) return citation;
    const status = policyStatus(policy, day);
    if (status === "in_force") return citation;
    return status === "repealed"
      ? flag(
          `已于${policy.repealed}废止`,
          `提示：《${policy.title}》已于${policy.repealed}废止，以下引用的规定不再有效，仅供了解。`,
        )
      : flag(`自${policy.effective}起施行`, `提示：《${policy.title}》自${policy.effective}起施行，目前尚未生效。`);
  });
  if (notices.length === 0) return reply;
  return {
    ...reply,
    answer: { ...reply.answer, citations, text: `${script(notices.join(""))}\n${reply.answer.text}` },
  };
}
