// The chat service as the evaluations run it: the sample knowledge base and its benefits, a fresh index with local
// embeddings, real PGlite storage in a temporary folder, extractive mode unless `llm` is asked for
// (then the OpenAI-compatible endpoint LLM_BASE_URL/LLM_MODEL/LLM_API_KEY names).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type AnswerThresholds,
  type ChatKnowledge,
  type ChatModel,
  type ChatService,
  createChatKnowledge,
  createChatService,
  createOpenAiChatModel,
  createResilientChatModel,
} from "../../src/agents/index.js";
import { type Catalog, loadBenefits, loadCatalog } from "../../src/catalog/index.js";
import { loadConfig } from "../../src/config.js";
import { buildSearchIndex, LocalEmbeddings, type SearchIndex } from "../../src/retrieval/index.js";
import { createStorage } from "../../src/storage/index.js";

export interface EvalChat {
  catalog: Catalog;
  index: SearchIndex;
  knowledge: ChatKnowledge;
  /** A chat service over its own storage; thresholds override the defaults (sweeps). */
  service(thresholds?: AnswerThresholds): ChatService;
  /** The model's name in `--llm` runs. */
  model?: string;
  close(): Promise<void>;
}

export async function createEvalChat(options: { knowledgeDir: string; llm?: boolean }): Promise<EvalChat> {
  const catalog = await loadCatalog({ directory: options.knowledgeDir });
  const { index } = await buildSearchIndex({ catalog, embeddings: new LocalEmbeddings() });
  // The benefits as the server loads them: the chat's policy matching (「我能领什么补贴」) and its offers
  // after a checklist are part of what is evaluated.
  const benefits = await loadBenefits({ directory: options.knowledgeDir, catalog });
  const knowledge = await createChatKnowledge({
    catalog,
    retriever: index.retriever,
    tokenizer: index.tokenizer,
    chunks: index.chunks,
    benefits,
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-chat-eval-"));
  const storage = await createStorage({ dataDir });
  let chatModel: ChatModel | undefined;
  if (options.llm) {
    const config = loadConfig();
    if (!config.llm) throw new Error("--llm needs LLM_BASE_URL and LLM_MODEL (an OpenAI-compatible endpoint)");
    chatModel = createResilientChatModel(createOpenAiChatModel({ ...config.llm }), { timeoutMs: config.llm.timeoutMs });
  }
  return {
    catalog,
    index,
    knowledge,
    model: chatModel?.name,
    service: (thresholds) => createChatService({ knowledge, storage, chatModel, thresholds }),
    async close() {
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
