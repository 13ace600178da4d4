// Retrieval: Chinese text normalisation and tokenising, chunking, BM25 + dense vectors + lexicon
// expansion fused by rank, and the persisted index. Never imports express.
export * from "./bm25-index.js";
export * from "./chunk.js";
export * from "./chunk-catalog.js";
export * from "./chunk-policy.js";
export * from "./hnsw-vector-store.js";
export * from "./hybrid-retriever.js";
export * from "./local-embeddings.js";
export * from "./normalize-text.js";
export * from "./openai-embeddings.js";
export * from "./query-expander.js";
export * from "./search-index.js";
export * from "./ensure-search-index.js";
export * from "./tokenizer.js";
export * from "./sentence-index.js";
export * from "./create-slicer.js";
export * from "./build-search-index-in-thread.js";
