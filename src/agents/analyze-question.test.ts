import { describe, expect, it } from "vitest";
import { createTokenizer } from "../retrieval/index.js";
import { type AnswerType, analyzeQuestion, certificatesNamed, isSubject, splitQuestions } from "./analyze-question.js";
import { sameSubject } from "./message-view.js";

const tokenizer = createTokenizer({ customWords: ["社保卡", "食品经营许可"] });
const analyze = (message: string) => analyzeQuestion(message, tokenizer);

describe("analyzeQuestion", () => {
  it("reads who applies, and a name asked, only where the question says so", () => {
    expect(analyze("退休手续是自己去办还是得找个单位？").answerTypes).toContain("applicant");
    expect(analyze("退休手续谁给我办？").answerTypes).toContain("applicant");
    expect(analyze("社保卡补领是自己去办还是可以网上办").answerTypes).not.toContain("applicant");
    expect(analyze("国发〔2024〕3号后面那个附件叫什么名字").subjectTokens).toEqual(["附件"]);
    expect(analyze("营业执照上的名字是什么").subjectTokens).toContain("名字");
  });

  it("takes a figure the person states in characters for theirs, not for a subject word", () => {
    const age = analyze("俺爷今年八十一了，高龄津贴是多大岁数开始有？").subjectTokens;
    for (const figure of ["八十", "十一", "八十一"]) expect(age).not.toContain(figure);
    expect(age).toContain("津贴");
    const shop = analyze("投了二十来万，店面一百二十平，开业前还用搞消防安全检查不？").subjectTokens;
    for (const figure of ["二十", "一百二", "一百二十"]) expect(shop).not.toContain(figure);
    // A figure in digits may name a year ("2024年的清单"): it stays.
    expect(analyze("2024年重点事项清单有哪些").subjectTokens).toContain("2024");
  });

  it("names the answer type and the guide element a question asks for", () => {
    expect(analyze("要多久？")).toMatchObject({ answerTypes: ["time_limit"], element: "time" });
    expect(analyze("收费吗？")).toMatchObject({ answerTypes: ["fee", "yes_no"], element: "fee" });
    expect(analyze("社保卡去哪里办")).toMatchObject({ answerTypes: ["place"], element: "channels" });
    expect(analyze("食品经营许可要什么材料")).toMatchObject({ answerTypes: ["material"], element: "materials" });
    expect(analyze("社保卡挂失怎么办理")).toMatchObject({ answerTypes: ["procedure"], element: "process" });
    expect(analyze("普通注销公告期多长？")).toMatchObject({ answerTypes: ["time_limit"], element: "time" });
    expect(analyze("人走了医保卡里的钱怎么取？")).toMatchObject({ answerTypes: ["procedure"], element: "process" });
    expect(analyze("人沒了戶口怎麼銷？")).toMatchObject({ answerTypes: ["procedure"], element: "process" });
    // Ending on what is needed asks for the materials; what is needed *for* something else does not.
    expect(analyze("印章注销需要什么？")).toMatchObject({ answerTypes: ["material"], element: "materials" });
    // What to take along is the materials too.
    expect(analyze("驾照要去注销，得拿啥过去？")).toMatchObject({ element: "materials" });
    expect(analyze("窗口那边得带上啥")).toMatchObject({ element: "materials" });
    expect(analyze("需要什么条件")).toMatchObject({ element: "conditions" });
  });

  it("reads what the last clause asks, past the story before it and an aside after it", () => {
    // Where the person was sent is the story; whether that is allowed is the question.
    const allowed = analyze("窗口非让我先在网上预约，这合规吗？");
    expect(allowed.answerTypes).toEqual(["yes_no"]);
    expect(allowed.element).toBeUndefined();
    expect(analyze("独生子女父母奖励要自己单独去申请吗（福州）").answerTypes).toEqual(["yes_no"]);
    // A question whose last clause asks nothing is read whole.
    expect(analyze("要带什么材料，谢谢").element).toBe("materials");
  });

  it("takes 收不收 for yes or no, 都要…吗 for whether, 谁能去提 for who applies, 限制 for conditions", () => {
    expect(analyze("人才中心收不收？").answerTypes).toEqual(["yes_no"]);
    expect(analyze("收不收费？").element).toBe("fee");
    expect(analyze("服务员都要办健康证吗？").answerTypes).toEqual(["yes_no"]);
    expect(analyze("都要带哪些材料").answerTypes).toContain("list");
    expect(analyze("他的公积金谁能去提？").answerTypes[0]).toBe("applicant");
    expect(analyze("对宝宝年龄有什么限制？")).toMatchObject({ answerTypes: ["condition"], element: "conditions" });
    // Whether it is allowed is what is asked, not what it is about.
    expect(analyze("窗口非让我先预约，这合规吗？").subjectTokens).not.toContain("合规");
    expect(analyze("12345热线要打造成政务服务的什么角色？").answerTypes).toEqual(["definition"]);
    // How much, roughly, in all: no subject of its own, so a follow-up about the conversation.
    expect(analyze("一共要多长时间").elliptical).toBe(true);
    expect(analyze("大概多久能办好").elliptical).toBe(true);
    expect(analyze("具体在哪里办理").elliptical).toBe(true);
    // An age asked, or a document's signing date: what is asked, not what it is about.
    expect(analyze("多大岁数才能领")).toMatchObject({ elliptical: true });
    expect(analyze("多大岁数才能领").unit?.test("年满80周岁")).toBe(true);
    expect(analyze("落款是哪天")).toMatchObject({ elliptical: true, answerTypes: ["date"] });
    expect(analyze("一直发到啥时候为止").elliptical).toBe(true);
    expect(analyze("这个意见是哪一天印发的").answerTypes).toEqual(["date"]);
    // A sentence of the story before the question asks nothing: 几个月 here is "a few months".
    expect(analyze("今年突然走了，还没领几个月养老金。他个人账户里剩下的钱能继承吗？").answerTypes).toEqual(["yes_no"]);
    // A sentence before the last that asks stays a question.
    expect(analyze("办营业执照需要哪些材料。可以找人代办吗").answerTypes).toContain("list");
    // A year's end the question gives is no date it asks for.
    expect(analyze("到2025年底前，高频电子证照要做到什么程度？").answerTypes).not.toContain("date");
    expect(analyze("年底前要完成什么").answerTypes).toContain("date");
    // The basis asked is what is asked, however the question ends; 法律 alone asks none.
    expect(analyze("退休资格确认的法律依据是什么？")).toMatchObject({ element: "basis" });
    expect(analyze("破产企业信息核查有什么法律依据？").answerTypes[0]).toBe("legal_basis");
    expect(analyze("排水许可是根据哪条法规办的？").answerTypes[0]).toBe("legal_basis");
    expect(analyze("法律援助怎么申请").answerTypes).not.toContain("legal_basis");
    // A document's number is asked like its basis, not as a count.
    expect(analyze("新办法的文号是多少？").answerTypes[0]).toBe("legal_basis");
    // By when the person must apply is no time the office takes: no guide element, a span within.
    const deadline = analyze("公示完了多少天内要去申请");
    expect(deadline.element).toBeUndefined();
    expect(deadline.unit?.test("公示期满之日起20天内向登记机关申请")).toBe(true);
    expect(deadline.unit?.test("承诺办结时限：1个工作日")).toBe(false);
    expect(deadline.subjectTokens).toEqual(["公示", "完"]);
    expect(analyze("社保卡补领要多久").element).toBe("time");
    // Which people must do something asks who, on what terms: not a list of things.
    expect(analyze("餐馆哪些员工必须办健康证").answerTypes).toEqual(["condition"]);
    expect(analyze("哪些人可以申请").element).toBe("conditions");
    expect(analyze("要设哪些窗口").answerTypes).toContain("list");
    // Whether it is done at a place named asks where.
    expect(analyze("孩子上户口在医院能办吗")).toMatchObject({ element: "channels" });
    expect(analyze("社保卡激活要去银行吗").answerTypes[0]).toBe("place");
    // A place named in the story is no question of where.
    expect(analyze("在医院出生的孩子怎么办理户口")).toMatchObject({ answerTypes: ["procedure"], element: "process" });
    // 谁提供 asks who provides, not who applies.
    expect(analyze("死亡证明谁提供").answerTypes).not.toContain("applicant");
    // A long message asking two things asks both, whichever comes last.
    const both = analyze("我家孩子刚上小学，现在想给孩子办社保卡，需要带什么材料，到哪里去办");
    expect(both.answerTypes).toEqual(expect.arrayContaining(["material", "place"]));
    // 最迟多久能拿到 asks how long the office takes: no deadline of the person's.
    expect(analyze("营业执照最迟多久能拿到")).toMatchObject({ element: "time" });
    expect(analyze("营业执照最迟多久能拿到").subjectTokens).not.toContain("最迟");
  });

  it("asks for conditions with 什么情况下 and 什么样的", () => {
    expect(analyze("什么情况下可以办理信用修复").answerTypes).toContain("condition");
    expect(analyze("什么样的餐饮店要做消防检查").answerTypes).toContain("condition");
    expect(analyze("那啥样的企业才算小型微利？").answerTypes).toContain("condition");
    expect(analyze("困难残疾人生活补贴是给啥样家庭的残疾人发的").answerTypes).toContain("condition");
  });

  it("answers a sum paid out or back by a share of what was paid, too", () => {
    const subsidy = analyze("社保补贴最多能补多少");
    expect(subsidy.unit?.test("补贴标准原则上不超过其实际缴费的三分之二")).toBe(true);
    expect(subsidy.unit?.test("补贴标准原则上不超过其实际缴费的2/3")).toBe(true);
    expect(subsidy.unit?.test("期限一般不超过3年")).toBe(false);
  });

  it("asks for materials with 提供啥", () => {
    expect(analyze("除了登记表还要他提供啥").answerTypes).toContain("material");
    expect(analyze("还需要提供哪些证件？").answerTypes).toContain("material");
  });

  it("counts things in 个 apart from months and working days", () => {
    const departments = analyze("网上申请一次能查到几个部门的信息");
    expect(departments.counted).toBe("个");
    expect(departments.unit?.test("覆盖市场监管、公安等7个部门")).toBe(true);
    expect(departments.unit?.test("3个工作日后收到结果")).toBe(false);
    const months = analyze("宝宝上户口有月龄要求，是几个月以内啊");
    expect(months.unit?.test("要求未满6个月")).toBe(true);
    expect(months.unit?.test("覆盖7个部门")).toBe(false);
  });

  it("reads 哪一年的哪个文号 as a document's number asked, and 公示几天 as how long a notice stays up", () => {
    const numbered = analyze("流动人员档案接收这个事，依据的是人社部哪一年的哪个文号啊？");
    expect(numbered.answerTypes).not.toContain("date");
    expect(numbered.element).toBe("basis");
    expect(analyze("国发3号文是哪一年发的").answerTypes).toContain("date");
    for (const question of ["简易注销公示期是多少天", "听说得先在网上挂出去公示，要挂几天才行？"]) {
      const notice = analyze(question);
      expect(notice.span).toBe("notice");
      expect(notice.element).toBeUndefined();
    }
    // A notice's period is answered in days, months or years, whatever unit the question asks in.
    expect(analyze("信用修复一般失信公示期是多少天").unit?.test("一般失信信息最短公示3个月")).toBe(true);
    // How long the office takes after the notice is still the office's time.
    expect(analyze("简易注销几天能办好").element).toBe("time");
    expect(analyze("公示完了几天能办完").span).toBeUndefined();
  });

  it("reads costs to be reimbursed as no fee, 找哪办 as the office asked and 还要多交啥 as the materials", () => {
    const cases: [message: string, type: AnswerType, asked: boolean][] = [
      // 「住院生产那些费用 医保给报不」 asks whether they are reimbursed, not what is charged.
      ["住院生产那些费用 医保给报不", "fee", false],
      ["住院生产那些费用 医保给报不", "yes_no", true],
      ["办这个证的费用是多少", "fee", true],
      // 报 that is not a reimbursement leaves the fee asked.
      ["开饭店办证的费用，报个价", "fee", true],
      ["道路运输证的费用是多少 去哪报名", "fee", true],
      ["饭馆里想顺便卖点烟 证找哪办", "department", true],
      ["招了个台湾小伙 给他上职工医保还要多交啥", "material", true],
      // Who files it, asked either way round.
      ["到年龄了退休手续是找单位办还是我自己去？", "applicant", true],
      ["退休手续是我自己去跑还是公司给办？", "applicant", true],
    ];
    for (const [message, type, asked] of cases)
      expect(analyze(message).answerTypes.includes(type), `${message} ${type}`).toBe(asked);
  });

  it("reads 有啥特别要求 as a condition asked", () => {
    expect(analyze("下个月办退休，社保卡有啥特别要求没？").answerTypes).toContain("condition");
    expect(analyze("开饭店对面积有没有要求").answerTypes).toContain("condition");
  });

  it("reads how far something may be put off, in any of its words, as a span of its own", () => {
    for (const question of ["申请期限最长能往后延多少天", "能延长不 最长多久", "最多能推迟几天"])
      expect(analyze(question).span, question).toBe("extension");
  });

  it("reads 要交查询费吗 as a fee asked, and 交社保费要多少年 as years", () => {
    for (const question of ["破产管理人申请破产企业信息查询，需要交查询费吗？", "残疾鉴定要交鉴定费不"])
      expect(analyze(question).answerTypes, question).toContain("fee");
    // Contributions are no fee for a service.
    for (const question of ["交社保费要多少年", "退休了还要交社保费吗？", "灵活就业人员要交医保费吗"])
      expect(analyze(question).answerTypes, question).not.toContain("fee");
  });

  it("reads 是啥 as a definition asked, and 哪些地方 as part of the question word", () => {
    expect(analyze("残疾人两项补贴是啥？").answerTypes).toContain("definition");
    expect(analyze("办退休需要的材料是啥？").answerTypes).not.toContain("definition");
    expect(analyze("电子社保卡应用在哪下载").answerTypes).toContain("place");
    const uses = analyze("除了上市还能用在哪些地方");
    expect(uses.subjectTokens).not.toContain("地方");
    expect(uses.answerTypes).not.toContain("place");
    expect(analyze("社保卡在哪办").answerTypes).toContain("place");
  });

  it("asks a distance or an area in its units, and how much something is raised as a share or a sum", () => {
    for (const question of ["两家烟店之间要隔多少米才批", "跟附近的烟店得隔多远"]) {
      const distance = analyze(question);
      expect(distance.unit?.test("距离不少于50米")).toBe(true);
      expect(distance.unit?.test("部分地方还纳入烟草专卖零售许可")).toBe(false);
      expect(distance.unit?.test("承诺办结时限：20个工作日")).toBe(false);
    }
    const area = analyze("饭店面积多少平米以上要做消防检查");
    expect(area.unit?.test("面积超过300平方米")).toBe(true);
    expect(area.unit?.test("投资额超过30万元")).toBe(false);
    const raised = analyze("今年退休人员基本养老金上调多少");
    expect(raised.unit?.test("累计缴费满十五年的按月领取基本养老金")).toBe(false);
    expect(raised.unit?.test("总体上调2%")).toBe(true);
    expect(raised.unit?.test("人均每月增加50元")).toBe(true);
    // How long something is put off is a span, not a raise; nor is a period raised a sum.
    expect(analyze("退休年龄要提高多少年").unit?.test("总体上调2%")).toBe(false);
    expect(analyze("最低缴费年限每年提高多少？").unit?.test("每年提高6个月")).not.toBe(false);
  });

  it("reads 包括啥 as a list asked, 几 of a plan as a few, and 窗口工作人员 as who speaks", () => {
    expect(analyze("里面金融服务都包括啥").answerTypes).toContain("list");
    expect(analyze("公司准备招几个人，新人下周一就入职了。").answerTypes).not.toContain("number");
    expect(analyze("公司要招几个人才能申请补贴").answerTypes).toContain("number");
    expect(analyze("我是窗口工作人员，有个群众来办残疾人服务一件事").element).toBeUndefined();
    expect(analyze("残疾人证去哪个窗口办").element).toBe("channels");
    expect(analyze("准备招聘几个大学生，要办什么手续").answerTypes).not.toContain("number");
  });

  it("reads 什么时候能批下来 as how long the office takes, and 交多少个税 as a sum", () => {
    const approved = analyze("创业担保贷款什么时候能批下来");
    expect(approved.answerTypes).toContain("time_limit");
    expect(approved.answerTypes).not.toContain("date");
    expect(analyze("社保卡什么时候开始发行的").answerTypes).toContain("date");
    expect(analyze("工资5000要交多少个税").unit?.test("每月减除费用5000元")).toBe(true);
  });

  it("asks years, not a sum, when a unit of time follows 交多少 or 缴费多少", () => {
    for (const question of ["养老保险最少要交多少年才能领养老金", "养老保险最少要缴费多少年才能领养老金"]) {
      const unit = analyze(question).unit;
      expect(unit?.test("基本养老保险累计缴费满15年")).toBe(true);
      expect(unit?.test("补贴标准为每月200元")).toBe(false);
    }
    // 能报多少 asks a sum, as 能领多少 does.
    expect(analyze("生孩子的医疗费能报多少").unit?.test("按规定报销2000元")).toBe(true);
  });

  it("asks a sum of money with 给多少, and no count with 前几年 or 这几个", () => {
    const given = analyze("一年给多少");
    expect(given.unit?.test("现阶段国家基础标准为每孩每年3600元")).toBe(true);
    expect(given.unit?.test("婴幼儿未满3周岁")).toBe(false);
    // 「前几年」 tells when, 「这几个」 points at things: neither asks how many.
    expect(analyze("公司要注销了，前几年做过一阵进出口").answerTypes).toEqual([]);
    expect(analyze("这几个材料都得带原件吗").answerTypes).not.toContain("number");
    expect(analyze("能早几年退休").answerTypes).toContain("number");
    expect(analyze("特殊工种能提前几年退").answerTypes).toContain("number");
  });

  it("takes 法律文书 to bring for materials and 法律援助 for a service, not for a law asked", () => {
    const papers = analyze("我是破产管理人，去查企业财产信息，需要带哪些法律文书？");
    expect(papers.answerTypes).not.toContain("legal_basis");
    expect(papers.element).toBe("materials");
    expect(analyze("有哪些法律援助可以申请").answerTypes).not.toContain("legal_basis");
    expect(analyze("破产信息核查依据哪些法律").answerTypes).toContain("legal_basis");
  });

  it("asks what a state is to be like (达到什么程度) as a definition", () => {
    expect(analyze("2025年底前要达到什么程度？").answerTypes).toContain("definition");
    // A degree a person must meet is a condition asked, not an aim described.
    expect(analyze("重度残疾人护理补贴，残疾要达到什么程度").answerTypes).not.toContain("definition");
  });

  it("asks a share of something (的多少, 占……几成) as a proportion, answered by a percentage or a fraction", () => {
    const share = analyze("灵活就业自己交社保，社保补贴最多能补到实际缴费的多少？");
    // 缴费 names what the share is of: no fee is asked.
    expect(share.answerTypes).not.toContain("fee");
    expect(share.answerTypes).toContain("number");
    expect(share.unit?.test("补贴标准原则上不超过其实际缴费的2/3")).toBe(true);
    expect(share.unit?.test("补贴标准原则上不超过其实际缴费的三分之二")).toBe(true);
    expect(share.unit?.test("期限一般不超过3年")).toBe(false);
    expect(analyze("个体户的补贴占缴费的几成").unit?.test("按50%给予补贴")).toBe(true);
    // A count or a sum asked of something is no share.
    expect(analyze("办营业执照的费用是多少钱").answerTypes).toContain("fee");
    expect(analyze("要跑的部门有多少个").unit?.test("按50%给予补贴")).toBe(false);
    // 「女的多少岁」, 「要跑的多少趟」 count: no share.
    expect(analyze("女的多少岁退休？").unit?.test("女工人原来是50岁")).toBe(true);
    expect(analyze("残疾证分的多少级").unit?.test("残疾等级分为一至四级")).toBe(true);
    expect(analyze("新生儿出生一件事要跑的多少趟").answerTypes).not.toContain("fee");
  });

  it("counts in the unit of the last count asked, not of one the story before it tells", () => {
    const age = analyze("师傅说干够年头可以早几年退。想问问按规定男的干井下最早多少岁可以提前退休");
    expect(age.unit?.test("男职工年满55周岁")).toBe(true);
    expect(age.unit?.test("最多提前3年")).toBe(false);
  });

  it("answers 多大 in months, years of age or square metres", () => {
    const age = analyze("要求孩子多大以内才能联办？");
    expect(age.unit?.test("福建版本要求新生儿未满6个月")).toBe(true);
    expect(age.unit?.test("新生儿出生一件事的联办事项之一")).toBe(false);
    expect(analyze("多大的店要做消防检查").unit?.test("营业面积超过300平方米")).toBe(true);
    // A sum asked with 多大 is no age or area.
    expect(analyze("创业担保贷款额度有多大").unit?.test("最高30万元")).not.toBe(false);
  });

  it("takes a sum sold or earned for a number, not a fee", () => {
    const sales = analyze("小规模纳税人一个月卖多少钱以下可以免增值税");
    expect(sales.answerTypes).not.toContain("fee");
    expect(sales.answerTypes).toContain("number");
    expect(sales.unit?.test("月销售额10万元以下（含本数）")).toBe(true);
    expect(analyze("办营业执照要多少钱").answerTypes).toContain("fee");
    expect(analyze("工资要交多少钱个税").answerTypes).toContain("fee");
  });

  it("takes 缴费年限 for a thing named, and 怎么核定 for a procedure", () => {
    expect(analyze("医保缴费年限怎么核定")).toMatchObject({ answerTypes: ["procedure"], element: "process" });
    expect(analyze("社保怎么缴费")).toMatchObject({ element: "fee" });
  });

  it("reads a 工本费 as a fee, 怎么改 as a procedure, and a validity period as no guide element", () => {
    expect(analyze("社保卡补办要交工本费吗？")).toMatchObject({ element: "fee" });
    expect(analyze("死亡证明开错了怎么改？")).toMatchObject({ answerTypes: ["procedure"], element: "process" });
    const validity = analyze("健康证有效期多久？");
    expect(validity.answerTypes).toContain("time_limit");
    expect(validity.element).toBeUndefined();
    expect(analyze("健康证办下来要多久？")).toMatchObject({ element: "time" });
    // Taxes to pay are asked like a fee: a sentence without a sum does not answer them.
    expect(analyze("二手房过户要交哪些税费？")).toMatchObject({ element: "fee" });
    expect(analyze("开店要交什么税？").answerTypes).toContain("fee");
    expect(analyze("税务登记怎么办？").answerTypes).not.toContain("fee");
  });

  it("takes a question whose only subject words are single characters as naming nothing", () => {
    expect(analyze("现在不是有新政策吗？").elliptical).toBe(true);
    expect(analyze("社保卡要带什么？").elliptical).toBe(false);
  });

  it("names the kind of item a 哪些 question asks for", () => {
    expect(analyze("政务服务中心要设哪些窗口？").listHead).toBe("窗口");
    expect(analyze("要防止哪几类形式主义").listHead).toBe("形式主义");
    expect(analyze("社保卡要带什么？").listHead).toBeUndefined();
  });

  it("reads 好几年 as told, not asked, 准备些啥 as materials, and 多少人 as answered in 万 or 亿", () => {
    expect(analyze("在这边打工好几年了，孩子报名要准备些啥？").answerTypes).toEqual(["material"]);
    expect(analyze("全国有多少人办了社保卡？").unit?.test("全国社会保障卡持卡人数达13.86亿")).toBe(true);
    const heard = analyze("听人说以后要涨到20年，是真的吗").subjectTokens;
    for (const word of ["听人", "听人说", "真的", "是真的"]) expect(heard).not.toContain(word);
  });

  it("tells the story told in sentences before the question from what the question itself asks about", () => {
    const fired = analyze("被公司辞退了，心里挺难受的。想问下领失业金要满足啥条件？");
    expect(fired.background).toEqual(expect.arrayContaining(["辞退", "难受"]));
    expect(fired.background).not.toContain("失业金");
    // A question that points back at the story asks about the story itself.
    expect(analyze("窗口非让我先在网上预约。这合规吗？").background).toBeUndefined();
    // So does one that names nothing of its own.
    expect(analyze("孩子刚出生。要多久？").background).toBeUndefined();
    // And one that asks why: the story is what it is about.
    expect(analyze("每次残疾人审核都要本人回来办理，很麻烦。监护人为什么不能代办一下呢").background).toBeUndefined();
    // What the person adds of themselves after the question is background too.
    const after = analyze("那女工人呢，俺是纺织厂挡车工");
    expect(after.background).toEqual(expect.arrayContaining(["纺织厂", "挡车工"]));
    expect(after.background).not.toContain("女工人");
    // Unless the question names nothing of its own.
    expect(analyze("那要多久呢，我们是在外省生的").background).toBeUndefined();
    // What the person names as already known ("除了……还要啥") is background: the rest is asked.
    const rest = analyze("公司招了个德国籍工程师，给他办职工医保参保，除了登记表和证件复印件还要啥？");
    expect(rest.background).toEqual(expect.arrayContaining(["登记表", "复印件"]));
    expect(rest.background).not.toContain("工程师");
    // Not what the person tells ("其他证件都没带"), nor a question that names nothing else.
    expect(analyze("我除了身份证其他证件都没带，能办社保卡吗").background).toBeUndefined();
    expect(analyze("除了身份证还要带户口本吗").background).toBeUndefined();
  });

  it("asks a count of years that no year answers, an age in 周岁, and how to renew", () => {
    const years = analyze("贴息几年？");
    expect(years.unit?.test("自2020年4月1日起执行")).toBe(false);
    expect(years.unit?.test("贴息期限最长3年")).toBe(true);
    expect(analyze("孩子要满几周岁？").answerTypes).toContain("number");
    // An age is answered in 岁, not by a span of years.
    expect(analyze("男的最早几岁能退？").unit?.test("最多提前3年")).toBe(false);
    expect(analyze("男的最早几岁能退？").unit?.test("男职工由60岁逐步延到63岁")).toBe(true);
    expect(analyze("到期要怎么换？").answerTypes).toContain("procedure");
    // Money received is an amount, not a fee.
    expect(analyze("育儿补贴一年给多少钱？").answerTypes).not.toContain("fee");
  });

  it("asks which others with 除了……还要办什么, and an amount with 能扣多少", () => {
    expect(analyze("除了营业执照还要办什么许可？").answerTypes).toContain("list");
    expect(analyze("除了营业执照还要办什么材料？").answerTypes).not.toContain("list");
    expect(analyze("一个月能扣多少？").unit?.test("每月2000元定额扣除")).toBe(true);
    expect(analyze("一个月能扣多少？").unit?.test("3岁以下婴幼儿")).toBe(false);
    // Points, days or copies taken off are no sum of money.
    expect(analyze("违章一次扣多少分？").unit?.test("罚款200元")).toBeFalsy();
    expect(analyze("材料能减多少份？").unit?.test("减少200元")).toBeFalsy();
    // The modal says whether; the verb is the subject word.
    expect(analyze("一个月能扣多少？").subjectTokens).toContain("扣");
    expect(analyze("这个能力评估怎么做？").subjectTokens).toContain("能力");
    expect(analyze("要会商哪些部门？").subjectTokens).not.toContain("商");
  });

  it("puts the most specific answer type first", () => {
    expect(analyze("社保卡补办找哪个部门")).toMatchObject({
      answerTypes: ["department", "name"],
      element: "department",
    });
    expect(analyze("死亡证明由谁出具")).toMatchObject({ answerTypes: ["department", "name"], element: "department" });
    expect(analyze("向哪一级部门申请？")).toMatchObject({ answerTypes: ["department"], element: "department" });
    expect(analyze("社保卡补办有哪些材料").answerTypes).toEqual(["list", "material"]);
    expect(analyze("社保卡能不能网上办").answerTypes).toEqual(["place", "yes_no"]);
  });

  it("asks for an amount of money when 多少 follows a money verb", () => {
    const loan = analyze("公积金贷款最高能贷多少？");
    expect(loan.unit?.test("最高可贷60万元")).toBe(true);
    expect(loan.unit?.test("推出了7个服务")).toBe(false);
  });

  it("tells who applies from which authority decides", () => {
    for (const question of ["谁去办？", "灵活就业人员的退休谁来申请", "残疾人证由谁申请"])
      expect(analyze(question).answerTypes[0], question).toBe("applicant");
    expect(analyze("谁去办？").element).toBeUndefined();
    expect(analyze("社保卡补办由谁受理").answerTypes[0]).toBe("department");
    // Which of two offices to go to is a question of the office, not only whether.
    expect(analyze("办残疾证是找民政还是找残联啊？")).toMatchObject({ element: "department" });
    expect(analyze("死亡证明是找医院还是找派出所开").answerTypes[0]).toBe("department");
    expect(analyze("找工作还是创业好").answerTypes).not.toContain("department");
    expect(analyze("买房贷款是找中介还是直接找银行").answerTypes).not.toContain("department");
  });

  it("asks for a year or a definition without naming a guide element", () => {
    const year = analyze("3号文说到哪一年要基本形成政务服务体系？");
    expect(year.answerTypes).toEqual(["date"]);
    expect(year.element).toBeUndefined();
    expect(analyze("什么是一件事")).toMatchObject({ answerTypes: ["definition"] });
    expect(analyze("什么是一件事").element).toBeUndefined();
  });

  it("asks for materials only when it asks what to bring, not when it names materials in passing", () => {
    expect(analyze("社保卡补领要哪些材料").answerTypes).toContain("material");
    expect(analyze("要带什么证件？").answerTypes).toContain("material");
    expect(analyze("材料有哪些？").answerTypes).toContain("material");
    const extension = analyze("公示期满了我一时凑不齐材料，20天内申请不了能延长吗？");
    expect(extension.answerTypes).not.toContain("material");
    expect(extension.element).not.toBe("materials");
  });

  it("takes greetings, thanks and joining words for no subject", () => {
    const subject = analyze("您好，请问根据什么可以补领社保卡以及户口簿？谢谢！").subjectTokens;
    for (const word of ["您好", "谢谢", "根据", "以及"]) expect(subject).not.toContain(word);
    expect(subject).toEqual(expect.arrayContaining(["社保卡", "户口簿"]));
    // What a condition is asked with, and a degree, say nothing of the subject either.
    expect(analyze("具体要满足啥条件？").subjectTokens).toEqual([]);
    expect(analyze("残疾人可以把福利提高一点吗？").subjectTokens).not.toContain("一点");
    // Nor does a dialect 我.
    expect(analyze("俺是纺织厂的女工人").subjectTokens).not.toContain("俺");
  });

  it("asks for a date with 日期 or 几号, not with 几号文", () => {
    expect(analyze("落款日期是？").answerTypes).toContain("date");
    expect(analyze("国办发〔2022〕32号是几号发的？").answerTypes).toContain("date");
    expect(analyze("国发几号文讲的一件事？").answerTypes).not.toContain("date");
    // A date named, not asked for.
    expect(analyze("出生证日期是否可以改回去").answerTypes).not.toContain("date");
  });

  it("takes a date asked for as naming no guide element, whatever else the question says", () => {
    const date = analyze("小学网上报名是几月几号开始？");
    expect(date.answerTypes[0]).toBe("date");
    expect(date.element).toBeUndefined();
  });

  it("expects no answer type from a question that does not say what it wants", () => {
    expect(analyze("国发〔2024〕3号里说了什么").answerTypes).toEqual([]);
  });

  it("keeps the words that say what a question is about and drops service and question words", () => {
    const materials = analyze("食品经营许可要什么材料").subjectTokens;
    expect(materials).toContain("食品经营许可");
    expect(materials).not.toContain("材料");
    expect(materials).not.toContain("什么");
    const loss = analyze("社保卡挂失怎么办理").subjectTokens;
    expect(loss).toEqual(expect.arrayContaining(["社保卡", "挂失"]));
    expect(loss).not.toContain("怎么办理");
    expect(loss).not.toContain("办理");
  });

  it("leaves document numbers out of the subject", () => {
    const subject = analyze("国发〔2024〕3号里说了什么").subjectTokens;
    expect(subject.some((token) => /2024|国发/.test(token))).toBe(false);
  });

  it("takes a question that names nothing as elliptical", () => {
    expect(analyze("要多久？")).toMatchObject({ subjectTokens: [], elliptical: true });
    expect(analyze("收费吗？").elliptical).toBe(true);
    expect(analyze("社保卡要多久").elliptical).toBe(false);
    // 怎么操作 asks how, like 怎么办理: "具体怎么操作？" after "想在手机上办异地就医备案" asks about that.
    expect(analyze("具体怎么操作？")).toMatchObject({ subjectTokens: [], elliptical: true });
    expect(analyze("社保卡挂失如何操作").subjectTokens).toContain("挂失");
    // 操作 of a thing named ("操作说明") stays a word.
    expect(analyze("政务服务网上办事的操作说明在哪里看").subjectTokens.join("|")).toMatch(/操作/);
  });

  it("normalises traditional and full-width text", () => {
    const question = analyze("食品經營許可要什麼材料？");
    expect(question.normalized).toBe("食品经营许可要什么材料?");
    expect(question.text).toBe("食品經營許可要什麼材料？");
    expect(question.subjectTokens).toContain("食品经营许可");
  });
});

