import { describe, expect, it } from "vitest";
import { type Chunk, createSentenceIndex, createTokenizer, normalizeText } from "../retrieval/index.js";
import type { AnswerType, QuestionAnalysis } from "./analyze-question.js";
import { ANSWER_THRESHOLDS, extractAnswer, holds } from "./extract-answer.js";

const tokenizer = createTokenizer({
  customWords: ["社保卡", "补领", "网点", "户口簿", "护照", "综合窗口", "全覆盖", "饭店", "联办事项", "年检", "挂失"],
});

function chunk(id: string, documentId: string, text: string, kind: Chunk["kind"] = "matter"): Chunk {
  return { id, kind, documentId, title: "办事指南", sectionPath: [], text, context: "" };
}

// A small knowledge base: each subject word sits in few sentences, so weights are easy to follow.
const sentences = createSentenceIndex(
  [
    chunk("card#a", "matter:card", "社保卡补领可以在银行网点办理。社保卡补领一般5个工作日内办结。"),
    chunk("card#b", "matter:card", "社保卡补领需要带户口簿。"),
    chunk("passport#a", "matter:passport", "护照办理流程以出入境管理部门规定为准。"),
    chunk("plan#a", "policy:plan", "到2025年，基本建成一体化平台。政务服务中心综合窗口全覆盖。", "policy"),
    chunk("plan#b", "policy:plan", "社保卡补领实行全程网办。", "policy"),
    chunk("plan#c", "policy:plan", "联办事项2024年起实施。联办事项共7个。", "policy"),
    chunk(
      "restaurant#a",
      "matter:restaurant",
      "开饭店需要的材料包括：营业执照、身份证、健康证明。另需消防安全检查意见书、排水许可证、招牌设置许可。",
    ),
    chunk("misc#a", "matter:misc", "政务服务事项实行一次告知。居民身份证可以通过电子证照核验。"),
    chunk(
      "hall#a",
      "policy:hall",
      "规范窗口设置。服务大厅要设置咨询窗口，提供引导。设置代办窗口，为老年人服务。设置投诉窗口，兜底解决问题。大厅实行延时服务。",
      "policy",
    ),
  ],
  tokenizer,
);

function question(subjectTokens: string[], answerTypes: AnswerType[] = [], unit?: RegExp): QuestionAnalysis {
  return {
    text: subjectTokens.join(""),
    normalized: subjectTokens.join(""),
    answerTypes,
    subjectTokens,
    elliptical: subjectTokens.length === 0,
    ...(unit ? { unit } : {}),
  };
}

const texts = (result: ReturnType<typeof extractAnswer>) => result.sentences.map((item) => item.sentence.text);

