import { describe, expect, it } from "vitest";
import type { Catalog } from "../catalog/index.js";
import { type Chunk, createSentenceIndex, createTokenizer } from "../retrieval/index.js";
import { analyzeQuestion } from "./analyze-question.js";
import { faqQuestionsOf, matchFaq } from "./match-faq.js";

const tokenizer = createTokenizer({ customWords: ["社保卡", "退休", "死亡证明", "排水证", "新生儿"] });

function faq(id: string, question: string, answer: string, bundleId?: string): Chunk {
  return {
    id: `faq:${id}`,
    kind: "faq",
    documentId: `faq:${id}`,
    title: question,
    sectionPath: [],
    text: answer,
    context: "",
    ...(bundleId ? { bundleId } : {}),
  };
}

const chunks = [
  faq("retire-when", "我啥时候能退休？", "男职工由60岁逐步延到63岁，具体看出生年月。", "retirement"),
  faq("permit-valid", "食品经营许可证有效期怎么算？", "有效期自发证之日起计算，期满前30日申请延续。"),
  faq("retire-later", "想晚几年再退行不行？", "可以，经与单位协商一致，可以弹性延迟退休，最多延迟3年。", "retirement"),
  faq("retire-bring", "办退休要带啥？", "主要是本人身份证和已启用金融功能的社保卡。", "retirement"),
  faq("death-where", "死亡证明去哪开？", "非正常死亡的，由公安机关出具死亡证明。", "after-death"),
  faq("drain", "开餐馆要办排水证吗？", "要申领排水许可证，承诺1个工作日办结、不收费。"),
  faq("baby-age", "孩子都一岁多了还能一起办吗", "联办的户口登记限于1岁以下的孩子。", "newborn"),
  faq("baby-bring", "上户口要带什么材料？", "一般需要父母双方身份证、户口簿和出生医学证明。", "newborn"),
  faq("only-child", "独生子女奖励要自己去申请吗？", "独生子女父母奖励实行“免申即享”，不用另外跑。", "retirement"),
  faq("retire-women", "女工人现在多少岁退休？", "女工人原来是50岁，1984年11月及以后出生的为55岁。", "retirement"),
  faq("fire-bring", "消防检查要准备哪些材料？", "选告知承诺方式的，要签署告知承诺书。"),
  faq("check-how", "破产管理人怎么一次把企业信息查全？", "管理人在政务服务网在线提交一次申请，同时向7个部门查询。"),
  faq("check-when", "网上申请查询企业信息以后多久能拿到结果？", "在线提交申请后，3个工作日收到查询结果。"),
  faq(
    "subsidy-who",
    "我家不算困难，能领生活补贴吗？",
    "生活补贴面向家庭经济困难的残疾人，以当地认定为准。两项补贴可以分别判断。",
    "disability",
  ),
  {
    id: "matter:card#a",
    kind: "matter",
    documentId: "matter:card",
    title: "社保卡补领",
    sectionPath: [],
    text: "社保卡补领一般5个工作日内办结。",
    context: "",
  } satisfies Chunk,
];
const sentences = createSentenceIndex(chunks, tokenizer);
const catalog = {
  bundles: new Map([["newborn", { name: "新生儿出生一件事" }]]),
  matters: new Map(),
} as unknown as Pick<Catalog, "bundles" | "matters">;
const faqQuestions = faqQuestionsOf(sentences, tokenizer, catalog);

const matched = (message: string) =>
  matchFaq({ question: analyzeQuestion(message, tokenizer), sentences, faqQuestions })?.sentences[0]?.chunk.id;

