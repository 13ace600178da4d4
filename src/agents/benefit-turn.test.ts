import { beforeAll, describe, expect, it } from "vitest";
import { type Benefit, loadBenefits } from "../catalog/index.js";
import { KNOWLEDGE_DIR, sharedChatKnowledge, sharedIndex } from "../test-support/shared-index.js";
import type { DialogueState } from "./dialogue-state.js";
import { type ChatKnowledge, viewMessage } from "./message-view.js";
import { runTurn } from "./run-turn.js";
import type { TurnResult } from "./turn-reply.js";

let knowledge: ChatKnowledge;
let benefits: Map<string, Benefit>;

beforeAll(async () => {
  const { catalog } = await sharedIndex();
  benefits = await loadBenefits({ directory: KNOWLEDGE_DIR, catalog });
  knowledge = { ...(await sharedChatKnowledge()), benefits };
});

async function turn(message: string, state: DialogueState = {}, today: string | null = "2026-12-04") {
  const view = await viewMessage(knowledge, message);
  return runTurn({ state, view, knowledge, today: today ?? undefined });
}

/** Answers each question with `answers[fact]` until the dialogue shows its result. */
async function converse(
  first: string,
  answers: Record<string, string>,
): Promise<{ last: TurnResult; asked: string[] }> {
  let result = await turn(first);
  const asked: string[] = [];
  while (result.reply.benefits?.question) {
    const fact = result.reply.benefits.question.fact;
    asked.push(fact);
    result = await turn(answers[fact] ?? "不清楚", result.state);
  }
  return { last: result, asked };
}

