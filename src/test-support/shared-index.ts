import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ChatKnowledge, createChatKnowledge } from "../agents/index.js";
import { type Catalog, loadCatalog } from "../catalog/index.js";
import { ensureSearchIndex, type SearchIndex } from "../retrieval/index.js";

export const KNOWLEDGE_DIR = path.resolve(import.meta.dirname, "../../knowledge");

let cached: Promise<{ catalog: Catalog; index: SearchIndex; dataDir: string }> | undefined;

/** The real sample knowledge base and its index, built once per test file in a temporary data dir. */
export function sharedIndex(): Promise<{ catalog: Catalog; index: SearchIndex; dataDir: string }> {
  cached ??= (async () => {
    const catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
    const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-test-"));
    const { index } = await ensureSearchIndex({ catalog, dataDir });
    return { catalog, index, dataDir };
  })();
  return cached;
}

let knowledge: Promise<ChatKnowledge> | undefined;

/** The chat's knowledge (sentences, the trained intent model) over the shared index, built once per test file. */
export function sharedChatKnowledge(): Promise<ChatKnowledge> {
  knowledge ??= (async () => {
    const { catalog, index } = await sharedIndex();
    return createChatKnowledge({
      catalog,
      retriever: index.retriever,
      tokenizer: index.tokenizer,
      chunks: index.chunks,
    });
  })();
  return knowledge;
}
