import { describe, expect, it } from "vitest";
import { ASKS_BENEFITS, factsInMessage, readFactAnswer } from "./benefit-answers.js";

describe("readFactAnswer", () => {
  it("reads yes and no for a true-or-false fact", () => {
    expect(readFactAnswer("employeeInsured", "是的，单位交了")).toEqual({ status: "value", value: true });
    expect(readFactAnswer("employeeInsured", "没有")).toEqual({ status: "value", value: false });
    expect(readFactAnswer("employeeInsured", "不知道")).toEqual({ status: "unknown" });
    expect(readFactAnswer("employeeInsured", "明天下雨吗")).toEqual({ status: "unreadable" });
  });

  it("reads numbers in digits and Chinese, and a newborn as age 0", () => {
    expect(readFactAnswer("disabilityGrade", "二级")).toEqual({ status: "value", value: 2 });
    expect(readFactAnswer("pensionContributionYears", "十五年")).toEqual({ status: "value", value: 15 });
    expect(readFactAnswer("age", "82岁")).toEqual({ status: "value", value: 82 });
    expect(readFactAnswer("youngestChildAge", "刚出生两个月")).toEqual({ status: "value", value: 0 });
  });

  it("reads an option by its Chinese label", () => {
    expect(readFactAnswer("employmentStatus", "已经退休了")).toEqual({ status: "value", value: "retired" });
    expect(readFactAnswer("sex", "女")).toEqual({ status: "value", value: "female" });
  });
});

