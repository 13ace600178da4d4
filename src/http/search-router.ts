import { createHash } from "node:crypto";
import { type RequestHandler, Router } from "express";
import type { Catalog } from "../catalog/index.js";
import type { Chunk, Retriever } from "../retrieval/index.js";
import { badRequestFromZod } from "./error-handler.js";
import { createSearchQuerySchema, type SearchResponse } from "./schemas.js";

type SearchHitView = SearchResponse["hits"][number];

export interface SearchRouterDependencies {
  catalog: Catalog;
  retriever: Retriever;
  maxK: number;
  /**
   * Answers kept for repeated searches (default 500, about 7 KB each; 0: none). The router is made
   * once per knowledge version, so a reload starts with an empty cache.
   */
  cacheSize?: number;
  /**
   * The knowledge version the answers come from (`versionOf` the index's content hash), part of each
   * answer's ETag, so a client's copy from another version is not taken as current. Default: "".
   */
  knowledgeVersion?: string;
}

/**
 * GET /api/search. A search is deterministic for one knowledge version, and portal traffic repeats
 * the same few questions, so answers are kept serialized (LRU by the parsed query): a repeated search
 * skips the retriever and JSON.stringify, the two largest costs of an HTTP search after the socket
 * writes in the profile (README, Performance over HTTP). `tookMs` is what this request took.
 *
 * The ETag is made from the knowledge version and the answer without `tookMs`, which differs on every
 * request, so a repeated search with If-None-Match is answered 304. It is weak: answers that share it
 * say the same but are not the same bytes.
 */
export function createSearchRouter(dependencies: SearchRouterDependencies): Router {
  return Router().get("/search", createSearchHandler(dependencies));
}

/** Where a hit's passage comes from, in `SearchHit`'s key order (a policy's issuer, number and date too). */
export function hitSource(chunk: Chunk, policies: Catalog["policies"]): SearchHitView["source"] {
  const policy = chunk.policyId ? policies.get(chunk.policyId) : undefined;
  return {
    documentId: chunk.documentId,
    title: chunk.title,
    sectionPath: chunk.sectionPath,
    bundleId: chunk.bundleId,
    matterId: chunk.matterId,
    policyId: chunk.policyId,
    issuer: policy?.issuer,
    number: policy?.number,
    date: policy?.date,
  };
}

/** The handler of GET /api/search, for an app that routes the hot path itself (`createApp`). */
export function createSearchHandler({
  catalog,
  retriever,
  maxK,
  cacheSize = 500,
  knowledgeVersion = "",
}: SearchRouterDependencies): RequestHandler {
  const QuerySchema = createSearchQuerySchema(maxK);
  /** The response body without its closing `,"tookMs":…}`, and its ETag, by the parsed query. */
  const answers = new Map<string, Answer>();
  // What a hit says of its passage (id, kind, title, source) is the same in every answer it is in:
  // it is serialized once per passage, as the JSON of the hit's parts before the snippet and after
  // the signals (keys in `SearchHit`'s order, absent fields left out as JSON.stringify leaves them).
  const fragments = new WeakMap<Chunk, { before: string; after: string }>();
  const fragmentsOf = (chunk: Chunk) => {
    let found = fragments.get(chunk);
    if (!found) {
      const hit: Pick<SearchHitView, "id" | "kind" | "title"> = {
        id: chunk.id,
        kind: chunk.kind,
        title: chunk.title,
      };
      found = {
        before: `${JSON.stringify(hit).slice(0, -1)},"snippet":`,
        after: `,"source":${JSON.stringify(hitSource(chunk, catalog.policies))}}`,
      };
      fragments.set(chunk, found);
    }
    return found;
  };

  return async (request, response) => {
    const parsed = QuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequestFromZod(parsed.error, "q");
    const { q, k, kind, bundleId, matterId, collapse } = parsed.data;
    const started = performance.now();
    const key = JSON.stringify([q, k, kind, bundleId, matterId, collapse]);
    let answer = answers.get(key);
    if (answer === undefined) {
      const result = await retriever.search({ query: q, k, kinds: kind, bundleId, matterId, collapse });
      const hits = result.hits.map(({ chunk, score, snippet, signals }) => {
        const { before, after } = fragmentsOf(chunk);
        return `${before}${JSON.stringify(snippet)},"score":${JSON.stringify(Number(score.toFixed(6)))},"signals":${JSON.stringify(signals)}${after}`;
      });
      const head = `{"query":${JSON.stringify(q)},"expandedTerms":${JSON.stringify(result.expandedTerms)},"corrections":${JSON.stringify(result.corrections)},"hits":[${hits.join(",")}]`;
      answer = { head, etag: answerEtag(knowledgeVersion, head) };
      if (cacheSize > 0) {
        answers.set(key, answer);
        if (answers.size > cacheSize) answers.delete(answers.keys().next().value as string);
      }
    } else {
      // Most recently used last, so the oldest entry is the one dropped.
      answers.delete(key);
      answers.set(key, answer);
    }
    const tookMs = Number((performance.now() - started).toFixed(2));
    // With the ETag set, express does not hash the body, and answers 304 when If-None-Match has it.
    response.setHeader("ETag", answer.etag);
    response.type("application/json").send(`${answer.head},"tookMs":${tookMs}}`);
  };
}

/** A search's response body without its closing `,"tookMs":…}`, and the ETag of that. */
interface Answer {
  head: string;
  etag: string;
}

function answerEtag(knowledgeVersion: string, head: string): string {
  const hash = createHash("sha256").update(knowledgeVersion).update("\n").update(head).digest("base64url");
  return `W/"${hash.slice(0, 27)}"`;
}
