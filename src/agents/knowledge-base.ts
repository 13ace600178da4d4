// The knowledge base the service answers from, swappable while it serves: a reload validates the
// knowledge directory at once (a broken change is refused with the loader's report and the old catalog
// keeps serving), builds the index in the background, and swaps catalog, index and chat knowledge in
// one assignment, so each request reads one version from start to end.
import {
  type Benefit,
  type Catalog,
  CatalogError,
  type CatalogIssue,
  loadBenefits,
  loadCatalog,
} from "../catalog/index.js";
import { AppError } from "../errors.js";
import { computeContentHash, ensureSearchIndex, type IndexEmbeddings, type SearchIndex } from "../retrieval/index.js";
import { createChatKnowledge } from "./chat-service.js";
import type { ChatKnowledge } from "./message-view.js";

export interface KnowledgeSnapshot {
  catalog: Catalog;
  index: SearchIndex;
  chat: ChatKnowledge;
  /** knowledge/benefits, checked against this catalog (policy matching and the chat's offers). */
  benefits: Map<string, Benefit>;
  /** Short content hash of the catalog and its index: what answers carry. */
  version: string;
}

export interface KnowledgeVersionRecord {
  /** The full content hash. */
  hash: string;
  version: string;
  /** Who swapped it in: `admin`, `system:start`, … */
  actor: string;
  summary: { bundles: number; matters: number; policies: number; faq: number };
}

export type ReloadResult =
  | { status: "invalid"; issues: CatalogIssue[] }
  | { status: "unchanged"; version: string }
  | { status: "busy"; building: string }
  | { status: "building"; version: string; done: Promise<ReloadOutcome> };

export type ReloadOutcome = { status: "swapped"; version: string } | { status: "failed"; message: string };

/** What following a version another node recorded came to (see `KnowledgeBase.follow`). */
export type FollowResult =
  | { status: "invalid"; issues: CatalogIssue[] }
  /** The directory holds another version: its full content hash. */
  | { status: "not_held"; directory: string }
  | { status: "busy"; building: string }
  | { status: "building"; version: string; done: Promise<ReloadOutcome> };

export interface KnowledgeBaseStatus {
  version: string;
  /** The version being indexed, if a reload is running. */
  building?: string;
  /** Why the last background build failed, if it did (the old version kept serving). */
  lastError?: string;
}

export interface KnowledgeBase {
  current(): KnowledgeSnapshot;
  reload(options: { actor: string }): Promise<ReloadResult>;
  /**
   * Takes the version another node recorded (full content hash `hash`) from the knowledge directory:
   * validated, indexed in the background and swapped as by `reload`, but only when the directory's
   * content hash is `hash`, and not recorded again (it is recorded already).
   */
  follow(hash: string): Promise<FollowResult>;
  status(): KnowledgeBaseStatus;
}

export interface CreateKnowledgeBaseOptions {
  /** The knowledge directory reloads read. */
  directory: string;
  /** Where the index is kept (`<dataDir>/index`). */
  dataDir: string;
  embeddings?: IndexEmbeddings;
  /** What the service started with. */
  initial: { catalog: Catalog; index: SearchIndex; chat: ChatKnowledge; benefits?: Map<string, Benefit> };
  /** Records each version swapped in (storage's knowledge_versions). Default: not recorded. */
  recordVersion?: (record: KnowledgeVersionRecord) => Promise<void>;
  /** Builds the chat knowledge for a new index. Default `createChatKnowledge`. */
  createChat?: typeof createChatKnowledge;
  /**
   * Builds and saves a new catalog's index off the main thread (the service passes
   * `buildSearchIndexInThread`), so the swap only loads it. Default: built on the main thread, which
   * keeps serving between the build's steps but answers more slowly meanwhile.
   */
  buildIndex?: (catalog: Catalog) => Promise<unknown>;
}

export const versionOf = (hash: string) => hash.slice(0, 12);