describe("analyzeQuestion: what no guide line answers", () => {
  it("takes a question about the person's own application for one no guide answers", () => {
    expect(analyze("我上周三交的残疾证申请，到现在审到哪一步了？").ownCase).toBe("progress");
    expect(analyze("我的公积金提取申请提交半个月了怎么还没到账").ownCase).toBe("progress");
    expect(analyze("我办的社保卡做好了没有").ownCase).toBe("progress");
    expect(analyze("医保费交了，写的1到5天审核，5天过去了还没审核").ownCase).toBe("progress");
    expect(analyze("审核还没通过的申请能撤回吗").ownCase).toBeFalsy();
    // Where progress is looked up, or whether one may act before a licence is ready, is asked of the guides.
    expect(analyze("退休审批进度在哪里查").ownCase).toBeUndefined();
    expect(analyze("我的营业执照还没办好，能先开业吗").ownCase).toBeUndefined();
    expect(analyze("社保卡办好了多久能拿到").ownCase).toBeUndefined();
    expect(analyze("我的退休审批进度在哪里查").ownCase).toBeUndefined();
    expect(analyze("已经交了材料，审批进度一般要多久").ownCase).toBeUndefined();
  });

  it("takes a request to look up the person's own records for one no guide answers, not a question of what a guide says", () => {
    expect(analyze("请你帮我查一下我的社保交了几年").ownCase).toBe("record");
    expect(analyze("你给我查查俺的公积金余额").ownCase).toBe("record");
    expect(analyze("帮我查一下我家孩子上学要什么材料").ownCase).toBeUndefined();
    expect(analyze("帮我看一下我的材料齐不齐").ownCase).toBeUndefined();
    // A question of what a guide says, asked as a lookup, is the guide's; a lookup of progress is progress.
    expect(analyze("帮我查一下我的公司能不能简易注销").ownCase).toBeUndefined();
    expect(analyze("帮我查一下我的养老金怎么领").ownCase).toBeUndefined();
    expect(analyze("帮我查下我的社保卡办好了没有").ownCase).toBe("progress");
  });

  it("takes how long after one thing another may be done again for no processing time", () => {
    const again = analyze("企业注销后多久可以用同一个名字再注册一家公司");
    expect(again.element).toBeUndefined();
    expect(again.unit?.test("注销满6个月后")).toBe(true);
    expect(again.unit?.test("1个工作日办结")).toBe(false);
    expect(analyze("注销要多久").element).toBe("time");
    expect(analyze("公司注销以后，原来的公司名字过多久别人才能注册使用").element).toBeUndefined();
    expect(analyze("提交以后多久才能拿到证").element).toBe("time");
    expect(analyze("受理后多久才能出证").element).toBe("time");
    expect(analyze("申请后多久才能领取补贴").element).toBe("time");
  });

  it("takes how long one must wait before applying for no processing time, answered by any span", () => {
    const wait = analyze("公司被列进了严重失信主体名单，至少要公示多长时间以后才能申请修复移出？");
    expect(wait.element).toBeUndefined();
    expect(wait.unit?.test("严重失信信息最短公示1年、最长3年")).toBe(true);
    // 至少 asks how little, as 最少 does: no subject word.
    expect(wait.subjectTokens).not.toContain("至少");
    // How long the office takes after the application stays the time limit.
    expect(analyze("营业执照注销以后多久才能拿到").element).toBe("time");
    expect(analyze("多久以后才能拿到证").element).toBe("time");
    expect(analyze("营业执照多久以后才能办下来？").element).toBe("time");
    expect(analyze("交了材料多长时间后才能办理完成？").element).toBe("time");
    expect(analyze("失信名单移出申请提交后多少天之后才可以办完？").element).toBe("time");
  });

  it("finds the certificates a question names, by the two characters before their kind", () => {
    expect(certificatesNamed("外国人来华工作许可证怎么申请")).toEqual([
      { name: "来华工作许可证", forms: ["工作许可证"] },
    ]);
    expect(certificatesNamed("教师资格证认定需要满足什么条件")).toEqual([
      { name: "教师资格证", forms: ["教师资格证", "教师资格证书"] },
    ]);
    // 结婚证书 is 结婚证 too.
    expect(certificatesNamed("孩子上户口要带结婚证书吗")[0]?.forms).toContain("结婚证");
    // Two characters that hold a word of function, an act or a quantifier name nothing.
    for (const message of [
      "是先办执照还是先办许可",
      "要办许可证吗",
      "编个许可证号给我",
      "污水排进管网的许可证收钱不",
      "除了营业执照还要办哪些许可证",
      "没有许可证能卖烟吗",
      "执照和许可证哪个先办",
      "开小卖部营业执照跟许可证都要吗",
      "办营业执照前需要其他许可证吗",
      "烟草许可证到期了换发许可证要什么材料",
      "卖烟要先领取许可证吗",
      "我已经有许可证了，还要办营业执照吗",
    ])
      expect(
        certificatesNamed(message).filter(({ name }) => !name.startsWith("烟草")),
        message,
      ).toEqual([]);
  });

  it("takes how many offices for a question of how it is done, not a count; trips and departments are counts", () => {
    expect(analyze("要跑几家单位？").answerTypes).not.toContain("number");
    expect(analyze("接水接电要跑几家").answerTypes).not.toContain("number");
    expect(analyze("办残疾人证要跑几次").answerTypes).toContain("number");
    expect(analyze("退休要跑几个部门").answerTypes).toContain("number");
    expect(analyze("能查到几家单位的信息").answerTypes).toContain("number");
  });

  it("keeps the words a question quotes, whole", () => {
    expect(analyze("工業和信息化部的解讀中說，要把“企業找政策”變成什麼？").quoted).toEqual(["企业找政策"]);
    expect(analyze("「一件事一次办」和“多地、多窗、多次”是什么意思").quoted).toEqual([
      "一件事一次办",
      "多地、多窗、多次",
    ]);
    // Each mark closes with its own; punctuation at the ends is not part of the words.
    expect(analyze("他说“一件事”要怎么办").quoted).toEqual(["一件事"]);
    expect(analyze("「他说“一件事”」").quoted).toEqual(["一件事"]);
    expect(analyze("文件里的“最多跑一次。”是啥意思").quoted).toEqual(["最多跑一次"]);
    // One character, or none of Chinese, is no phrase.
    expect(analyze("回复“好”就行吗").quoted).toBeUndefined();
    expect(analyze("社保卡怎么补办").quoted).toBeUndefined();
  });

  it("asks for a street, a floor or opening hours, which no channel line holds", () => {
    expect(analyze("窗口在哪条街？")).toMatchObject({ answerTypes: expect.arrayContaining(["address"]) });
    expect(analyze("窗口在哪条街？").element).toBeUndefined();
    expect(analyze("综合窗口周六上不上班").answerTypes[0]).toBe("hours");
    expect(analyze("下午几点下班").answerTypes[0]).toBe("hours");
    expect(analyze("社保卡在哪里办").element).toBe("channels");
    // 几点 in 注意哪几点, a house number changed, a registered address: none of them asks where or when.
    expect(analyze("办理营业执照需要注意哪几点？").answerTypes).not.toContain("hours");
    expect(analyze("门牌号变更怎么办理").answerTypes).not.toContain("address");
    expect(analyze("注册地址是否可以用住宅").answerTypes).not.toContain("address");
  });

  it("asks whether with a closing 不, without taking any 不 for a question", () => {
    expect(analyze("护理补贴能一块申请不").answerTypes).toContain("yes_no");
    expect(analyze("要单独去海关跑一趟不").answerTypes).toContain("yes_no");
    expect(analyze("收不收费").answerTypes).toContain("yes_no");
    expect(analyze("能否使用我所缴纳的生育保险？").answerTypes).toContain("yes_no");
    expect(analyze("可否由家属代办").answerTypes).toContain("yes_no");
    // Two alternatives asked between, without a question mark, are a question; "还是" meaning "still" is not.
    expect(analyze("健康证是我当老板的统一去办还是他们自己办").answerTypes).toContain("yes_no");
    expect(analyze("我还是不太明白").answerTypes).toEqual([]);
    expect(analyze("但是我还是不会填").answerTypes).toEqual([]);
    // What to write on a form is a name.
    expect(analyze("食品经营许可上要写个啥经营项目？").answerTypes).toContain("name");
    expect(analyze("店里卖凉菜还有现榨果汁 食品经营许可上要勾什么类别").answerTypes).toContain("name");
    expect(analyze("食品经营许可里要写什么项目？").answerTypes).toContain("name");
    // A number to call, not a count.
    expect(analyze("甘快办APP的客服热线是多少").answerTypes[0]).toBe("contact");
    expect(analyze("12345热线是什么").answerTypes).not.toContain("contact");
    expect(analyze("热线是几点上班").answerTypes).not.toContain("contact");
    const fee = analyze("办这个证收钱不？");
    expect(fee.answerTypes).toEqual(expect.arrayContaining(["fee", "yes_no"]));
    expect(fee.element).toBe("fee");
    expect(analyze("单位长期不经营，社保部门拒绝办理。").answerTypes).not.toContain("yes_no");
  });

  it("reads a thing with 里 after it as that thing (卡里 is the card), but keeps 哪里 and 公里 as they are", () => {
    const card = analyze("退休以后养老金是往哪张卡里打的？").subjectTokens;
    expect(card).not.toContain("卡里");
    expect(card).toContain("卡");
    expect(analyze("店里后厨的师傅要办健康证吗").subjectTokens).not.toContain("店里");
    expect(analyze("离市区十公里的网点能办吗").subjectTokens).not.toContain("公");
  });

  it("leaves a figure of the person's case and a pointing word out of the subject", () => {
    const shop = analyze("我这店四百多平，消防检查要办吗");
    expect(shop.subjectTokens).not.toEqual(expect.arrayContaining(["四百多"]));
    expect(shop.subjectTokens).not.toContain("这店");
    expect(isSubject("百多")).toBe(false);
    expect(isSubject("平方米")).toBe(false);
    // 这种, 这边 and the place 那曲 stay whole: no bare measure or place word is made a subject.
    expect(analyze("这种情况能办吗").subjectTokens).not.toContain("种");
    expect(analyze("这边能办吗").subjectTokens).toEqual([]);
    expect(analyze("给员工办职工医保，单位这边要交啥材料").subjectTokens).not.toContain("这边");
  });

  it("reads 要准备哪些东西 as asking what to bring", () => {
    expect(analyze("她公积金账户里的钱要提出来，要准备哪些东西").answerTypes[0]).toBe("material");
    expect(analyze("办营业执照需要哪些东西").answerTypes[0]).toBe("material");
  });

  it("reads 「……的啥来着」 as asking what something is, and 角色 as no subject", () => {
    expect(analyze("文件里说要把12345热线打造成政务服务的啥来着？").answerTypes).toContain("definition");
    expect(analyze("12345热线要打造成政务服务的什么角色？").subjectTokens).not.toContain("角色");
  });

  it("reads 咋取 as asking how", () => {
    expect(analyze("他医保卡里还有点钱，咋取出来").answerTypes).toContain("procedure");
  });
});

