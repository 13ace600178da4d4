import { describe, expect, it } from "vitest";
import type { Policy } from "../catalog/index.js";
import { chunkPolicy } from "./chunk-policy.js";

function policy(text: string): Policy {
  return {
    sample: true,
    id: "test-policy",
    title: "测试文件",
    issuer: "测试机关",
    number: "测发〔2024〕1号",
    date: "2024-01",
    script: "simplified",
    kind: "regulation",
    origin: "test.txt",
    aliases: [],
    text,
  };
}

const TEXT = [
  "测试机关关于测试的意见",
  "测发〔2024〕1号",
  "各单位：",
  "一、总体要求",
  "坚持以人民为中心。",
  "二、重点任务",
  "（一）推进关联事项集成办。从企业和群众视角出发，",
  "将多个相关事项整合为一件事。",
  "[bookmark: _GoBack]（二）推进容缺事项承诺办。对非关键材料实行容缺受理。",
  "第三条 本办法自发布之日起施行。",
].join("\n");

describe("chunkPolicy", () => {
  const chunks = chunkPolicy(policy(TEXT));

  it("carries the heading path of each passage", () => {
    const first = chunks.find((chunk) => chunk.text.startsWith("（一）"));
    expect(first?.sectionPath).toEqual(["二、重点任务", "（一）推进关联事项集成办"]);
    expect(chunks.find((chunk) => chunk.text === "坚持以人民为中心。")?.sectionPath).toEqual(["一、总体要求"]);
  });

  it("joins lines broken inside a sentence", () => {
    expect(chunks.map((chunk) => chunk.text)).toContain(
      "（一）推进关联事项集成办。从企业和群众视角出发，将多个相关事项整合为一件事。",
    );
  });

  it("drops editing markers such as [bookmark: _GoBack]", () => {
    expect(chunks.some((chunk) => chunk.text.includes("bookmark"))).toBe(false);
    expect(chunks.some((chunk) => chunk.text.startsWith("（二）推进容缺事项承诺办"))).toBe(true);
  });

  it("gives stable, unique, structure-based ids", () => {
    const ids = chunks.map((chunk) => chunk.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("policy:test-policy#2.1.0.p1");
    expect(chunkPolicy(policy(TEXT)).map((chunk) => chunk.id)).toEqual(ids);
  });

  it("options.maxChars bounds passages, splitting at sentence ends", () => {
    const long = `一、总则\n${"这是一句用于测试长度的完整句子。".repeat(40)}`;
    const pieces = chunkPolicy(policy(long), { maxChars: 100 });
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(100);
      expect(piece.text.endsWith("。")).toBe(true);
    }
  });
});
