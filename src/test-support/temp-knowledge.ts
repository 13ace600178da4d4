import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ChatKnowledge, createChatKnowledge } from "../agents/index.js";
import { type Catalog, loadCatalog } from "../catalog/index.js";
import { ensureSearchIndex, type SearchIndex } from "../retrieval/index.js";
import { createStorage, type Storage } from "../storage/index.js";
import { KNOWLEDGE_DIR } from "./shared-index.js";

export interface TempKnowledge {
  /** The temporary folder holding `knowledge/` and `data/`; remove it after the tests. */
  work: string;
  knowledge: string;
  dataDir: string;
  catalog: Catalog;
  index: SearchIndex;
  chat: ChatKnowledge;
  storage: Storage;
}

/**
 * A copy of the sample knowledge base a test may change, with its index, chat knowledge and storage.
 * `prepare` edits the copy before it is loaded (an import, a broken file, …).
 */
export async function createTempKnowledge(
  prefix: string,
  prepare?: (knowledge: string) => Promise<void>,
): Promise<TempKnowledge> {
  const work = await mkdtemp(path.join(tmpdir(), `banshi-${prefix}-`));
  const knowledge = path.join(work, "knowledge");
  await cp(KNOWLEDGE_DIR, knowledge, { recursive: true });
  await prepare?.(knowledge);
  const dataDir = path.join(work, "data");
  const catalog = await loadCatalog({ directory: knowledge });
  const { index } = await ensureSearchIndex({ catalog, dataDir });
  const chat = await createChatKnowledge({
    catalog,
    retriever: index.retriever,
    tokenizer: index.tokenizer,
    chunks: index.chunks,
  });
  const storage = await createStorage({ dataDir });
  return { work, knowledge, dataDir, catalog, index, chat, storage };
}
