import { describe, expect, it } from "vitest";
import { normalizeText } from "../retrieval/index.js";
import { nameDocument, namingWords } from "./name-document.js";

const titles = new Map(
  [
    ["standard", "国务院关于加快推进政务服务标准化规范化便利化的指导意见"],
    ["efficient", "国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见"],
    ["province", "甘肃省人民政府关于进一步优化政务服务提升行政效能推动“高效办成一件事”的实施意见"],
    ["mechanism", "国务院办公厅关于健全“高效办成一件事”重点事项常态化推进机制的意见"],
    ["commentary", "工业和信息化部办公厅解读《关于健全“高效办成一件事”重点事项常态化推进机制的意见》"],
  ].map(([id, title]) => [id as string, normalizeText(title as string)]),
);
const named = (question: string) => nameDocument(normalizeText(question), titles);

describe("nameDocument", () => {
  it("finds a policy named without its issuer or first words", () => {
    expect(named("政务服务标准化规范化便利化的指导意见里，政务服务中心要设哪些窗口？")).toEqual({
      policyIds: ["standard"],
      span: "政务服务标准化规范化便利化的指导意见",
    });
  });

  it("tells a 指导意见 from a province's 实施意见 of the same words", () => {
    expect(named("国务院那个推动高效办成一件事的指导意见提出了什么")?.policyIds).toEqual(["efficient"]);
    expect(named("推动高效办成一件事的实施意见里怎么说")?.policyIds).toEqual(["province"]);
  });

  it("compares the titles on all the words that name any of them (国务院 … 的意见 is the State Council's)", () => {
    // The province's title holds every word after 国务院; the State Council's holds 国务院 too.
    expect(named("国务院推动“高效办成一件事”的意见里，关联事项集成办要提供哪两种服务")?.policyIds).toEqual([
      "efficient",
    ]);
  });

  it("reads past words that point at a document instead of naming it", () => {
    expect(named("甘肃那个实施意见里12345热线要和哪些热线联动")).toEqual({
      policyIds: ["province"],
      span: "甘肃那个实施意见",
    });
  });

  it("reads past the year a document came out in, which no title holds", () => {
    expect(named("国务院2024年推动高效办成一件事的指导意见，在服务模式创新那部分提了哪几种办法")?.policyIds).toEqual([
      "efficient",
    ]);
    expect(named("国务院2022年那个推进政务服务标准化规范化便利化的指导意见")?.policyIds).toEqual(["standard"]);
  });

  it("takes the document over a commentary whose title quotes it", () => {
    expect(named("健全高效办成一件事常态化推进机制的意见里，要防止哪些形式主义？")?.policyIds).toEqual(["mechanism"]);
  });

  it("names nothing when the words are not a title's", () => {
    expect(named("国家文件里12345热线要打造成什么角色？")).toBeUndefined();
    expect(named("办理营业执照需要什么意见")).toBeUndefined();
  });

  it("leaves out of the subject only the words that do nothing but name the document", () => {
    const question = normalizeText("政务服务标准化规范化便利化的指导意见里，政务服务中心要设哪些窗口？");
    const document = nameDocument(question, titles);
    if (!document) throw new Error("not named");
    expect(
      namingWords(question, document, ["政务", "服务", "标准化", "规范化", "便利化", "指导", "政务服务中心", "窗口"]),
    ).toEqual(["标准化", "规范化", "便利化", "指导"]);
  });
});
