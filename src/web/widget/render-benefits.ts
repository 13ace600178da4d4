/// <reference lib="dom" />
// 「您可能还可以享受」 under an answer: each benefit with its decision, what it gives, the reasons
// (each condition and its source clause), what is still to confirm, and a link to where it is claimed.
import { h } from "../shared/dom.js";
import { renderOptions } from "./render-reply.js";
import type { BenefitOffer } from "./types.js";

type Item = BenefitOffer["items"][number];

/** The guide page of the matter (or bundle) that claims a benefit. */
export function claimLink(endpoint: string, claim: Item["claim"]): string | undefined {
  const [kind, id] = claim.matterId ? ["matter", claim.matterId] : claim.bundleId ? ["bundle", claim.bundleId] : [];
  return kind && id ? `${endpoint}/guide/${kind}/${encodeURIComponent(id)}` : undefined;
}

function renderItem(endpoint: string, item: Item): HTMLElement {
  const tags = [
    h("span", { class: `tag ${item.decision}` }, item.decision === "eligible" ? "符合条件" : "可能符合"),
    item.claim.mode === "automatic" ? h("span", { class: "tag automatic" }, "免申即享") : "",
  ];
  const reasons = h("ul");
  for (const reason of item.reasons) reasons.append(h("li", {}, reason));
  const link = claimLink(endpoint, item.claim);
  return h(
    "li",
    { class: "benefit", "data-benefit": item.benefitId },
    h("strong", {}, item.name),
    ...tags,
    h("div", {}, `内容：${item.amount}`),
    item.missing.length > 0 ? h("div", { class: "hint" }, `还需确认：${item.missing.join("、")}`) : "",
    h("details", {}, h("summary", {}, `判断依据（${item.document}）`), reasons),
    h("div", { class: "hint" }, `如何享受：${item.claim.how}`),
    link ? h("a", { href: link, target: "_blank", rel: "noopener" }, "查看办理指南（新窗口）") : "",
  );
}

export function renderBenefits(
  endpoint: string,
  offer: BenefitOffer,
  choose: (label: string, group: HTMLElement) => void,
): HTMLElement {
  const list = h("ul");
  for (const item of offer.items) list.append(renderItem(endpoint, item));
  const section = h(
    "section",
    { class: "benefits", "aria-label": offer.title },
    h("h3", {}, offer.title),
    offer.items.length > 0 ? list : "",
    h("p", { class: "hint" }, "以上为根据您提供的情况作出的初步判断，是否享受以经办部门审核为准。"),
  );
  const question = offer.question;
  if (question && question.options.length > 0)
    section.append(renderOptions(question.text, undefined, question.options, choose));
  return section;
}
