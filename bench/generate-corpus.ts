import type { Chunk } from "../src/retrieval/index.js";

/** Small deterministic PRNG (mulberry32) so every run benchmarks the same corpus. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = [
  "兰州市",
  "天水市",
  "白银市",
  "酒泉市",
  "张掖市",
  "武威市",
  "定西市",
  "陇南市",
  "平凉市",
  "庆阳市",
  "嘉峪关市",
  "金昌市",
  "临夏州",
  "甘南州",
  "城关区",
  "七里河区",
  "西固区",
  "安宁区",
  "红古区",
  "榆中县",
];

export interface GenerateCorpusOptions {
  /** Number of passages (default 100000). */
  size?: number;
  seed?: number;
}

/**
 * A large corpus with the vocabulary and shape of the real one: each passage mixes 2–5 sentences
 * drawn from real passages with a place name and a number, as a province-wide catalog of many
 * localised guides would look. Document ids are synthetic, so no generated passage is "right".
 */
export function generateCorpus(source: Chunk[], options: GenerateCorpusOptions = {}): Chunk[] {
  const size = options.size ?? 100_000;
  const random = createRandom(options.seed ?? 7);
  const sentences = source.flatMap((chunk) => chunk.text.split(/(?<=[。；\n])/u).filter((s) => s.trim().length >= 6));
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
  const chunks: Chunk[] = [];
  for (let i = 0; i < size; i++) {
    const model = pick(source);
    const count = 2 + Math.floor(random() * 4);
    const text = `${pick(PLACES)}${Array.from({ length: count }, () => pick(sentences)).join("")}（第${i}号）`;
    const documentId = `${model.kind}:generated-${Math.floor(i / 8)}`;
    chunks.push({
      ...model,
      id: `${documentId}#${i % 8}`,
      documentId,
      title: `${pick(PLACES)}${model.title}`,
      text,
      bundleId: undefined,
      matterId: undefined,
      policyId: model.kind === "policy" ? `generated-${Math.floor(i / 8)}` : undefined,
    });
  }
  return chunks;
}