describe("matchFaq", () => {
  it("answers a question asked almost word for word", () => {
    expect(matched("办退休要带啥")).toBe("faq:retire-bring");
  });

  it("says whether the entry was asked in its own words or in others", () => {
    const alike = (message: string) =>
      matchFaq({ question: analyzeQuestion(message, tokenizer), sentences, faqQuestions })?.alike;
    expect(alike("办退休要带啥？")).toBe("same-words");
    expect(alike("办退休要带什么证件")).toBe("other-words");
  });

  it("answers a sum asked in yuan only with an entry that names one", () => {
    // 「两项」 is a figure, but no sum of money: "一个月发多少" is not answered by the entry on who may claim.
    expect(matched("我家不算困难，生活补贴一个月发多少")).toBeUndefined();
    expect(matched("我家不算困难，能领生活补贴吗？")).toBe("faq:subsidy-who");
  });

  it("does not answer things counted with an entry that asks how long", () => {
    // 「3个工作日」 is a span of time, not a count of departments.
    expect(matched("网上申请查询企业信息能查到几个部门的")).not.toBe("faq:check-when");
    expect(matched("网上申请查询企业信息几个工作日能拿到结果")).toBe("faq:check-when");
  });

  it("answers the same question asked in other words", () => {
    expect(matched("办退休要带什么证件")).toBe("faq:retire-bring");
    expect(matched("死亡证明由谁出具")).toBe("faq:death-where");
  });

  it("picks the entry whose question says most of what was asked, not the most general one", () => {
    expect(matched("到了退休年龄想晚几年再退，最多能延迟多久")).toBe("faq:retire-later");
  });

  it("counts the bundle an entry is about as part of the entry", () => {
    expect(matched("孩子一岁半了，还能走新生儿一件事一起上户口吗")).toBe("faq:baby-age");
  });

  it("does not answer a whether question with an entry about what to bring", () => {
    expect(matched("新生儿上户口还能网上办吗")).not.toBe("faq:baby-bring");
  });

  it("does not answer a whether question with an entry that lists what to bring", () => {
    expect(matched("餐馆需要办消防检查吗")).not.toBe("faq:fire-bring");
    expect(matched("消防检查要带什么材料")).toBe("faq:fire-bring");
  });

  it("does not answer a question about men with an entry about women", () => {
    expect(matched("女工人现在多少岁退休")).toBe("faq:retire-women");
    expect(matched("男工人现在多少岁退休")).not.toBe("faq:retire-women");
    // 女 in 独生子女 is no woman: a man asking about it is not set apart from such an entry.
    expect(matched("我是男的，独生子女奖励要自己去申请吗")).toBe("faq:only-child");
  });

  it("does not answer a question whose subject the entry does not name", () => {
    expect(matched("社保卡补领要多久")).toBeUndefined();
    expect(matched("结婚登记要带什么材料")).toBeUndefined();
  });

  it("takes an entry for a figure question only when its answer holds the figure", () => {
    expect(matched("餐馆办排水证收费吗")).toBe("faq:drain");
    expect(matched("办退休要交多少钱")).toBeUndefined();
    // A count of years is a figure the entry must state: how a period is counted says none.
    expect(matched("食品经营许可证有效期怎么算")).toBe("faq:permit-valid");
    expect(matched("食品经营许可证有效期是几年")).toBeUndefined();
  });

  it("takes an entry for a question of which ones only when its answer lists them", () => {
    expect(matched("孩子一岁半了，还能走新生儿一件事一起上户口吗")).toBe("faq:baby-age");
    expect(matched("孩子都一岁多了，能一起办哪些")).toBeUndefined();
    expect(matched("孩子一岁多了还能一起办哪几样")).toBeUndefined();
  });

  it("takes an entry for what to bring only when its answer names a document", () => {
    expect(matched("破产管理人一次查全企业信息怎么操作")).toBe("faq:check-how");
    expect(matched("破产管理人一次查全企业信息要准备什么材料")).toBeUndefined();
  });

  it("never reads a question with no subject as an FAQ entry", () => {
    expect(matched("要多久？")).toBeUndefined();
  });
});

describe("matchFaq answer", () => {
  it("quotes the entry's answer without what is left of its own question", () => {
    const own = createSentenceIndex(
      [faq("card-activate", "社保卡要激活吗？", "不激活行不行？启用金融功能后，养老金才能发到卡上。")],
      tokenizer,
    );
    const found = matchFaq({
      question: analyzeQuestion("社保卡要激活吗？", tokenizer),
      sentences: own,
      faqQuestions: faqQuestionsOf(own, tokenizer, catalog),
    });
    expect(found?.sentences.map((sentence) => sentence.text)).toEqual(["启用金融功能后，养老金才能发到卡上。"]);
  });
});
