// The widget's types come from the schemas that define the reply (src/agents/chat-reply.ts) and
// the checklist (src/catalog): type-only imports, so nothing of zod reaches the bundle.
export type { BenefitOffer } from "../../agents/benefit-reply.js";
export type { ChatReply } from "../../agents/chat-reply.js";
export type { Checklist, Citation } from "../../catalog/build-checklist.js";
