// Agents: the guidance chat. Question analysis, a learnt intent model with deterministic safety
// rules, routing to bundles and matters, scenario dialogue (情形引导), sentence-level grounded
// answers, the pure turn function and the chat service that stores around it; the optional model.
export * from "./analyze-question.js";
export * from "./answer-question.js";
export { OFFER_FRAME } from "./benefit-turn.js";
export * from "./chat-model.js";
export * from "./chat-reply.js";
export * from "./chat-service.js";
export * from "./check-grounding.js";
export * from "./decide-intent.js";
export * from "./dialogue-state.js";
export * from "./extract-answer.js";
export * from "./intent-classifier.js";
export * from "./llm-answer.js";
export * from "./load-intent-classifier.js";
export * from "./message-view.js";
export * from "./openai-chat-model.js";
export * from "./resilient-chat-model.js";
export * from "./route-message.js";
export * from "./run-turn.js";
export * from "./safety-rules.js";
export * from "./scenario-dialogue.js";
export * from "./scenario-turn.js";
export * from "./turn-reply.js";
export * from "./follow-knowledge-versions.js";
export * from "./knowledge-base.js";
export * from "./watch-knowledge.js";
