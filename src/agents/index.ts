// Agents: intent, routing to bundles and matters, scenario dialogue (情形引导), grounded
// extractive answers and the chat service that ties them to stored sessions.
export * from "./chat-model.js";
export * from "./chat-service.js";
export * from "./check-grounding.js";
export * from "./classify-intent.js";
export * from "./compose-answer.js";
export * from "./route-message.js";
export * from "./scenario-dialogue.js";
export * from "./llm-answer.js";
export * from "./openai-chat-model.js";
export * from "./resilient-chat-model.js";