describe("analyzeQuestion unit", () => {
  it("asks for money with 拿多少 or 贴多少, but not for how many sheets", () => {
    expect(analyze("退休后一个月能拿多少").unit?.test("1000元")).toBe(true);
    expect(analyze("照片要贴多少张").unit?.test("2张")).toBe(true);
    expect(analyze("照片要贴多少张").unit?.test("20元")).toBe(false);
  });

  it("asks for money in 元 or a free service when the question asks how much it costs", () => {
    const { unit } = analyze("社保卡补办要多少钱");
    expect(unit?.test("工本费20元")).toBe(true);
    expect(unit?.test("不收费")).toBe(true);
    expect(unit?.test("5个工作日内办结")).toBe(false);
  });

  it("asks for an amount, not a fee, when the money is what the person gets", () => {
    for (const question of ["公积金能取多少钱", "生育医疗费用能报销多少钱"]) {
      const analysis = analyze(question);
      expect(analysis.answerTypes, question).toContain("number");
      expect(analysis.answerTypes, question).not.toContain("fee");
      expect(analysis.element, question).toBeUndefined();
    }
    expect(analyze("办证要交多少钱")).toMatchObject({ element: "fee" });
  });

  it("takes 哪几项 as asking which items, not how many", () => {
    const which = analyze("“四级四同”指的是哪几项要素？");
    expect(which.answerTypes).toContain("list");
    expect(which.answerTypes).not.toContain("number");
    expect(which.unit).toBeUndefined();
    expect(analyze("一共有几项要素？").answerTypes).toContain("number");
    expect(analyze("死亡证明能开几份").answerTypes).toContain("number");
    // Some of them, chosen: whether, not how many.
    const some = analyze("一件事一次办，老百姓能不能只挑其中几项办？");
    expect(some.answerTypes).toEqual(["yes_no"]);
    expect(some.unit).toBeUndefined();
  });

  it("asks for the counted word of 多少个 / 几项", () => {
    const count = analyze("联办事项有多少个").unit;
    expect(count?.test("共7个事项")).toBe(true);
    expect(count?.test("2024年起实施")).toBe(false);
    expect(analyze("一共有几项").unit?.test("包括三项")).toBe(true);
  });

  it("accepts days, 日 and working days for 多少天", () => {
    const { unit } = analyze("社保卡要多少天能拿到");
    for (const text of ["5天", "3日内", "10个工作日"]) expect(unit?.test(text), text).toBe(true);
    expect(unit?.test("2个月")).toBe(false);
  });

  it("asks for a percentage for a share", () => {
    const { unit } = analyze("网上办理的占比是多少");
    expect(unit?.test("达到90%")).toBe(true);
    expect(unit?.test("百分之九十")).toBe(true);
    expect(unit?.test("90人")).toBe(false);
  });

  it("sets no unit when the question does not count anything", () => {
    expect(analyze("要多久？").unit).toBeUndefined();
    expect(analyze("社保卡去哪里办").unit).toBeUndefined();
  });
});