describe("「我能领什么补贴」", () => {
  it("asks one deciding fact at a time, remembers it in the session state, and asks no more than four", async () => {
    const first = await turn("我能领什么补贴？");
    expect(first.reply.benefits?.question?.text).toMatch(/^请问.*？/);
    expect(first.state.benefits?.awaiting).toBe(first.reply.benefits?.question?.fact);
    expect(first.reply.answer.text).toContain(first.reply.benefits?.question?.text);
    const { asked } = await converse("我能领什么补贴？", {});
    expect(asked.length).toBeLessThanOrEqual(4);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it("uses what the message already says and ends with the benefits and their reasons", async () => {
    const { last, asked } = await converse("我今年82岁，家里是低保户，本地户口，能领什么补贴", {
      employmentStatus: "已经退休了",
      onlyChildParent: "是",
      housingFundAccount: "有",
      pensionContributionYears: "30年",
      reachedRetirementAge: "是",
    });
    expect(asked).not.toContain("age");
    expect(asked).not.toContain("lowIncomeFamily");
    expect(last.state.benefits).toBeUndefined();
    const elderly = last.reply.benefits?.items.find((item) => item.benefitId === "elderly-allowance");
    expect(elderly?.decision).toBe("eligible");
    expect(elderly?.reasons[0]).toMatch(/^符合：年满80周岁（依据《中华人民共和国老年人权益保障法/);
    expect(last.reply.answer.text).toMatch(/您可能还可以享受下列\d+项补贴或优惠/);
  });

  it("asks an enterprise about enterprise facts only", async () => {
    const first = await turn("我们公司能享受哪些优惠政策？");
    const fact = first.reply.benefits?.question?.fact ?? "";
    expect([
      "enterpriseType",
      "employees",
      "totalAssets",
      "annualTaxableIncome",
      "vatTaxpayerType",
      "monthlySales",
      "paysUnemploymentInsurance",
      "hiredYoungJobseekers",
      "hiredHardToEmploy",
      "layoffRateWithinLimit",
      "seriousDishonesty",
    ]).toContain(fact);
  });

  it("leaves the dialogue when the person asks something else instead of answering", async () => {
    const first = await turn("我能领什么补贴");
    const next = await turn("办退休需要带什么材料呢，要去哪里办？", first.state);
    expect(next.state.benefits).toBeUndefined();
    expect(next.reply.benefits?.question).toBeUndefined();
  });

  it("offers nothing without a day to judge on (the service's clock)", async () => {
    const result = await turn("我能领什么补贴", {}, null);
    expect(result.reply.benefits).toBeUndefined();
  });
});

describe("traditional script", () => {
  it("shows the offer in traditional characters and reads a traditional-script answer", async () => {
    const first = await turn("我能領什麼補貼？");
    expect(first.reply.script).toBe("traditional");
    const fact = first.reply.benefits?.question?.fact;
    expect(first.state.benefits?.awaiting).toBe(fact);
    const next = await turn("已經退休了", {
      benefits: { subject: "individual", facts: {}, skipped: [], asked: 1, awaiting: "employmentStatus" },
    });
    // Read as an answer (not skipped as unreadable), and the offer is shown in traditional characters.
    expect(next.rule).toMatch(/^benefits\.answer\./);
    expect(next.state.benefits?.facts.employmentStatus).toBe("retired");
    expect(next.reply.benefits?.title).toBe("您可能還可以享受");
  });
});

describe("「您可能还可以享受」 after a checklist", () => {
  it("offers the only-child parent reward (免申即享) with the retirement checklist", async () => {
    const state: DialogueState = {
      target: { kind: "bundle", id: "retirement" },
      scenario: {
        bundleId: "retirement",
        answers: { "early-retirement": "none", "applicant-type": "employee" },
        awaiting: "only-child",
      },
    };
    let result = await turn("是独生子女父母", state);
    // Answer any remaining scenario questions until the checklist comes.
    for (let i = 0; i < 4 && !result.reply.checklist && result.reply.scenario; i++)
      result = await turn(result.reply.scenario.options[0]?.label ?? "是", result.state);
    expect(result.reply.checklist).toBeDefined();
    expect(result.reply.benefits?.title).toBe("您可能还可以享受");
    expect(result.reply.answer.text).toContain("您可能还可以享受");
    const ids = result.reply.benefits?.items.map((item) => item.benefitId) ?? [];
    expect(ids).toContain("basic-pension");
    const reward = result.reply.benefits?.items.find((item) => item.benefitId === "only-child-parent-reward");
    expect(reward?.claim.mode).toBe("automatic");
  });
});

describe("a benefit claimed through a matter", () => {
  it("answers what that matter's guide leaves out: who qualifies for the 护理补贴", async () => {
    const asked = await turn("重度残疾人护理补贴要评到几级残疾才能申请？");
    expect(asked.reply.grounded).toBe(true);
    expect(asked.reply.answer.text).toContain("一级、二级");
    expect(asked.reply.answer.citations.map((citation) => citation.documentId)).toContain(
      "benefit:severe-disability-nursing-subsidy",
    );
    // In the conversation about that matter, "具体要满足啥条件？" is asked of it and its benefit.
    const started = await turn("护理补贴怎么申请");
    const conditions = await turn("具体要满足啥条件？", started.state);
    expect(conditions.reply.grounded).toBe(true);
    // The lines under 享受条件 answer, each condition on its own.
    expect(conditions.reply.answer.text).toContain("残疾等级为一级或二级");
    expect(conditions.reply.answer.text).toContain("需要长期照护");
  });

  it("decides whether someone may claim with the benefit's conditions when the guide leaves them to local rules", async () => {
    const asked = await turn("请问，A市有退休工资的残疾人士能够领取护理补贴吗？");
    expect(asked.reply.grounded).toBe(true);
    expect(asked.reply.answer.text).toContain("残疾等级为一级或二级");
    expect(asked.reply.answer.text).not.toMatch(/^(可以|不可以)/u);
  });
});

describe("what the person said before 「有什么补贴」", () => {
  it("starts the benefit dialogue from the facts of earlier messages and names what already qualifies", async () => {
    const story = await turn("我是今年的应届毕业生，家里是低保户");
    expect(story.state.stated).toMatchObject({ graduateWithinTwoYears: true, lowIncomeFamily: true });
    const asked = await turn("找工作期间有没有什么补贴可以申请？", story.state);
    const eligible = asked.reply.benefits?.items.filter((item) => item.decision === "eligible") ?? [];
    expect(eligible.map((item) => item.benefitId)).toContain("graduate-job-seeking-subsidy");
    expect(asked.reply.answer.text).toContain("高校毕业生一次性求职创业补贴");
    // An enterprise's story counts for the enterprise's question.
    const hired = await turn("我们公司今年招了几个毕业一年多还没找到工作的大学生，签了合同也交了社保");
    const enterprise = await turn("企业这边能拿什么补助吗？", hired.state);
    expect(enterprise.reply.benefits?.items.map((item) => item.benefitId)).toContain("hiring-expansion-subsidy");
  });

  it("answers of the one benefit of a family a question names that the person's told facts decide", async () => {
    // 个税 names the three deductions (and the self-employed's income tax); a child of one and a half decides.
    const told = await turn("家里闺女一岁半，个税每个月能扣多少");
    expect(told.reply.grounded).toBe(true);
    expect(told.reply.answer.citations.map((citation) => citation.documentId)).toContain(
      "benefit:infant-care-tax-deduction",
    );
    expect(told.reply.answer.text).toContain("2000元");
    // Told in an earlier message, the child decides a later question too.
    const child = await turn("我家老二才一岁半");
    const later = await turn("个税上有啥能扣的吗", child.state);
    expect(later.reply.answer.citations.map((citation) => citation.documentId)).toContain(
      "benefit:infant-care-tax-deduction",
    );
    // A word that names one member alone says which: 六税两费, though 小规模纳税人 is told and names another too.
    const named = await turn("会计跟我说小规模纳税人有个六税两费减征，到底是哪几个税哪两个费？");
    expect(named.reply.answer.citations.map((citation) => citation.documentId)).toContain(
      "benefit:six-taxes-two-fees-reduction",
    );
    // Nothing told, nothing decided: the question is not answered from one deduction picked at random.
    const untold = await turn("个税每个月能扣多少");
    expect(untold.reply.answer.citations.map((citation) => citation.documentId)).not.toContain(
      "benefit:infant-care-tax-deduction",
    );
  });

  it("asks for an enterprise when the conversation told of one and the question says nothing of a person", async () => {
    const shop = await turn("我在县城开了个小超市，是个体工商户");
    expect(shop.state.stated).toMatchObject({ enterpriseType: "individual_business" });
    const asked = await turn("个人所得税方面有啥优惠不？一年应纳税所得额大概五十万", shop.state);
    expect(asked.reply.benefits?.question?.fact).not.toBe("disabilityGrade");
    const eligible = asked.reply.benefits?.items.filter((item) => item.decision === "eligible") ?? [];
    expect(eligible.map((item) => item.benefitId)).toContain("individual-business-income-tax-reduction");
    // A question of a child at school is the person's, after a self-employed's story too (review mend).
    const selfEmployed = await turn("我是个体户");
    const school = await turn("我儿子在上初中，有啥补贴不", selfEmployed.state);
    expect(school.reply.benefits?.question?.fact).not.toBe("annualTaxableIncome");
    // A question in a person's own words is still the person's: 「孩子两岁」 asks of a family's benefits.
    const family = await turn("我家孩子两岁了，个税上有啥优惠不", shop.state);
    const familyItems = family.reply.benefits?.items.map((item) => item.benefitId) ?? [];
    expect(familyItems).toContain("childcare-subsidy");
    expect(familyItems).not.toContain("individual-business-income-tax-reduction");
  });

  it("asks first about the benefits of what the message is about, and says which benefits the answer decides", async () => {
    const asked = await turn("老人因病去世了，遗属能领哪些钱？");
    expect(asked.reply.benefits?.question?.fact).toBe("insuredFamilyMemberDied");
    expect(asked.reply.answer.text).toContain("《丧葬补助金和抚恤金》");
    expect(asked.state.stated).toMatchObject({ familyMemberDied: true });
    // What the person told decides too: a parent who died insured already qualifies for the funeral grant, and
    // what is asked next is about the death, not a disability grade.
    const told = await turn("我妈生前一直交着养老保险，是生病走的，我们家属能领到哪些钱？");
    expect(told.reply.benefits?.items.map((item) => item.benefitId)).toContain("funeral-grant-survivor-pension");
    expect(told.reply.benefits?.question?.fact).toBe("deceasedHousingFundAccount");
    // A question that is about nothing in particular asks the fact that decides most, naming a few of them.
    const any = await turn("我能领什么补贴？");
    expect(any.reply.answer.text).toMatch(/关系到《[^》]+》/u);
  });

  it("starts the dialogue for ordinary requests that mention months, a notice or a hiring, and after another benefit's answer", async () => {
    for (const message of ["宝宝才几个月，能领什么补贴", "社区通知说可以领补贴，我能领什么补贴"]) {
      const result = await turn(message);
      expect(result.reply.benefits, message).toBeDefined();
    }
    const childcare = await turn("育儿补贴怎么申请");
    const more = await turn("那我还能领哪些补贴？", childcare.state);
    expect(more.reply.benefits).toBeDefined();
  });

  it("lets a later message correct a stated fact, and keeps what the dialogue learnt", async () => {
    const story = await turn("我是今年的应届毕业生，家里是低保户");
    const corrected = await turn("不好意思说错了，我家不是低保户", story.state);
    expect(corrected.state.stated).toMatchObject({ graduateWithinTwoYears: true, lowIncomeFamily: false });
    // Each question answered with its first option (是, or the first choice; a number where none is offered).
    let result = await turn("我能领什么补贴？");
    const asked: string[] = [];
    while (result.reply.benefits?.question) {
      const { fact, options } = result.reply.benefits.question;
      asked.push(fact);
      result = await turn(options[0] ?? "30", result.state);
    }
    expect(result.state.benefits).toBeUndefined();
    expect(asked.length).toBeGreaterThan(0);
    for (const fact of asked) expect(result.state.stated, fact).toHaveProperty(fact);
  });

  it("leaves a question about what one benefit it names gives to the answer path", async () => {
    const result = await turn("小型微利企业所得税有啥优惠");
    expect(result.state.benefits).toBeUndefined();
    expect(result.reply.answer.citations.map((citation) => citation.documentId)).toContain(
      "benefit:small-low-profit-income-tax",
    );
    // Asked for benefits in general, for the person's own case or besides the one named, the dialogue starts.
    for (const message of [
      "我是开小超市的个体户，有啥优惠政策",
      "我是小规模纳税人，有什么税收优惠",
      "除了育儿补贴，我还能领哪些补贴？",
      "我是应届高校毕业生，能领哪些补贴？",
      "按照法规规定，我家这种情况能领什么补贴",
    ])
      expect((await turn(message)).state.benefits, message).toBeDefined();
  });

  it("leaves a question about what a document says, or which one set a benefit up, to the answer path", async () => {
    for (const message of [
      "推动政策“免申即享”，3号文说要梳理哪些政策？",
      "海南把多少个依申请事项改成了“免申即享”？",
      "高龄津贴是什么政策定的",
    ]) {
      const result = await turn(message);
      expect(result.reply.benefits, message).toBeUndefined();
      expect(result.reply.answer.citations.length, message).toBeGreaterThan(0);
    }
  });

  it("asks a follow-up of the benefit a matching found, and who decides or what to bring of the matter it is claimed through", async () => {
    // The grade, the certificate and the care needed are told: the 护理补贴 is found at once.
    const matched = await turn("我妈是一级肢体残疾，残疾证早就办了，平时吃喝拉撒都得有人照顾，能申请什么补贴？");
    expect(matched.reply.benefits?.items.map((item) => item.benefitId)).toContain("severe-disability-nursing-subsidy");
    expect(matched.state.policies).toEqual(["benefit:severe-disability-nursing-subsidy"]);
    const department = await turn("这个补贴是哪个部门发的", matched.state);
    expect(department.reply.answer.text).toContain("民政部门");
    expect(department.reply.answer.citations.map((citation) => citation.documentId)).toContain(
      "matter:severe-disability-nursing-subsidy",
    );
    expect(department.reply.route?.candidates[0]).toMatchObject({
      kind: "matter",
      id: "severe-disability-nursing-subsidy",
    });
    const materials = await turn("要带什么材料", matched.state);
    expect(materials.reply.answer.text).toContain("残疾人证");
  });

  it("reads a disability story's certificate, grade and care into the scenario and the matching (哪项补贴)", async () => {
    const story = await turn("我闺女是肢体一级残疾，残疾证早就办下来了");
    expect(story.state.scenario?.bundleId).toBe("disability-services");
    expect(story.state.scenario?.answers).toMatchObject({
      "has-certificate": "has-certificate",
      "severe-disability": "severe",
    });
    const care = await turn("平时吃饭穿衣都得人伺候，需要长期照护", story.state);
    const which = await turn("那她能申请哪项补贴？", care.state);
    expect(which.reply.benefits?.items.map((item) => item.benefitId)).toContain("severe-disability-nursing-subsidy");
    expect(which.reply.answer.text).toContain("重度残疾人护理补贴");
    // The one benefit found is claimed through its matter: the reply is routed there.
    expect(which.reply.route?.candidates[0]).toMatchObject({ kind: "matter", id: "severe-disability-nursing-subsidy" });
  });
});
