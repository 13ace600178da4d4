import { describe, expect, it } from "vitest";
import { createTokenizer } from "../retrieval/index.js";
import { type AnswerPart, guideGap, NOT_FOUND } from "./answer-question.js";
import { analyzeQuestion } from "./analyze-question.js";
import type { MessageView } from "./message-view.js";
import { answerReply } from "./turn-reply.js";

const tokenizer = createTokenizer({ customWords: ["好差评"] });

/** The view of a one-question message, as far as the reply's frame reads it. */
const viewOf = (message: string) =>
  ({ message, questions: [{ analysis: analyzeQuestion(message, tokenizer), hits: [] }] }) as unknown as MessageView;

const part = (text: string): AnswerPart => ({
  status: "answered",
  source: "extracted",
  sentences: [{ text, citationIds: ["policy:x#1"] }],
  citations: [{ id: "policy:x#1", documentId: "policy:x", title: "某文件", sectionPath: [], quote: text }],
});

describe("answerReply's leading yes or no", () => {
  it("starts with 可以 or 不可以 only when the quoted sentence says so", () => {
    expect(
      answerReply("consult", [part("残疾人证可以由监护人代为申请。")], viewOf("能不能由监护人代办？")).answer.text,
    ).toMatch(/^可以。/u);
    expect(
      answerReply("consult", [part("不得强迫群众给好评。")], viewOf("能不能催着群众给好评？")).answer.text,
    ).toMatch(/^不可以。/u);
  });

  it("starts with no yes when the clause that says 可以 speaks of something else than what was asked", () => {
    const text = answerReply(
      "consult",
      [part("重度残疾人护理补贴则看残疾程度，两项可以分别判断。")],
      viewOf("残疾人可以把福利提高一点吗？"),
    ).answer.text;
    expect(text).not.toMatch(/^可以/u);
    expect(text).toContain("两项可以分别判断");
  });

  it("reads no yes into a word that merely holds 可 (「可信数据空间」)", () => {
    const reply = answerReply(
      "consult",
      [part("运用可信数据空间等新技术。")],
      viewOf("好差评能不能让工作人员催着群众给好评？"),
    );
    expect(reply.answer.text).not.toMatch(/^(可以|不可以)。/u);
  });
});

describe("answerReply's unknown parts", () => {
  const viewOfAll = (...questions: string[]) =>
    ({
      message: questions.join(""),
      questions: questions.map((text) => ({ analysis: analyzeQuestion(text, tokenizer), hits: [] })),
    }) as unknown as MessageView;
  const unknown = (unknownText = NOT_FOUND): AnswerPart => ({
    status: "unknown",
    source: "none",
    sentences: [],
    citations: [],
    unknownText,
  });

  it("says once which questions nothing answers, naming each, instead of repeating the gap", () => {
    const text = answerReply(
      "consult",
      [part("残疾人证可以由监护人代为申请。"), unknown(), unknown()],
      viewOfAll("能不能代办？", "多少岁可以领？", "一次交多少钱？"),
    ).answer.text;
    expect(text.match(/另外/gu)).toHaveLength(1);
    expect(text).toContain(`另外，以下问题${NOT_FOUND}：「多少岁可以领？」「一次交多少钱？」。`);
  });

  it("keeps a guide's own gap and says the same one once", () => {
    const gap = "《某事项》的办事指南中没有写明收费标准";
    const text = answerReply(
      "consult",
      [part("残疾人证可以由监护人代为申请。"), unknown(gap), unknown(gap)],
      viewOfAll("能不能代办？", "收费吗？", "要钱吗？"),
    ).answer.text;
    expect(text.split("\n").filter((line) => line === `另外，${gap}。`)).toHaveLength(1);
  });
});

describe("answerReply's notes", () => {
  it("says a part's note before the frame, and starts no yes or no under it", () => {
    const noted: AnswerPart = { ...part("不予受理个人自带的档案。"), note: "以下是该事项的受理条件，请对照：" };
    const text = answerReply("consult", [noted], viewOf("能不能由个人自带档案？")).answer.text;
    expect(text.split("\n").slice(0, 3)).toEqual([
      "以下是该事项的受理条件，请对照：",
      "根据《某文件》：",
      "不予受理个人自带的档案。",
    ]);
    expect(
      answerReply("consult", [part("不予受理个人自带的档案。")], viewOf("能不能由个人自带档案？")).answer.text,
    ).toMatch(/^不可以。/u);
  });
});