export function createKnowledgeBase(options: CreateKnowledgeBaseOptions): KnowledgeBase {
  const createChat = options.createChat ?? createChatKnowledge;
  const initialVersion = versionOf(options.initial.index.manifest.contentHash);
  let snapshot: KnowledgeSnapshot = {
    ...options.initial,
    benefits: options.initial.benefits ?? new Map(),
    chat: { ...options.initial.chat, version: initialVersion },
    version: initialVersion,
  };
  let building: string | undefined;
  let lastError: string | undefined;

  async function build(
    catalog: Catalog,
    benefits: Map<string, Benefit>,
    hash: string,
    /** Who to record the version as; undefined: recorded already (followed from another node). */
    actor: string | undefined,
  ): Promise<ReloadOutcome> {
    try {
      await options.buildIndex?.(catalog);
      // Loads what the thread saved; builds here only when there was no thread (or it saved another version).
      const { index } = await ensureSearchIndex({ catalog, dataDir: options.dataDir, embeddings: options.embeddings });
      const version = versionOf(index.manifest.contentHash);
      const chat = await createChat({
        catalog,
        retriever: index.retriever,
        tokenizer: index.tokenizer,
        chunks: index.chunks,
        benefits,
        version,
      });
      // Recorded before it serves: pre-review workers follow the recorded version, so a case this node
      // accepts against the new catalog is never run against the old one. Not recorded, not swapped.
      // A followed version is not recorded again: a late second row could make an older version the
      // newest recorded one for everybody else.
      if (actor !== undefined)
        await options.recordVersion?.({
          hash: index.manifest.contentHash,
          version,
          actor,
          summary: summarizeCatalog(catalog),
        });
      snapshot = { catalog, index, chat, benefits, version };
      lastError = undefined;
      return { status: "swapped", version };
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      return { status: "failed", message: lastError };
    } finally {
      if (building === versionOf(hash)) building = undefined;
    }
  }

  /** Reads and validates the knowledge directory and hashes it as the index does. */
  async function readDirectory(): Promise<
    | { status: "read"; catalog: Catalog; benefits: Map<string, Benefit>; hash: string }
    | {
        status: "invalid";
        issues: CatalogIssue[];
      }
  > {
    try {
      const catalog = await loadCatalog({ directory: options.directory });
      // Benefits name matters and bundles: checked against the new catalog, refused with it.
      const benefits = await loadBenefits({ directory: options.directory, catalog });
      return {
        status: "read",
        catalog,
        benefits,
        hash: computeContentHash(catalog, snapshot.index.manifest.embeddings),
      };
    } catch (error) {
      if (error instanceof CatalogError) return { status: "invalid", issues: error.issues };
      if (error instanceof AppError && error.code === "catalog_invalid")
        return { status: "invalid", issues: [{ file: "", field: "", message: error.message }] };
      throw error;
    }
  }

  function startBuild(
    catalog: Catalog,
    benefits: Map<string, Benefit>,
    hash: string,
    actor: string | undefined,
  ): { status: "busy"; building: string } | { status: "building"; version: string; done: Promise<ReloadOutcome> } {
    // Checked again after the directory was read: two reloads may have validated at once.
    if (building) return { status: "busy", building };
    building = versionOf(hash);
    return { status: "building", version: building, done: build(catalog, benefits, hash, actor) };
  }

  return {
    current: () => snapshot,
    status: () => ({
      version: snapshot.version,
      ...(building ? { building } : {}),
      ...(lastError ? { lastError } : {}),
    }),
    async reload({ actor }) {
      if (building) return { status: "busy", building };
      const read = await readDirectory();
      if (read.status === "invalid") return read;
      const { catalog, benefits, hash } = read;
      const sameBenefits = JSON.stringify([...benefits]) === JSON.stringify([...snapshot.benefits]);
      if (hash === snapshot.index.manifest.contentHash && sameBenefits)
        return { status: "unchanged", version: snapshot.version };
      return startBuild(catalog, benefits, hash, actor);
    },
    async follow(recorded) {
      if (building) return { status: "busy", building };
      const read = await readDirectory();
      if (read.status === "invalid") return read;
      if (read.hash !== recorded) return { status: "not_held", directory: read.hash };
      return startBuild(read.catalog, read.benefits, read.hash, undefined);
    },
  };
}

export function summarizeCatalog(catalog: Catalog): KnowledgeVersionRecord["summary"] {
  return {
    bundles: catalog.bundles.size,
    matters: catalog.matters.size,
    policies: catalog.policies.size,
    faq: catalog.faq.length,
  };
}
