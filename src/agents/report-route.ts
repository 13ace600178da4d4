// The route a reply reports: where the conversation is after the turn, as the widget shows it.
import { bundleDocuments, sameTarget } from "./answer-question.js";
import type { RouteCandidate } from "./chat-reply.js";
import type { DialogueState } from "./dialogue-state.js";
import type { ChatKnowledge, MessageView } from "./message-view.js";
import type { TurnResult } from "./turn-reply.js";

/**
 * The reply's route after a turn that stayed in a conversation (a scenario going on, or a matter of
 * it asked about):
 * - a matter the turn took up because the message names it ("那火化证明呢？" while a death is being
 *   dealt with) comes first, unless the message also names the bundle whose scenario the turn
 *   started ("河北注销公司一件事"): the person is then guided through the bundle;
 * - an answer from the conversation's own documents given while a scenario goes on that reported no
 *   route ("老人生前是领养老金的，……个人账户里的钱还能拿回来吗？") reports the conversation: the bundle's matters the message names, then
 *   the bundle and its matters in the router's order, else the bundle itself. So does a reply that
 *   completes the scenario with its checklist ("换了新卡以后领养老金还要另外弄啥不").
 */
export function reportRoute(
  knowledge: Pick<ChatKnowledge, "catalog" | "sentences">,
  before: DialogueState,
  view: MessageView,
  result: TurnResult,
): TurnResult {
  const { reply, state } = result;
  if (!reply.grounded) return result;
  // A matching that found one benefit, with no route of its own, reports where that benefit is claimed.
  const [found, ...more] = reply.benefits?.items.filter((item) => item.decision === "eligible") ?? [];
  if (!reply.route?.candidates.length && found && more.length === 0)
    return withClaim(knowledge, view, result, found.claim);
  // A first message keeps the router's order: "我爸……走了，……死亡证明找谁开" is guided to the bundle.
  if (before.target === undefined && before.scenario === undefined) return claimedThrough(knowledge, view, result);
  const target = state.target;
  const startedScenario = state.scenario !== undefined && state.scenario.bundleId !== before.scenario?.bundleId;
  const candidates = reply.route?.candidates;
  if (candidates && candidates.length > 0) {
    const guidedThroughBundle = startedScenario && view.mentions.includes(`bundle:${state.scenario?.bundleId}`);
    if (target?.kind !== "matter" || guidedThroughBundle || !view.mentions.includes(`matter:${target.id}`))
      return result;
    const index = candidates.findIndex((candidate) => sameTarget(candidate, target));
    if (index <= 0) return result;
    const first = candidates[index] as RouteCandidate;
    return withCandidates(result, [first, ...candidates.filter((_, at) => at !== index)]);
  }
  // A reply that completes the scenario's checklist reports the bundle the checklist is for.
  const bundleId = state.scenario?.bundleId ?? reply.checklist?.bundleId;
  const bundle = bundleId ? knowledge.catalog.bundles.get(bundleId) : undefined;
  if (!bundle || startedScenario) return result;
  const members = new Set(bundle.matters.map((entry) => entry.matterId));
  // Only an answer from the conversation's own documents (the bundle's and its matters' guides and
  // FAQ) is the conversation's: one quoted from a policy or a benefit reports no route.
  const own = bundleDocuments(knowledge, bundle.id);
  if (!reply.checklist && !reply.answer.citations.some((citation) => own.has(citation.documentId))) return result;
  const inBundle = (candidate: RouteCandidate) =>
    candidate.kind === "bundle" ? candidate.id === bundle.id : members.has(candidate.id);
  const named = (candidate: RouteCandidate) =>
    candidate.kind === "matter" && view.mentions.includes(`matter:${candidate.id}`);
  const ranked = view.route.candidates.filter(inBundle);
  const ordered = [...ranked.filter(named), ...ranked.filter((candidate) => !named(candidate))];
  return withCandidates(
    result,
    ordered.length > 0 ? ordered : [{ kind: "bundle", id: bundle.id, name: bundle.name, confidence: 0 }],
  );
}

/**
 * A first message the router is not sure of, answered from one benefit alone ("国家发的那个育儿补贴一年给多少钱"),
 * reports where the benefit is claimed: its matter, then its bundle (the router's guess from the message's
 * other words, a drainage permit, is not where the person goes).
 */
function claimedThrough(knowledge: Pick<ChatKnowledge, "catalog">, view: MessageView, result: TurnResult): TurnResult {
  const documents = new Set(result.reply.answer.citations.map((citation) => citation.documentId));
  const [only] = documents;
  if (view.route.decision === "confident" || documents.size !== 1 || !only?.startsWith("benefit:")) return result;
  return withClaim(knowledge, view, result, knowledge.catalog.benefits?.get(only.slice("benefit:".length))?.claim);
}

/** The reply routed to where a benefit is claimed: its matter, then its bundle, when it names them. */
function withClaim(
  knowledge: Pick<ChatKnowledge, "catalog">,
  view: MessageView,
  result: TurnResult,
  claim: { matterId?: string; bundleId?: string } | undefined,
): TurnResult {
  const matter = claim?.matterId ? knowledge.catalog.matters.get(claim.matterId) : undefined;
  const bundle = claim?.bundleId ? knowledge.catalog.bundles.get(claim.bundleId) : undefined;
  const claimed: RouteCandidate[] = [
    ...(matter ? [{ kind: "matter" as const, id: matter.id, name: matter.name }] : []),
    ...(bundle ? [{ kind: "bundle" as const, id: bundle.id, name: bundle.name }] : []),
  ].map((candidate) => ({
    ...candidate,
    confidence: view.route.candidates.find((ranked) => sameTarget(ranked, candidate))?.confidence ?? 0,
  }));
  return claimed.length > 0 ? withCandidates(result, claimed) : result;
}

function withCandidates(result: TurnResult, candidates: RouteCandidate[]): TurnResult {
  return { ...result, reply: { ...result.reply, route: { candidates } } };
}
