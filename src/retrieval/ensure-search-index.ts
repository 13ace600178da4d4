// Keeping the catalog's saved index current: load it when it matches the knowledge, else build it
// (search-index.ts) and save it (search-index-files.ts) without ever leaving a half-written index.
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Catalog } from "../catalog/index.js";
import { AppError } from "../errors.js";
import { LocalEmbeddings } from "./local-embeddings.js";
import {
  type BuildProgress,
  type BuiltIndex,
  buildSearchIndex,
  catalogWords,
  computeContentHash,
  createCatalogRetriever,
  type IndexEmbeddings,
  type SearchIndex,
} from "./search-index.js";
import { type IndexManifest, readManifest, readSearchIndexFiles, writeSearchIndexFiles } from "./search-index-files.js";
import { createTokenizer, type Tokenizer } from "./tokenizer.js";

export interface EnsureSearchIndexOptions {
  catalog: Catalog;
  /** Where the index lives (`<dataDir>/index`). */
  dataDir: string;
  /** Embeddings for the dense signal (default: local n-gram embeddings). */
  embeddings?: IndexEmbeddings;
  /** Rebuild even when the stored index is current. */
  force?: boolean;
  /** Build threads (`BuildSearchIndexOptions.threads`; default one per core from 20,000 passages). */
  threads?: number;
  onProgress?: (progress: BuildProgress) => void;
}

export interface EnsureSearchIndexResult {
  index: SearchIndex;
  rebuilt: boolean;
  reason: "missing" | "stale" | "forced" | "current";
}

/**
 * Loads the index from `<dataDir>/index` when it matches the knowledge content, else builds
 * and saves it. A build writes to a temporary folder and renames it, so a crash never leaves
 * a half-written index behind.
 */
export async function ensureSearchIndex(options: EnsureSearchIndexOptions): Promise<EnsureSearchIndexResult> {
  const embeddings = options.embeddings ?? new LocalEmbeddings();
  const directory = path.join(options.dataDir, "index");
  const contentHash = computeContentHash(options.catalog, embeddings.identity);
  const tokenizer = createTokenizer({ customWords: catalogWords(options.catalog) });
  let reason: EnsureSearchIndexResult["reason"] = options.force ? "forced" : "missing";

  if (!options.force) {
    const manifest = await readManifest(directory);
    if (manifest && manifest.contentHash === contentHash) {
      const index = await loadSearchIndex(directory, manifest, options.catalog, tokenizer, embeddings);
      return { index, rebuilt: false, reason: "current" };
    }
    if (manifest) reason = "stale";
  }

  // The build's HNSW graphs are saved straight into the folder the index is then written from,
  // so a large index's graphs are written once; a failed build leaves nothing behind.
  const temporary = `${directory}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(temporary, { recursive: true });
  let built: BuiltIndex;
  try {
    built = await buildSearchIndex({
      catalog: options.catalog,
      embeddings,
      tokenizer,
      onProgress: options.onProgress,
      threads: options.threads,
      graphDirectory: temporary,
    });
    built.manifest.contentHash = contentHash;
    options.onProgress?.({ stage: "save", done: 0, total: 1 });
    await writeSearchIndexFiles(temporary, built);
    await rm(directory, { recursive: true, force: true });
    await rename(temporary, directory);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  options.onProgress?.({ stage: "save", done: 1, total: 1 });
  return { index: built.index, rebuilt: true, reason };
}

async function loadSearchIndex(
  directory: string,
  manifest: IndexManifest,
  catalog: Catalog,
  tokenizer: Tokenizer,
  configured: IndexEmbeddings,
): Promise<SearchIndex> {
  try {
    const { chunks, lexical, vectors, embeddings } = await readSearchIndexFiles(directory, manifest, configured);
    const retriever = createCatalogRetriever({ catalog, chunks, lexical, vectors, embeddings, tokenizer });
    return { manifest, chunks, retriever, tokenizer };
  } catch (error) {
    throw new AppError(
      "index_unavailable",
      `stored index in ${directory} is unreadable; delete it or run npm run index`,
      {
        cause: error,
      },
    );
  }
}
