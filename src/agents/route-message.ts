import type { Catalog } from "../catalog/index.js";
import type { Retriever, SearchHit, Tokenizer } from "../retrieval/index.js";
import { normalizeText } from "../retrieval/index.js";
import { coverage } from "./question-coverage.js";

import type { RouteCandidate } from "./chat-reply.js";

export interface RouteResult {
  candidates: RouteCandidate[];
  /** `confident`: name the top one; `unsure`: ask which of the candidates; `none`: say so, offer search and handoff. */
  decision: "confident" | "unsure" | "none";
}

export interface RouteMessageOptions {
  retriever: Retriever;
  catalog: Pick<Catalog, "bundles" | "matters">;
  message: string;
  /** Confidence to name a candidate without asking (default 0.7). */
  confidentAt?: number;
  /** With it, a top candidate the message does not name and whose guide shares little of it is no match. */
  tokenizer?: Tokenizer;
  /** For a question about one matter: a matter the message names stays first (default false). */
  preferNamedMatter?: boolean;
  /**
   * The message's subject words (question analysis), for telling a passing word from a subject;
   * without them, any bundle and its matters at the top agree.
   */
  subjectWords?: readonly string[];
  /** Below this, no candidate is offered as an answer (default 0.35). */
  noneBelow?: number;
  /**
   * The message tells outright the life event of a bundle that `outranks` others (a death: 「我爸上礼拜走了」, not
   * 「身份证没了」): only then does that bundle lead the ones it outranks. Default false.
   */
  eventTold?: boolean;
}

// A question about everything to do for a life event wants the bundle, not one of its matters.
const WANTS_EVERYTHING = /(哪些|什么手续|啥手续|都要|一起|一次|全部|所有|要办什么|要办啥|要跑|流程|怎么办)/u;

/**
 * Ranks bundles and matters for a message. Confidence is a fixed, monotone function of what the
 * retrieval saw: named directly (entity signal) or not, agreement of the lexical and dense
 * signals, and the margin to the runner-up. Its thresholds are checked by the dialogue evaluation.
 */
