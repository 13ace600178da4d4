import { describe, expect, it } from "vitest";
import { countFeatures, FEATURE_SPACE_SIZE, LocalEmbeddings, passageFeatures } from "./local-embeddings.js";
import { normalizeText } from "./normalize-text.js";

const corpus = [
  "新生儿出生一件事：出生医学证明、户口登记、社会保障卡申领",
  "开办餐饮店一件事：营业执照、食品经营许可、消防安全检查",
  "退休一件事：养老保险待遇资格确认、基本养老金核定发放",
  "经营主体注销登记：企业注销、税务注销、社会保险登记注销",
];

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
}

describe("LocalEmbeddings", () => {
  const embeddings = new LocalEmbeddings({ dimensions: 128 });
  embeddings.fit(corpus);

  it("returns unit vectors of the configured dimension, deterministically", async () => {
    const [vector] = await embeddings.embedDocuments([corpus[0] as string]);
    expect(vector).toHaveLength(128);
    expect(cosine(vector as number[], vector as number[])).toBeCloseTo(1, 6);
    expect(await embeddings.embedQuery(corpus[0] as string)).toEqual(vector);
  });

  it("puts a question closer to the passage it is about", async () => {
    const query = await embeddings.embedQuery("开个饭店要办食品经营许可吗");
    const vectors = await embeddings.embedDocuments(corpus);
    const similarities = vectors.map((vector) => cosine(query, vector));
    expect(similarities.indexOf(Math.max(...similarities))).toBe(1);
  });

  it("tolerates a typo in a term", async () => {
    const query = await embeddings.embedQuery("社报卡申领");
    const vectors = await embeddings.embedDocuments(corpus);
    const similarities = vectors.map((vector) => cosine(query, vector));
    expect(similarities.indexOf(Math.max(...similarities))).toBe(0);
  });

  it("embeds traditional text like its simplified form", async () => {
    expect(await embeddings.embedQuery("營業執照")).toEqual(await embeddings.embedQuery("营业执照"));
  });

  it("survives a snapshot round trip", async () => {
    const restored = LocalEmbeddings.fromSnapshot(JSON.parse(JSON.stringify(embeddings.toSnapshot())));
    expect(await restored.embedQuery("退休")).toEqual(await embeddings.embedQuery("退休"));
    expect(restored.identity).toBe(embeddings.identity);
  });

  it("fits and embeds alike from features counted and weighed piece by piece", async () => {
    const frequencies = new Uint32Array(FEATURE_SPACE_SIZE);
    for (const text of corpus) countFeatures(frequencies, passageFeatures(normalizeText(text)));
    const pieced = new LocalEmbeddings({ dimensions: 128 });
    pieced.setDocumentFrequencies(corpus.length, frequencies);
    expect(pieced.toSnapshot()).toEqual(embeddings.toSnapshot());
    const text = normalizeText("開辦餐飲店 food 2024年");
    const target = new Float32Array(128 + 3);
    pieced.embedFeaturesInto(passageFeatures(text), target, 3);
    expect(Array.from(target.subarray(3))).toEqual((await embeddings.embedQuery(text)).map(Math.fround));
  });

  it("counts each feature once per text, the first occurrence's kind kept", () => {
    const features = passageFeatures("社保社保 ab ab");
    // 社, 保, 社保, 保社, 社保社, 保社保, w:ab: 社 and 保 twice, 社保 twice, ab twice.
    expect(features.buckets).toHaveLength(7);
    expect(Array.from(features.counts).sort()).toEqual([1, 1, 1, 2, 2, 2, 2]);
    expect(Array.from(features.unigram).filter(Boolean)).toHaveLength(2);
  });
});