describe("extractAnswer", () => {
  it("prefers the sentence that says the quoted words as they are, for what of them no subject word holds", () => {
    const commentary = createSentenceIndex(
      [
        chunk(
          "miit#a",
          "policy:miit",
          "紧扣企业需求,惠企政策服务实现精准达。创新探索服务模式,实现政策智能匹配企业,变“企业找政策”为“政策找企业”。",
          "policy",
        ),
        chunk("miit#b", "policy:miit", "持续抓好企业融资服务。", "policy"),
      ],
      tokenizer,
    );
    const asked = { ...question(["企业", "变成"]), quoted: ["企业找政策"] };
    expect(texts(extractAnswer({ question: asked, sentences: commentary, hits: [] }))).toEqual([
      "创新探索服务模式,实现政策智能匹配企业,变“企业找政策”为“政策找企业”。",
    ]);
    // Without the quoted words every sentence holds as much of the question (企业): the first is taken.
    expect(texts(extractAnswer({ question: question(["企业", "变成"]), sentences: commentary, hits: [] }))[0]).toBe(
      "紧扣企业需求,惠企政策服务实现精准达。",
    );
  });

  it("quotes a run-in heading with the sentence it heads, but not an item of a numbered list", () => {
    const aims = createSentenceIndex(
      [
        chunk("aims#a", "policy:aims", "（三）工作目标。2025年底前，事项范围进一步扩大。", "policy"),
        chunk("list#a", "matter:list", "1. 工作目标表。2. 营业执照复印件。"),
      ],
      tokenizer,
    );
    const aimsIn = (documentId: string) =>
      texts(
        extractAnswer({
          question: question(["工作", "目标"], ["definition"]),
          sentences: aims,
          hits: [],
          scope: new Set([documentId]),
        }),
      );
    expect(aimsIn("policy:aims")).toEqual(["（三）工作目标。", "2025年底前，事项范围进一步扩大。"]);
    expect(aimsIn("matter:list")).not.toContain("2. 营业执照复印件。");
  });

  it("takes what a bundle holds as an answer to which matters it takes, not to whether one must be done", () => {
    const bundle = createSentenceIndex(
      [
        chunk("retire#a", "bundle:retire", "包含事项：资格确认、特殊工种提前退休核准、养老金核定发放", "bundle"),
        chunk("retire#b", "bundle:retire", "退休一件事由人社部门联办。", "bundle"),
      ],
      tokenizer,
    );
    const which = extractAnswer({
      question: question(["退休", "特殊工种", "核准"], ["list"]),
      sentences: bundle,
      hits: [],
    });
    expect(texts(which)[0]).toContain("包含事项");
    const whether = extractAnswer({
      question: question(["退休", "特殊工种", "核准"], ["yes_no"]),
      sentences: bundle,
      hits: [],
    });
    expect(texts(whether).some((text) => text.includes("包含事项"))).toBe(false);
    // Whether the bundle takes a matter is a question of its matters.
    const includes = extractAnswer({
      question: { ...question(["退休", "特殊工种", "核准"], ["yes_no"]), normalized: "退休一件事包不包括特殊工种核准" },
      sentences: bundle,
      hits: [],
    });
    expect(texts(includes)[0]).toContain("包含事项");
  });

  it("does not count twice a word no source uses that is only the question's shorter words", () => {
    // 社保卡补领办 is 社保卡, 补领 and 办: the sentence that holds both words covers the question.
    const compound = extractAnswer({
      question: question(["社保卡", "补领", "社保卡补领办"], ["time_limit"]),
      sentences,
      hits: [],
    });
    expect(compound.best?.coverage).toBeCloseTo(1, 5);
    // A word of its own beside them (济南市 keeps 市) still counts against a sentence without it.
    const city = extractAnswer({
      question: question(["社保卡", "补领", "济南", "济南市"], ["time_limit"]),
      sentences,
      hits: [],
    });
    expect(city.best?.coverage).toBeLessThan(0.8);
  });

  it("keeps beside the best a close sentence that holds the official term for the person's own word", () => {
    const own = createSentenceIndex(
      [
        chunk("card#a", "matter:card", "社保卡补领需要带户口簿和登记表。"),
        chunk("card#b", "matter:card", "外国人补领社保卡的，还需提供居留证件。"),
        // 登记表 in other passages too, so it weighs about what the person's 老外 does.
        chunk("form#a", "matter:form", "填写登记表。"),
        chunk("form#b", "matter:form", "登记表要盖章。"),
      ],
      tokenizer,
    );
    const result = extractAnswer({
      question: question(["社保卡", "补领", "登记表", "老外"], ["material"]),
      expansionTokens: ["外国人"],
      sentences: own,
      hits: [],
    });
    expect(texts(result)).toEqual(["社保卡补领需要带户口簿和登记表。", "外国人补领社保卡的，还需提供居留证件。"]);
  });

  it("prefers a sentence that names a law for a question of legal basis", () => {
    const own = createSentenceIndex(
      [
        chunk("check#a", "faq:check", "查询企业信息是法律赋予管理人的职责。", "faq"),
        chunk("check#b", "matter:check", "查询企业信息依据《中华人民共和国企业破产法》。"),
      ],
      tokenizer,
    );
    const result = extractAnswer({
      question: question(["查询", "企业", "信息", "管理人"], ["legal_basis"]),
      sentences: own,
      hits: [],
    });
    expect(texts(result)[0]).toBe("查询企业信息依据《中华人民共和国企业破产法》。");
  });

  it("quotes the sentence that holds the kind of answer asked for", () => {
    const result = extractAnswer({ question: question(["社保卡", "补领"], ["time_limit"]), sentences, hits: [] });
    expect(result.status).toBe("answered");
    expect(texts(result)).toEqual(["社保卡补领一般5个工作日内办结。"]);
    expect(result.best?.typeMatch).toBe(true);
    expect(result.best?.coverage).toBeGreaterThanOrEqual(0.5);
  });

  it("answers who applies with the sentence that says who, not one of a will or an agreement", () => {
    const retirement = createSentenceIndex(
      [
        chunk(
          "retire#a",
          "bundle:retire",
          "退休手续可按本人意愿提前办理，也可与单位协商延迟办理。退休手续由所在单位申报，灵活就业的由本人申请。",
          "bundle",
        ),
      ],
      tokenizer,
    );
    const result = extractAnswer({
      question: question(["退休", "手续"], ["applicant"]),
      sentences: retirement,
      hits: [],
    });
    expect(texts(result)).toEqual(["退休手续由所在单位申报，灵活就业的由本人申请。"]);
    expect(holds("可按本人意愿提前办理", "applicant")).toBe(false);
    expect(holds("与单位协商延迟办理", "applicant")).toBe(false);
    expect(holds("由本人申请", "applicant")).toBe(true);
    expect(holds("由用人单位或本人向参保地医疗保障经办机构申领", "applicant")).toBe(true);
    expect(holds("从事烟草制品零售的单位和个人，向烟草专卖局申领", "applicant")).toBe(true);
    expect(holds("由联办申请表的信息代替", "applicant")).toBe(false);
  });

  it("quotes sentences verbatim, as the passage wrote them", () => {
    const result = extractAnswer({ question: question(["护照"]), sentences, hits: [] });
    expect(texts(result)).toEqual(["护照办理流程以出入境管理部门规定为准。"]);
  });

  it("refuses an elliptical question the conversation supplies no subject for", () => {
    const result = extractAnswer({ question: question([], ["time_limit"]), sentences, hits: [] });
    expect(result).toMatchObject({ status: "unknown", reason: "no_subject", sentences: [] });
  });

  it("answers an elliptical question from the conversation's words", () => {
    const result = extractAnswer({
      question: question([], ["time_limit"]),
      contextTokens: ["社保卡", "补领"],
      sentences,
      hits: [],
    });
    expect(texts(result)).toEqual(["社保卡补领一般5个工作日内办结。"]);
  });

  it("gives every item of an enumeration written one sentence per item", () => {
    const asked = { ...question(["服务大厅", "窗口"], ["list"]), listHead: "窗口" };
    const result = extractAnswer({ question: asked, sentences, hits: [] });
    expect(texts(result)).toEqual([
      "服务大厅要设置咨询窗口，提供引导。",
      "设置代办窗口，为老年人服务。",
      "设置投诉窗口，兜底解决问题。",
    ]);
  });

  it("refuses when no sentence holds any of the subject words", () => {
    const result = extractAnswer({ question: question(["火星"]), sentences, hits: [] });
    expect(result).toMatchObject({ status: "unknown", reason: "no_candidate" });
  });

  it("refuses when the best sentence holds too little of the subject", () => {
    const thresholds = { ...ANSWER_THRESHOLDS, minCoverage: 0.5 };
    const result = extractAnswer({ question: question(["社保卡", "年检", "挂失"]), sentences, hits: [], thresholds });
    expect(result).toMatchObject({ status: "unknown", reason: "low_coverage", sentences: [] });
    expect(result.best?.coverage).toBeLessThan(thresholds.minCoverage);
  });

  it("counts the lexicon's official terms for subject words no source uses", () => {
    const result = extractAnswer({
      question: question(["社保卡", "年检", "挂失"]),
      expansionTokens: ["补领"],
      sentences,
      hits: [],
    });
    expect(result.status).toBe("answered");
    expect(texts(result).every((text) => text.includes("补领"))).toBe(true);
  });

  it("refuses a figure question when no sentence holds a figure", () => {
    const result = extractAnswer({ question: question(["护照"], ["time_limit"]), sentences, hits: [] });
    expect(result).toMatchObject({ status: "unknown", reason: "no_figure", sentences: [] });
    expect(result.best?.sentence.text).toBe("护照办理流程以出入境管理部门规定为准。");
  });

  it("takes the figure from the sentence before when the best sentence lacks it", () => {
    const result = extractAnswer({ question: question(["综合窗口", "全覆盖"], ["date"]), sentences, hits: [] });
    expect(result.status).toBe("answered");
    expect(texts(result)).toEqual(["到2025年，基本建成一体化平台。", "政务服务中心综合窗口全覆盖。"]);
    expect(result.best?.sentence.text).toBe("政务服务中心综合窗口全覆盖。");
  });

  it("takes the figure from the first clause of a 「；」-joined sentence the best clause ends, not across a full stop", () => {
    const own = createSentenceIndex(
      [
        chunk("goal#a", "policy:goal", "2022年底前，五级能力显著提升；目录统一编制；综合窗口全覆盖。", "policy"),
        chunk("goal#b", "policy:goal", "2023年完成试点。网办事项全覆盖。", "policy"),
      ],
      tokenizer,
    );
    const joined = extractAnswer({ question: question(["综合窗口", "全覆盖"], ["date"]), sentences: own, hits: [] });
    expect(texts(joined)).toEqual(["2022年底前，五级能力显著提升；", "综合窗口全覆盖。"]);
    // Right before it, as before; but two full sentences back is another statement.
    const own2 = createSentenceIndex(
      [chunk("goal#c", "policy:goal", "2023年完成试点。平台上线。网办事项全覆盖。", "policy")],
      tokenizer,
    );
    const apart = extractAnswer({
      question: question(["网办", "事项", "全覆盖"], ["date"]),
      sentences: own2,
      hits: [],
    });
    expect(apart).toMatchObject({ status: "unknown", reason: "no_figure" });
  });

  it("never quotes a sentence that asks, nor a bare 「可以。」 that only answers its own FAQ question", () => {
    const faq: Chunk = {
      ...chunk("faq#a", "faq:card", "社保卡补领能网上办吗？可以。在银行网点也能办。", "faq"),
      title: "社保卡补领能网上办吗？",
    };
    const result = extractAnswer({
      question: question(["社保卡", "补领"], ["yes_no"]),
      sentences: createSentenceIndex([faq], tokenizer),
      hits: [{ chunk: faq, score: 1, snippet: "", signals: ["lexical"] }],
    });
    expect(texts(result)).toEqual(["在银行网点也能办。"]);
  });

  it("requires the figure to be counted in the unit the question asks for", () => {
    const count = /(\d|[一二两三四五六七八九十百千万])\s*个/u;
    const withUnit = extractAnswer({ question: question(["联办事项"], ["number"], count), sentences, hits: [] });
    expect(texts(withUnit)).toEqual(["联办事项共7个。"]);
    const withoutUnit = extractAnswer({ question: question(["联办事项"], ["number"]), sentences, hits: [] });
    expect(texts(withoutUnit)).toContain("联办事项2024年起实施。");
  });

  it("adds a sentence that holds subject words the first one lacks", () => {
    const result = extractAnswer({
      question: question(["社保卡", "补领", "网点", "户口簿"]),
      sentences,
      hits: [],
    });
    expect(texts(result)).toEqual(["社保卡补领可以在银行网点办理。", "社保卡补领需要带户口簿。"]);
  });

  it("options.thresholds.maxSentences caps the sentences quoted", () => {
    const result = extractAnswer({
      question: question(["社保卡", "补领", "网点", "户口簿"]),
      sentences,
      hits: [],
      thresholds: { minCoverage: 0.5, keepWithin: 0.9, maxSentences: 1 },
    });
    expect(result.sentences).toHaveLength(1);
  });

  it("goes on with an enumeration in the next sentence of the passage for a list question", () => {
    const list = extractAnswer({ question: question(["饭店", "材料"], ["list", "material"]), sentences, hits: [] });
    expect(texts(list)).toEqual([
      "开饭店需要的材料包括：营业执照、身份证、健康证明。",
      "另需消防安全检查意见书、排水许可证、招牌设置许可。",
    ]);
    const notList = extractAnswer({ question: question(["饭店", "材料"], ["material"]), sentences, hits: [] });
    expect(texts(notList)).toEqual(["开饭店需要的材料包括：营业执照、身份证、健康证明。"]);
  });

  it("options.scope keeps to the documents named", () => {
    const result = extractAnswer({
      question: question(["社保卡", "补领"]),
      sentences,
      hits: [],
      scope: new Set(["policy:plan"]),
    });
    expect(texts(result)).toEqual(["社保卡补领实行全程网办。"]);
    expect(result.sentences.every((item) => item.sentence.chunk.documentId === "policy:plan")).toBe(true);
  });

  it("options.explain returns the ranked candidates, best first, without answering", () => {
    const result = extractAnswer({
      question: question(["社保卡", "补领"], ["time_limit"]),
      sentences,
      hits: [],
      explain: true,
    });
    expect(result.status).toBe("unknown");
    const scores = (result.ranked ?? []).map((item) => item.score);
    expect(scores.length).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.best).toBe(result.ranked?.[0]);
  });
});