export async function routeMessage(options: RouteMessageOptions): Promise<RouteResult> {
  const { retriever, catalog, message } = options;
  const confidentAt = options.confidentAt ?? 0.7;
  const noneBelow = options.noneBelow ?? 0.35;
  const { hits } = await retriever.search({ query: message, k: 6, kinds: ["bundle", "matter"] });
  if (hits.length === 0) return { candidates: [], decision: "none" };

  const top = hits[0] as SearchHit;
  const scored = hits.map((hit) => ({ hit, confidence: confidenceOf(hit, top, hits[1]) }));
  // Prefer the bundle when the person asks for everything and the bundle is close behind a matter of it.
  if (top.chunk.kind === "matter" && WANTS_EVERYTHING.test(message)) {
    const bundleIndex = scored.findIndex(
      ({ hit }) =>
        hit.chunk.kind === "bundle" &&
        catalog.bundles.get(hit.chunk.bundleId ?? "")?.matters.some((entry) => entry.matterId === top.chunk.matterId),
    );
    if (bundleIndex > 0 && bundleIndex <= 2) {
      const [bundle] = scored.splice(bundleIndex, 1);
      if (bundle)
        scored.unshift({ hit: bundle.hit, confidence: Math.max(bundle.confidence, scored[0]?.confidence ?? 0) });
    }
  }
  // Agreement: when a bundle and its own matters fill the top, the person is describing that life
  // event; the bundle leads, and each member that agrees adds confidence.
  const top4 = scored.slice(0, 4);
  // A group found through one passing word of the message (「购房补贴」 meets two disability
  // subsidies on 补贴) describes no life event: agreement needs the event named, or two of the
  // message's words in the group's guides.
  const content = options.subjectWords?.filter((word) => word.length >= 2);
  const agrees = (group: SearchHit[]) => {
    if (!content || group.some((hit) => hit.signals.includes("entity"))) return true;
    const texts = group.map((hit) => normalizeText(chunkText(hit)));
    return content.filter((word) => texts.some((text) => text.includes(word))).length >= 2;
  };
  let bestGroup: { index: number; members: number; confidence: number } | undefined;
  top4.forEach(({ hit, confidence }, index) => {
    if (hit.chunk.kind !== "bundle") return;
    const bundle = catalog.bundles.get(hit.chunk.bundleId ?? "");
    const memberIds = new Set(bundle?.matters.map((entry) => entry.matterId));
    const members = top4.filter(
      ({ hit: other }) => other.chunk.kind === "matter" && memberIds.has(other.chunk.matterId ?? ""),
    );
    const groupConfidence = Math.max(confidence, ...members.map((member) => member.confidence));
    if (!agrees([hit, ...members.map((member) => member.hit)])) return;
    if (members.length > 0 && (!bestGroup || members.length > bestGroup.members))
      bestGroup = { index, members: members.length, confidence: groupConfidence };
  });
  // A matter the message names outright stays first, unless the person asks for everything.
  const namedMatterFirst =
    options.preferNamedMatter === true &&
    top.chunk.kind === "matter" &&
    top.signals.includes("entity") &&
    !WANTS_EVERYTHING.test(message);
  if (bestGroup && !namedMatterFirst && (bestGroup.index === 0 || bestGroup.members >= 2)) {
    const [group] = scored.splice(bestGroup.index, 1);
    if (group)
      scored.unshift({ hit: group.hit, confidence: Math.min(0.95, bestGroup.confidence + 0.15 * bestGroup.members) });
  }
  // A bundle the message names whose life event takes in another's found before it (the after-death bundle
  // named by 「走了」 beside 退休 and 养老金, which tell what the deceased was) leads that bundle and its matters.
  if (options.eventTold === true)
    for (const [index, { hit, confidence }] of scored.entries()) {
      if (hit.chunk.kind !== "bundle" || !hit.signals.includes("entity")) continue;
      const passed = outranked(catalog, hit, scored);
      if (passed.length === 0) continue;
      const at = Math.min(...passed);
      scored.splice(index, 1);
      scored.splice(at, 0, { hit, confidence: Math.max(confidence, scored[at]?.confidence ?? 0) });
      break;
    }
  const candidates: RouteCandidate[] = scored.slice(0, 4).map(({ hit, confidence }) => {
    const kind = hit.chunk.kind === "bundle" ? "bundle" : "matter";
    const id = (kind === "bundle" ? hit.chunk.bundleId : hit.chunk.matterId) ?? "";
    const name =
      kind === "bundle"
        ? (catalog.bundles.get(id)?.name ?? hit.chunk.title)
        : (catalog.matters.get(id)?.name ?? hit.chunk.title);
    return { id, kind, name, confidence: Number(confidence.toFixed(2)) };
  });
  const best = candidates[0]?.confidence ?? 0;
  let decision: RouteResult["decision"] = best >= confidentAt ? "confident" : best >= noneBelow ? "unsure" : "none";
  // Nothing named and nothing much in common (护照 asked of a catalog without it): no match.
  const lead = scored[0]?.hit;
  if (decision === "unsure" && options.tokenizer && lead && !lead.signals.includes("entity")) {
    const covers = coverage(options.tokenizer, message);
    if (!scored.slice(0, 4).some(({ hit }) => covers(chunkText(hit)))) decision = "none";
  }
  return { candidates, decision };
}

/** Where in `scored`, before `hit`, the bundles it outranks (or their matters) are. */
function outranked(
  catalog: RouteMessageOptions["catalog"],
  hit: SearchHit,
  scored: readonly { hit: SearchHit }[],
): number[] {
  const others = catalog.bundles.get(hit.chunk.bundleId ?? "")?.outranks ?? [];
  if (others.length === 0) return [];
  const matters = new Set(
    others.flatMap((id) => catalog.bundles.get(id)?.matters.map((entry) => entry.matterId) ?? []),
  );
  const own = new Set(catalog.bundles.get(hit.chunk.bundleId ?? "")?.matters.map((entry) => entry.matterId));
  const positions: number[] = [];
  for (const [index, { hit: other }] of scored.entries()) {
    if (other === hit) break;
    const isOther =
      other.chunk.kind === "bundle"
        ? others.includes(other.chunk.bundleId ?? "")
        : matters.has(other.chunk.matterId ?? "") && !own.has(other.chunk.matterId ?? "");
    if (isOther) positions.push(index);
  }
  return positions;
}

function confidenceOf(hit: SearchHit, top: SearchHit, second: SearchHit | undefined): number {
  let confidence = 0.2;
  if (hit.signals.includes("entity")) confidence += 0.45;
  if (hit.signals.includes("lexical")) confidence += 0.15;
  if (hit.signals.includes("dense")) confidence += 0.05;
  if (hit === top && second) {
    const margin = (top.score - second.score) / top.score;
    confidence += Math.min(0.15, margin);
  } else if (hit !== top) {
    confidence *= hit.score / top.score;
  }
  return Math.min(0.99, confidence);
}

const chunkText = (hit: SearchHit) => `${hit.chunk.title}\n${hit.chunk.context}\n${hit.chunk.text}`;
