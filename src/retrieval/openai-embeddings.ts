// The only file in retrieval that imports @langchain/openai.
import { OpenAIEmbeddings } from "@langchain/openai";
import type { Embeddings } from "@langchain/core/embeddings";

export interface OpenAiEmbeddingsOptions {
  /** Base URL of any OpenAI-compatible endpoint (OpenAI, Qwen, DeepSeek, vLLM, Ollama …). */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Request timeout in milliseconds (default 30000). */
  timeoutMs?: number;
}

export function createOpenAiEmbeddings(options: OpenAiEmbeddingsOptions): Embeddings & { identity: string } {
  const embeddings = new OpenAIEmbeddings({
    model: options.model,
    apiKey: options.apiKey ?? "not-needed",
    configuration: { baseURL: options.baseUrl },
    timeout: options.timeoutMs ?? 30_000,
    maxRetries: 2,
    batchSize: 64,
  });
  return Object.assign(embeddings, { identity: `openai:${options.model}@${options.baseUrl}` });
}