describe("extractAnswer and conditions", () => {
  it("answers a question that asks on what terms only with a sentence that states a condition", () => {
    const asked = (text: string) => ({
      ...question(["社保卡", "补领"], ["condition"]),
      text,
      normalized: text,
    });
    // "社保卡补领实行全程网办" names the matter but states no condition.
    const result = extractAnswer({ question: asked("什么情况下可以社保卡补领"), sentences, hits: [] });
    expect(result.status).toBe("unknown");
    expect(result.reason).toBe("no_condition");
    // "什么样的" asks what kind of thing, not on what terms: the closest sentence answers.
    expect(extractAnswer({ question: asked("社保卡补领是什么样的"), sentences, hits: [] }).status).toBe("answered");
  });
});

describe("holds", () => {
  it("sees the figure each kind of question needs", () => {
    expect(holds(normalizeText("承诺办结时限：5个工作日"), "time_limit")).toBe(true);
    // Where to apply is said by the office of the place one lives ("向户籍所在地乡镇（街道）申请").
    expect(holds(normalizeText("向户籍所在地乡镇（街道）申请；"), "place")).toBe(true);
    // The day of a date is no time limit: a policy's term is not how long a claim takes.
    expect(holds(normalizeText("执行期限：自2016年1月1日起执行"), "time_limit")).toBe(false);
    expect(holds(normalizeText("自受理之日起15日内作出决定"), "time_limit")).toBe(true);
    expect(holds(normalizeText("乡镇干部都知道这项补贴。"), "place")).toBe(false);
    // A document number is a basis a document is named by; a year alone is not.
    expect(holds(normalizeText("国发〔2015〕52号规定护理补贴对象……"), "legal_basis")).toBe(true);
    expect(holds(normalizeText("2015年起全面建立两项补贴制度。"), "legal_basis")).toBe(false);
    expect(holds(normalizeText("收费标准：不收费"), "fee")).toBe(true);
    // Who may apply, said as 申请人为…: 「申请人为法院指定的管理人（强制清算组）」.
    expect(holds(normalizeText("申请人为法院指定的管理人（强制清算组）。"), "applicant")).toBe(true);
    // A condition on the applicant, or whether, is not who applies.
    expect(holds(normalizeText("信用修复承诺书（申请人为单位的，一般需加盖公章。）"), "applicant")).toBe(false);
    expect(holds(normalizeText("核实申请人是否符合条件。"), "applicant")).toBe(false);
    // A day of a month in digits is a date; a number of items is not.
    expect(holds(normalizeText("“一表通”系统已于7月1日正式上线"), "date")).toBe(true);
    expect(holds(normalizeText("基层报表从16667张精简至6129张"), "date")).toBe(false);
    // "接诉即办" is a way of working, not how soon: no time limit.
    expect(holds(normalizeText("全面建立12345热线“接诉即办”工作机制。"), "time_limit")).toBe(false);
    expect(holds(normalizeText("符合条件的即办。"), "time_limit")).toBe(true);
    // A span in characters is a time when said as one; a year, a date or a plan's span in characters is not.
    expect(holds(normalizeText("失业前本人和单位已缴纳失业保险费满一年"), "time_limit")).toBe(true);
    expect(holds(normalizeText("受理后三日内作出决定"), "time_limit")).toBe(true);
    for (const text of ["二〇二四年", "自十月一日起施行", "三年行动计划", "二十年前", "唯一日期"])
      expect(holds(normalizeText(text), "time_limit"), text).toBe(false);
    // 许可证 says nothing of whether; 要办理 says it must be done, 要申请人签字 and 要过年了 do not.
    expect(holds(normalizeText("办理食品经营许可证。"), "yes_no")).toBe(false);
    expect(holds(normalizeText("开业前要办理公众聚集场所消防安全检查"), "yes_no")).toBe(true);
    // What must come first is a condition.
    expect(holds(normalizeText("养老金是发到社保卡上的，所以社保卡要先启用金融功能。"), "condition")).toBe(true);
    // 不能 and 禁止 say whether as much as 可以 does.
    expect(holds(normalizeText("档案要由原单位转递，不能由个人自带。"), "yes_no")).toBe(true);
    expect(holds(normalizeText("禁止在居民楼内开设餐饮。"), "yes_no")).toBe(true);
    for (const text of ["重要的是要申请人签字", "要过年了", "我们要做好政策宣传工作"])
      expect(holds(normalizeText(text), "yes_no"), text).toBe(false);
    // A fraction in words is a figure.
    expect(holds(normalizeText("不超过其实际缴费的三分之二"), "number")).toBe(true);
    // Who issues a certificate answers where to get it.
    expect(holds(normalizeText("属于非正常死亡的，由公安机关出具死亡证明。"), "place")).toBe(true);
    // A 机关 or 机构 named in passing is no place to go.
    expect(holds(normalizeText("登记机关依法作出决定。"), "place")).toBe(false);
    // An amount in 万亿元 or 亿元 is in yuan too.
    expect(holds(normalizeText("累计助企融资超过1.2万亿元。"), "fee")).toBe(true);
    expect(holds(normalizeText("到2027年，基本形成体系"), "date")).toBe(true);
    // The year of a document's number is no date; 代表 is no form to bring.
    expect(holds(normalizeText("公告2023年第19号第一条对小规模纳税人免征增值税；"), "date")).toBe(false);
    expect(holds(normalizeText("发文机关：全国人民代表大会常务委员会"), "material")).toBe(false);
    expect(holds(normalizeText("申请表（原件）"), "material")).toBe(true);
    expect(holds(normalizeText("咨询电话：0931-12345678"), "contact")).toBe(true);
    // A number to call is a number: a sentence that only says 热线 gives none.
    expect(holds(normalizeText("加强12345热线与政务服务平台业务协同。"), "contact")).toBe(true);
    expect(holds(normalizeText("打造便捷高效的政务服务热线。"), "contact")).toBe(false);
    // A sum invested is no fee.
    expect(holds(normalizeText("投资额超过30万元或营业面积超过300平方米的餐饮店"), "fee")).toBe(false);
    expect(holds(normalizeText("收取工本费20元"), "fee")).toBe(true);
    expect(holds(normalizeText("投资额超过300万元的项目"), "fee")).toBe(false);
    expect(holds(normalizeText("注册资本不低于100万元"), "fee")).toBe(false);
    // A street address or a floor; opening hours.
    expect(holds(normalizeText("地址：城关区南昌路12号3楼"), "address")).toBe(true);
    expect(holds(normalizeText("政务服务中心“一件事”综合窗口"), "address")).toBe(false);
    expect(holds(normalizeText("工作时间：周一至周五上午9:00—12:00"), "hours")).toBe(true);
    expect(holds(normalizeText("承诺办结时限：5个工作日"), "hours")).toBe(false);
    // A count in characters, in the counter a 几级 question asks in.
    expect(holds(normalizeText("推进省、市、县、乡、村五级政务服务体系建设"), "number")).toBe(true);
    // 「一件事」 names a bundle of matters: no count ("缴存比例是多少" is not answered by it).
    expect(holds(normalizeText("住房公积金退休提取是退休一件事的联办事项之一"), "number")).toBe(false);
    expect(holds(normalizeText("办结后一件不落地寄回材料"), "number")).toBe(true);
  });

  it("sees a legal basis in a law, regulation or order named, not in 法律赋予 or 依法", () => {
    expect(holds(normalizeText("依据《中华人民共和国企业破产法》第二十五条"), "legal_basis")).toBe(true);
    expect(holds(normalizeText("设定依据：企业破产法、公司法"), "legal_basis")).toBe(true);
    expect(holds(normalizeText("依据国家发展改革委令第58号"), "legal_basis")).toBe(true);
    expect(holds(normalizeText("查询企业信息是法律赋予管理人的职责。"), "legal_basis")).toBe(false);
    expect(holds(normalizeText("窗口依法受理申请。"), "legal_basis")).toBe(false);
  });

  it("finds no place in a guide's line of departments", () => {
    expect(holds(normalizeText("协同部门：民政部门、住房公积金管理中心"), "place")).toBe(false);
    expect(holds(normalizeText("可到政务服务中心综合窗口办理"), "place")).toBe(true);
  });

  it("finds no figure in a sentence without one", () => {
    expect(holds(normalizeText("可以在银行网点办理"), "time_limit")).toBe(false);
    expect(holds(normalizeText("可以在银行网点办理"), "fee")).toBe(false);
    expect(holds(normalizeText("可以在银行网点办理"), "date")).toBe(false);
  });

  it("takes neither an item's number, nor 一次性, nor a year for a figure of the kind asked", () => {
    expect(holds(normalizeText("1. 逝者居民身份证"), "number")).toBe(false);
    expect(holds(normalizeText("（二）优化办事流程"), "number")).toBe(false);
    expect(holds(normalizeText("申领养老保险个人账户一次性待遇"), "number")).toBe(false);
    expect(holds(normalizeText("批次：2024年第一批国家重点事项"), "time_limit")).toBe(false);
    // The same figures said as figures still count.
    expect(holds(normalizeText("1. 一次发放12个月的待遇"), "number")).toBe(true);
    expect(holds(normalizeText("有效期3年"), "time_limit")).toBe(true);
  });

  it("sees an enumeration, a place and a legal basis", () => {
    expect(holds("营业执照、身份证、健康证明", "list")).toBe(true);
    expect(holds("可以在银行网点办理", "place")).toBe(true);
    expect(holds("依据《社会保险法》", "legal_basis")).toBe(true);
  });
});

describe("extractAnswer and materials", () => {
  it("answers a materials question only with a sentence that names a document", () => {
    // "社保卡补领实行全程网办" names the matter but no material; "社保卡补领需要带户口簿" names one.
    const materials = extractAnswer({ question: question(["社保卡", "补领"], ["material"]), sentences, hits: [] });
    expect(texts(materials)).toEqual(["社保卡补领需要带户口簿。"]);
    // Nothing about 联办事项 names a document: not known, rather than a sentence about something else.
    const none = extractAnswer({ question: question(["联办事项"], ["material"]), sentences, hits: [] });
    expect(none.status).toBe("unknown");
    expect(none.reason).toBe("no_material");
  });
});