describe("answerReply's repeated lines", () => {
  it("says a line once when two lists number it differently, or when a longer line holds it", () => {
    const text = answerReply(
      "consult",
      [
        part("2. 退休联办申请表（一表填写。）"),
        part("3. 退休联办申请表（一表填写。）"),
        part("用人单位应当自用工之日起30日内办理。十堰指南未公布时限。"),
        part("用人单位应当自用工之日起30日内办理。"),
      ],
      viewOf("要带什么材料"),
    ).answer.text;
    expect(text.match(/退休联办申请表/gu)).toHaveLength(1);
    expect(text.match(/30日内/gu)).toHaveLength(1);
  });

  it("says the gaps of one guide in one line", () => {
    const gap = (label: string): AnswerPart => ({
      status: "unknown",
      source: "none",
      sentences: [],
      citations: [],
      unknownText: guideGap("食品经营许可", [label]),
      missing: { guide: "食品经营许可", label },
    });
    const text = answerReply("consult", [part("从事餐饮服务前申请食品经营许可。"), gap("办结时限"), gap("收费标准")], {
      message: "",
      questions: ["要办吗？", "多久？", "要钱吗"].map((text) => ({
        analysis: analyzeQuestion(text, tokenizer),
        hits: [],
      })),
    } as unknown as MessageView).answer.text;
    expect(text).toContain("另外，《食品经营许可》的办事指南中没有写明办结时限、收费标准。");
    expect(text.match(/另外/gu)).toHaveLength(1);
  });
});

describe("answerReply's deferrals", () => {
  it("quotes only what the sources say of the place asked when that only defers, as no answer", () => {
    const line =
      "兰州版本未公布联办承诺时限，以当地告知为准。广东版本最快5个工作日办结；青海将办理时间由32个工作日压缩至5个工作日以内。";
    const lanzhou = answerReply("consult", [part(line)], viewOf("兰州的新生儿出生一件事几个工作日办完？"));
    expect(lanzhou.grounded).toBe(false);
    expect(lanzhou.handoff).toBeDefined();
    expect(lanzhou.answer.text).toContain("兰州版本未公布联办承诺时限，以当地告知为准。");
    expect(lanzhou.answer.text).not.toContain("5个工作日");
    // What the sources say of Guangdong answers a question about Guangdong.
    const guangdong = answerReply("consult", [part(line)], viewOf("广东的新生儿出生一件事几个工作日办完？"));
    expect(guangdong.grounded).toBe(true);
    expect(guangdong.answer.text).toContain("5个工作日");
  });

  it("takes a sentence that only says the sample lists nothing for no answer", () => {
    const reply = answerReply(
      "consult",
      [part("残疾类别和等级的评定方式以当地残联规定为准，本样例不作列举。")],
      viewOf("残联是不是能给相应的补助呢？"),
    );
    expect(reply.grounded).toBe(false);
    expect(reply.answer.text).toMatch(/^知识库的办事指南没有写明这一项的具体内容/u);
  });

  it("takes a sentence that says how something is worked out before it defers the details for an answer", () => {
    const rule = "生育津贴按照职工所在用人单位上年度职工月平均工资计发，天数按产假天数，以当地公布标准为准。";
    const reply = answerReply("consult", [part(rule)], viewOf("生育津贴是咋算的？"));
    expect(reply.grounded).toBe(true);
    expect(reply.answer.text).toContain("上年度职工月平均工资");
    expect(reply.answer.text).not.toMatch(/没有写明/u);
    // Where to look, with no rule before it, is still no answer.
    const only = answerReply("consult", [part("各地门槛不完全一样，以当地告知为准。")], viewOf("门槛是多少？"));
    expect(only.grounded).toBe(false);
    // "按当地规定确定" states no rule of its own.
    const local = answerReply(
      "consult",
      [part("补贴标准按当地规定确定，以当地公布为准。")],
      viewOf("补贴标准是多少？"),
    );
    expect(local.grounded).toBe(false);
  });
});
