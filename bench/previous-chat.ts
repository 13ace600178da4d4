// The chat service of another checkout (a previous release), loaded from its own sources with its
// own catalog, index and storage, so both are measured in one run on one machine. The checkout
// needs its node_modules (a symlink to this one's works when the dependencies match).
import path from "node:path";
import type { BenchedChat } from "./chat-bench.js";

interface PreviousModules {
  agents: {
    createChatService(options: Record<string, unknown>): BenchedChat & { reply: BenchedChat["reply"] };
    /** Releases since the answer-path redesign take the knowledge as one object. */
    createChatKnowledge?(options: Record<string, unknown>): Promise<unknown>;
  };
  catalog: { loadCatalog(options: { directory: string }): Promise<unknown> };
  retrieval: {
    buildSearchIndex(
      options: Record<string, unknown>,
    ): Promise<{ index: { retriever: unknown; tokenizer: unknown; chunks: unknown } }>;
    LocalEmbeddings: new () => unknown;
  };
  storage: { createStorage(options: { dataDir: string }): Promise<{ close(): Promise<void> }> };
}

export async function previousChat(
  checkout: string,
  storageDir: string,
): Promise<{ chat: BenchedChat; close(): Promise<void> }> {
  const load = (module: string) => import(path.join(checkout, "src", module, "index.ts"));
  const modules: PreviousModules = {
    agents: await load("agents"),
    catalog: await load("catalog"),
    retrieval: await load("retrieval"),
    storage: await load("storage"),
  };
  const catalog = await modules.catalog.loadCatalog({ directory: path.join(checkout, "knowledge") });
  const { index } = await modules.retrieval.buildSearchIndex({
    catalog,
    embeddings: new modules.retrieval.LocalEmbeddings(),
  });
  const storage = await modules.storage.createStorage({ dataDir: storageDir });
  const parts = { catalog, retriever: index.retriever, tokenizer: index.tokenizer, chunks: index.chunks };
  const service = modules.agents.createChatKnowledge
    ? modules.agents.createChatService({ knowledge: await modules.agents.createChatKnowledge(parts), storage })
    : modules.agents.createChatService({ ...parts, storage });
  return {
    chat: { name: `previous release (${path.basename(checkout)})`, reply: (input) => service.reply(input) },
    close: () => storage.close(),
  };
}