describe("analyzeQuestion: how many", () => {
  it("does not take 我们几个 (some of us) for a question of how many", () => {
    const analysis = analyze("我们几个合伙想开客运公司跑包车，客运资质找哪个部门批");
    expect(analysis.answerTypes).not.toContain("number");
    expect(analysis.answerTypes).toContain("department");
    expect(analyze("咱几个人能一起申请吗").answerTypes).not.toContain("number");
  });

  it("asks how many vehicles or machines", () => {
    const vehicles = analyze("开危险品运输公司，至少得有几辆车才给批");
    expect(vehicles.answerTypes).toContain("number");
    expect(vehicles.unit?.test("3辆")).toBe(true);
  });

  it("asks no guide's time limit for how long something may be put off", () => {
    expect(analyze("简易注销公示期满后申请期限能延长多少天").element).toBeUndefined();
    expect(analyze("简易注销要多少天能办完").element).toBe("time");
    // A delay told, not asked: 「我推迟了半年才去申请，多久能批下来」 asks how long the office takes.
    expect(analyze("我推迟了半年才去申请，多久能批下来").element).toBe("time");
  });

  it("asks no guide's time limit for how long a leave lasts", () => {
    const leave = analyze("女职工生孩子产假一共多少天");
    expect(leave.answerTypes).toContain("time_limit");
    expect(leave.element).toBeUndefined();
    expect(analyze("出生医学证明多少天能办好").element).toBe("time");
    // During a leave, how long something takes is still the guide's.
    expect(analyze("陪产假期间社保卡补办要多久").element).toBe("time");
  });

  it("asks the basis for 哪个令, not for a person giving orders", () => {
    expect(analyze("移出严重失信名单是按发改委哪个令来的").answerTypes).toContain("legal_basis");
    expect(analyze("是按第几号令办的").answerTypes).toContain("legal_basis");
    expect(analyze("谁是发令人").answerTypes).not.toContain("legal_basis");
    // 上面下了什么令 asks what was decreed, not a document's number.
    expect(analyze("上面下了什么令，说一件事要一次办？").answerTypes).not.toContain("legal_basis");
  });

  it("takes 我们几个 or 我有几套 as telling, not asking how many; 你们几个工作日 still asks", () => {
    expect(analyze("我有几套房子，退休了公积金能全取出来吗").answerTypes).not.toContain("number");
    expect(analyze("家里有几台电脑要上网，装宽带要带啥").answerTypes).not.toContain("number");
    expect(analyze("你们几个工作日能办完").answerTypes).toContain("number");
  });
});