describe("factsInMessage", () => {
  it("takes only what the message states outright", () => {
    expect(factsInMessage("我今年72岁，已经退休了，家里是低保户，能领什么补贴？")).toEqual({
      age: 72,
      employmentStatus: "retired",
      lowIncomeFamily: true,
    });
    expect(factsInMessage("孩子两岁了有什么补贴")).toEqual({ youngestChildAge: 2 });
    expect(factsInMessage("我是二级残疾")).toEqual({ disabilityGrade: 2 });
    expect(factsInMessage("我妈是一级肢体残疾，残疾证早就办了，平时吃喝拉撒都得有人照顾")).toEqual({
      disabilityGrade: 1,
      needsLongTermCare: true,
    });
    expect(factsInMessage("闺女肢体三级，生活能自理")).toEqual({ disabilityGrade: 3, needsLongTermCare: false });
    expect(factsInMessage("他残疾等级是二级，不需要人照顾")).toEqual({ disabilityGrade: 2, needsLongTermCare: false });
    expect(factsInMessage("老人生活不能自理")).toEqual({ needsLongTermCare: true });
    expect(factsInMessage("我是二级残疾，不需要有人长期照顾，能领什么补贴")).toEqual({
      disabilityGrade: 2,
      needsLongTermCare: false,
    });
    expect(factsInMessage("我是二级视力残疾，不太需要人照顾")).toEqual({
      disabilityGrade: 2,
      needsLongTermCare: false,
    });
    // Asked, not told.
    expect(factsInMessage("护理补贴需要有人护理证明吗")).toEqual({});
    expect(factsInMessage("老人还能自理吗")).toEqual({});
    expect(factsInMessage("我是今年的应届毕业生，家里是低保户")).toEqual({
      graduateWithinTwoYears: true,
      lowIncomeFamily: true,
    });
    expect(factsInMessage("我们公司今年招了几个毕业一年多还没找到工作的大学生，签了合同也交了社保")).toEqual({
      enterpriseType: "company",
      hiredYoungJobseekers: true,
    });
    // Graduates hired without their insurance paid are no such fact; a graduate spoken of is not the person.
    expect(factsInMessage("我们公司招了两个应届毕业生")).toEqual({ enterpriseType: "company" });
    expect(factsInMessage("我儿子是应届毕业生")).toEqual({});
    expect(factsInMessage("我爸上礼拜走了，家里要办哪些手续")).toEqual({ familyMemberDied: true });
    expect(factsInMessage("老人因病去世了，遗属能领哪些钱？")).toEqual({ familyMemberDied: true });
    // An older relative, with when or how between: 「我舅舅上个月因病走了」; 走了 or 没了 ending a clause only: a job,
    // a card, patience or a trip is no death, nor a brother who 走了 (left).
    expect(factsInMessage("我舅舅上个月因病走了")).toEqual({ familyMemberDied: true });
    expect(factsInMessage("俺家老爷子前天走了")).toEqual({ familyMemberDied: true });
    expect(factsInMessage("俺爸没了他生前是退休职工")).toEqual({ familyMemberDied: true });
    expect(factsInMessage("舅舅上个月突发心梗去世了")).toEqual({ familyMemberDied: true });
    // 爹 and 老娘 are a father and a mother (「俺爹上个月走了」); a girl (姑娘) who 走了 has left.
    expect(factsInMessage("俺爹上个月走了，他生前是厂里的退休工人")).toEqual({ familyMemberDied: true });
    expect(factsInMessage("老娘前天在医院去世了")).toEqual({ familyMemberDied: true });
    expect(factsInMessage("那个姑娘走了")).toEqual({});
    expect(factsInMessage("我儿子没了工作")).toEqual({});
    expect(factsInMessage("我妈的身份证没了")).toEqual({});
    expect(factsInMessage("我爸身份证没了，退休手续还能办吗")).toEqual({});
    expect(factsInMessage("我爸走了好几趟社保局")).toEqual({});
    expect(factsInMessage("我哥昨天走了，回老家了")).toEqual({});
    // Speaking of a parent's 生前 tells a death; paying into the pension insurance then, that the deceased was insured.
    expect(factsInMessage("我妈生前一直交着养老保险")).toEqual({
      familyMemberDied: true,
      insuredFamilyMemberDied: true,
    });
    expect(factsInMessage("我爸生前没交过社保，走得突然")).toEqual({ familyMemberDied: true });
    // A child's age told after the child or before it; of several children, the youngest's.
    expect(factsInMessage("我家老二才一岁半")).toEqual({ youngestChildAge: 1 });
    expect(factsInMessage("家里有个刚一岁半的闺女")).toEqual({ youngestChildAge: 1 });
    expect(factsInMessage("我有个5岁的儿子，还有个两岁的女儿")).toEqual({ youngestChildAge: 2 });
    // A taxable income told, in 万 as the fact is asked, in digits or in words; one asked about tells nothing.
    expect(factsInMessage("一年应纳税所得额大概五十万")).toEqual({ annualTaxableIncome: 50 });
    expect(factsInMessage("我们是个体户，应纳税所得额是120万元")).toEqual({
      enterpriseType: "individual_business",
      annualTaxableIncome: 120,
    });
    expect(factsInMessage("去年应纳税所得额一百二十万")).toEqual({ annualTaxableIncome: 120 });
    expect(factsInMessage("应纳税所得额多少万以内能减半")).toEqual({});
    // Read as said (review mend): a hundred and fifty, a hundred and five; no figure in 上百万; a threshold quoted
    // is none of the person's; 老大爷 and 娃他爸 are no children; a newborn is the youngest.
    expect(factsInMessage("应纳税所得额一百五万")).toEqual({ annualTaxableIncome: 150 });
    expect(factsInMessage("应纳税所得额一百零五万")).toEqual({ annualTaxableIncome: 105 });
    expect(factsInMessage("应纳税所得额上百万")).toEqual({});
    expect(factsInMessage("应纳税所得额不超过300万的企业")).toEqual({});
    expect(factsInMessage("隔壁老大爷80岁了")).toEqual({});
    expect(factsInMessage("娃他爸35岁")).toEqual({});
    expect(factsInMessage("老大今年3岁，老二刚出生")).toEqual({ youngestChildAge: 0 });
    expect(factsInMessage("我爸生前一直在交社保")).toEqual({ familyMemberDied: true, insuredFamilyMemberDied: true });
    // The survivor's pension is not the deceased's; a living will (生前预嘱) tells no death.
    expect(factsInMessage("我爸走了，我妈还领着退休金")).toEqual({ familyMemberDied: true });
    expect(factsInMessage("老人生前预嘱怎么办理")).toEqual({});
    // Things lost, someone else's death, a negation, a parent of a graduate, insurance not paid.
    for (const message of [
      "我妈的身份证没了",
      "邻居去世了",
      "意外身故保险怎么赔",
      "我是应届毕业生的家长",
      "招应届毕业生需要交社保吗",
    ])
      expect(factsInMessage(message), message).toEqual({});
    expect(factsInMessage("我们公司招了两个大学生实习，没交社保")).toEqual({ enterpriseType: "company" });
    // A negation states the fact as false, so it corrects an earlier message.
    expect(factsInMessage("本人不是应届毕业生")).toEqual({ graduateWithinTwoYears: false });
    expect(factsInMessage("我家不是低保户")).toEqual({ lowIncomeFamily: false });
  });
});

describe("ASKS_BENEFITS", () => {
  it("recognises questions about what one may get, not about one named benefit", () => {
    for (const message of [
      "我能领什么补贴",
      "有哪些补贴可以领？",
      "小微企业有什么优惠政策",
      "我可以享受哪些福利",
      "我们做家属的能领到哪些钱？",
      "那她能申请哪项补贴？",
      "我们家属能领些什么钱",
    ])
      expect(ASKS_BENEFITS.test(message), message).toBe(true);
    for (const message of [
      "困难残疾人生活补贴怎么申请",
      "育儿补贴要带什么材料",
      "退休要办什么",
      "失业金一个月能领多少钱",
      "育儿补贴能领到啥时候",
      "失业保险金能领到什么时候",
      "一件事一次办是哪项政策提出的",
      "养老金属于哪种待遇",
      "用哪种方式申请补贴最快",
    ])
      expect(ASKS_BENEFITS.test(message), message).toBe(false);
  });
});