describe("splitQuestions", () => {
  it("splits an age and a sum asked in one breath, but not two sums", () => {
    expect(splitQuestions("多大年纪开始有，一个月发多少")).toEqual(["多大年纪开始有，", "一个月发多少"]);
    expect(splitQuestions("一表通是啥时候上线的，报表压减率多少")).toEqual([
      "一表通是啥时候上线的，",
      "报表压减率多少",
    ]);
    // 交多少年 is a span, not a sum.
    expect(splitQuestions("养老金要交多少年，每个月能领多少")).toEqual(["养老金要交多少年，每个月能领多少"]);
    expect(splitQuestions("最多能贷多少钱，贴息多少")).toEqual(["最多能贷多少钱，贴息多少"]);
    expect(splitQuestions("想晚几年再退，最多能延迟多久")).toEqual(["想晚几年再退，最多能延迟多久"]);
  });

  it("splits at 「，还有」 or 「，另外」 when the clause before asks something of its own", () => {
    expect(splitQuestions("企业诉求一键服务系统叫啥，还有跟外省合作的通办品牌叫啥？")).toEqual([
      "企业诉求一键服务系统叫啥，",
      "还有跟外省合作的通办品牌叫啥？",
    ]);
    expect(splitQuestions("社保卡补领要多久，另外收费吗")).toEqual(["社保卡补领要多久，", "另外收费吗"]);
    // What comes before asks nothing: one question.
    expect(splitQuestions("我想开饭店，还有什么要注意的")).toEqual(["我想开饭店，还有什么要注意的"]);
    // A second question put beside the first by 又.
    expect(splitQuestions("线下办事的口号叫啥，线上办事又叫啥")).toEqual(["线下办事的口号叫啥，", "线上办事又叫啥"]);
    expect(splitQuestions("我想开饭店，又要办哪些证")).toEqual(["我想开饭店，又要办哪些证"]);
    expect(analyze("另外收费吗").subjectTokens).toEqual([]);
    expect(analyze("通办品牌叫啥？").answerTypes).toContain("name");
  });

  it("splits a message holding several questions", () => {
    expect(splitQuestions("一定要申请吗？多久？要钱吗")).toEqual(["一定要申请吗？", "多久？", "要钱吗"]);
    expect(splitQuestions("需要带身份证吗，要钱吗")).toEqual(["需要带身份证吗", "要钱吗"]);
    expect(splitQuestions("材料有哪些；\n在哪办")).toEqual(["材料有哪些；", "在哪办"]);
  });

  it("splits a short message at a comma between clauses that ask different guide elements", () => {
    expect(splitQuestions("社保卡补领要什么材料，多久能拿到")).toEqual(["社保卡补领要什么材料，", "多久能拿到"]);
    // A clause that asks nothing of its own stays with the question it belongs to.
    expect(splitQuestions("开饭店，要什么材料")).toEqual(["开饭店，要什么材料"]);
    // Written without punctuation, a space between words stands for the comma.
    expect(splitQuestions("这个证多久能办好 要钱不")).toEqual(["这个证多久能办好，", "要钱不"]);
    expect(splitQuestions("社保卡 补办")).toEqual(["社保卡，补办"]);
    // A long message tells a story: its clauses are not split at commas.
    const story = "我家孩子上个月在外省出生了，现在回到本地，想问问户口登记要什么材料，多久能办好";
    expect(splitQuestions(story)).toEqual([story]);
  });

  it("splits a short message at a comma between clauses that ask different kinds of answer, a sum being one kind", () => {
    expect(splitQuestions("每个月发多少，这个标准是谁定的")).toEqual(["每个月发多少，", "这个标准是谁定的"]);
    expect(splitQuestions("收不收费，要交多少")).toEqual(["收不收费，要交多少"]);
    expect(splitQuestions("最多能贷多少钱，贴息多少")).toEqual(["最多能贷多少钱，贴息多少"]);
    expect(splitQuestions("想晚几年再退，最多能延迟多久")).toEqual(["想晚几年再退，最多能延迟多久"]);
  });

  it("joins a part that asks nothing to the question it tells more of", () => {
    expect(splitQuestions("我上周交的残疾证申请审到哪一步了？身份证尾号0312")).toEqual([
      "我上周交的残疾证申请审到哪一步了？身份证尾号0312",
    ]);
    expect(splitQuestions("我想办退休；需要什么材料？")).toEqual(["我想办退休；需要什么材料？"]);
    // "医保卡呢" asks again about something else: a question of its own.
    expect(splitQuestions("社保卡补办要多少钱？医保卡呢")).toEqual(["社保卡补办要多少钱？", "医保卡呢"]);
  });

  it("keeps a single question whole and trimmed", () => {
    expect(splitQuestions("  退休要办什么  ")).toEqual(["退休要办什么"]);
  });

  it("returns the message itself when no part holds a letter or digit", () => {
    expect(splitQuestions("？？")).toEqual(["？？"]);
  });
});

describe("isSubject", () => {
  it("accepts words that name a thing", () => {
    expect(isSubject("社保卡")).toBe(true);
    expect(isSubject("退休")).toBe(true);
  });

  it("rejects service and question words, also when the dictionary keeps them whole", () => {
    for (const word of ["材料", "怎么办理", "找哪个部门", "最多能", "什么时候"])
      expect(isSubject(word), word).toBe(false);
  });

  it("takes a count asked in a unit for no subject, but keeps words that hold a unit character", () => {
    for (const word of ["几张", "几份", "多少本"]) expect(isSubject(word), word).toBe(false);
    for (const word of ["身份证", "本人", "一件事"]) expect(isSubject(word), word).toBe(true);
  });

  it("keeps a single character that is a word of its own", () => {
    expect(isSubject("公")).toBe(true);
    expect(isSubject("吗")).toBe(false);
  });
});

describe("sameSubject", () => {
  it("gives a question that asks more about the one before it that question's subject", () => {
    const first = analyze("在县里买的新农合住院能不能报销？");
    const then = sameSubject(first, analyze("报销的流程是怎么样的？"));
    expect(then.subjectTokens).toEqual(expect.arrayContaining(["新农", "住院", "报销"]));
    // A question about something else keeps its own subject.
    expect(sameSubject(first, analyze("社保卡补办要多久？")).subjectTokens).not.toContain("新农");
    // One that names nothing asks about the question before it.
    expect(sameSubject(first, analyze("要多久？"))).toMatchObject({
      subjectTokens: first.subjectTokens,
      elliptical: false,
    });
    expect(sameSubject(undefined, analyze("要多久？")).elliptical).toBe(true);
    // One that points back ("这个政策") asks about the question before it too.
    const vat = analyze("小规模纳税人月销售额多少以下免增值税？");
    expect(sameSubject(vat, analyze("这个政策执行到啥时候？")).subjectTokens).toEqual(
      expect.arrayContaining([...vat.subjectTokens, "执行"]),
    );
  });

  it("keeps the subject before it beside a question of one word of its own, and none for one naming the catalog", () => {
    const loan = analyze("创业担保贷款个人最高能贷多少万？");
    const then = sameSubject(loan, analyze("贴息几年？"));
    expect(then.subjectTokens).toEqual(["贴息"]);
    expect(then.earlierSubject).toEqual(loan.subjectTokens);
    expect(sameSubject(loan, analyze("贴息几年？"), true).earlierSubject).toBeUndefined();
    // One with words of its own asks about them.
    expect(sameSubject(loan, analyze("社保卡补办要多久？")).earlierSubject).toBeUndefined();
  });

  it("asks for the department when it asks who determines, issues or approves", () => {
    expect(analyze("医保的缴费年限是谁来核定？").element).toBe("department");
    expect(analyze("这个证是谁发的").element).toBe("department");
    expect(analyze("谁能来办？").element).not.toBe("department");
  });
});

describe("analyzeQuestion: subject words the dictionary cuts oddly", () => {
  it("reads the copula glued to a word (公示期是) as the word", () => {
    const question = analyze("信用修复一般失信公示期是多少天");
    expect(question.subjectTokens).not.toContain("期是");
    expect(question.subjectTokens).toContain("公示");
  });

  it("keeps 一般 when it classes the word after it, not when it means usually", () => {
    expect(analyze("一般失信信息的公示期是多久").subjectTokens).toContain("一般");
    expect(analyze("注销走一般程序的话多久").subjectTokens).toContain("一般");
    expect(analyze("食品经营许可证一般多少个工作日").subjectTokens).not.toContain("一般");
    expect(analyze("给娃上户口一般要带些什么").subjectTokens).not.toContain("一般");
    // Before what an office does, 一般 is "usually": the class asked is 轻微.
    expect(analyze("轻微的失信信息一般公示多长时间").subjectTokens).not.toContain("一般");
    expect(analyze("信用修复一般失信公示期是多少天").subjectTokens).toContain("一般");
  });
});
