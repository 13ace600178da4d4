import { z } from "zod";

/**
 * The facts a benefit's conditions may test, one registry entry per fact: its kind, the Chinese
 * label used in reasons, and the question the chat asks when the fact decides a benefit.
 * Dates are not facts: the profile builders turn birth dates into ages (see src/benefits).
 */
export const FACT_NAMES = [
  "age",
  "sex",
  "localResident",
  "youngestChildAge",
  "childCount",
  "childInSchool",
  "employmentStatus",
  "employeeInsured",
  "unemploymentInsuranceYears",
  "involuntarilyUnemployed",
  "registeredUnemployed",
  "hardToEmploy",
  "startingBusiness",
  "graduateWithinTwoYears",
  "pensionContributionYears",
  "reachedRetirementAge",
  "retired",
  "receivingPension",
  "disabilityGrade",
  "disabilityCategory",
  "lowIncomeFamily",
  "needsLongTermCare",
  "onlyChildParent",
  "familyPlanningLeave",
  "housingFundAccount",
  "deceasedHousingFundAccount",
  "familyMemberDied",
  "insuredFamilyMemberDied",
  "paysIncomeTax",
  "supportsParentOver60",
  "enterpriseType",
  "employees",
  "totalAssets",
  "annualTaxableIncome",
  "vatTaxpayerType",
  "monthlySales",
  "yearsSinceRegistration",
  "hiredYoungJobseekers",
  "hiredHardToEmploy",
  "paysUnemploymentInsurance",
  "layoffRateWithinLimit",
  "seriousDishonesty",
] as const;
export const FactNameSchema = z.enum(FACT_NAMES);
export type FactName = z.infer<typeof FactNameSchema>;

export type FactKind = "number" | "boolean" | "enum";

export interface FactSpec {
  kind: FactKind;
  subject: "individual" | "enterprise";
  /** Chinese label used in reasons ("年龄"). */
  label: string;
  /** What the chat asks to learn it. */
  question: string;
  /** For enum facts: value → Chinese label. */
  options?: Record<string, string>;
  /** For number facts: the unit shown after a value. */
  unit?: string;
}

const yesNo = (
  label: string,
  question: string,
  subject: "individual" | "enterprise" = "individual",
): FactSpec & { kind: "boolean" } => ({
  kind: "boolean",
  subject,
  label,
  question,
});

export const FACTS = {
  age: { kind: "number", subject: "individual", label: "年龄", unit: "周岁", question: "请问您今年多大年龄（周岁）？" },
  sex: {
    kind: "enum",
    subject: "individual",
    label: "性别",
    options: { male: "男", female: "女" },
    question: "请问您的性别是？",
  },
  localResident: yesNo("本地户籍或常住", "请问您是本地户籍或在本地常住吗？"),
  youngestChildAge: {
    kind: "number",
    subject: "individual",
    label: "最小子女年龄",
    unit: "周岁",
    question: "请问您最小的孩子现在几周岁？（未满1周岁请答0）",
  },
  childCount: { kind: "number", subject: "individual", label: "子女数", unit: "个", question: "请问您有几个孩子？" },
  childInSchool: yesNo(
    "有年满3周岁、正在接受学前教育或全日制学历教育的子女",
    "请问您是否有年满3周岁、正在上幼儿园或全日制上学的子女？",
  ),
  employmentStatus: {
    kind: "enum",
    subject: "individual",
    label: "就业状态",
    options: { employed: "在职", flexible: "灵活就业", unemployed: "失业", retired: "已退休", student: "在校学生" },
    question: "请问您目前是在职、灵活就业、失业、已退休还是在校学生？",
  },
  employeeInsured: yesNo(
    "参加职工社会保险（含生育保险）",
    "请问您（或单位为您）是否参加了职工社会保险（含生育保险）？",
  ),
  unemploymentInsuranceYears: {
    kind: "number",
    subject: "individual",
    label: "失业保险缴费年限",
    unit: "年",
    question: "请问失业前您和单位累计缴纳失业保险费满几年？",
  },
  involuntarilyUnemployed: yesNo(
    "非因本人意愿中断就业",
    "请问您是非因本人意愿（如被辞退、合同到期单位不续签）失业的吗？",
  ),
  registeredUnemployed: yesNo("已办理失业登记", "请问您是否已办理失业登记并有求职要求？"),
  hardToEmploy: yesNo("经认定的就业困难人员", "请问您是否经人社部门认定为就业困难人员？"),
  startingBusiness: yesNo("正在或准备自主创业", "请问您是否正在或准备自主创业？"),
  graduateWithinTwoYears: yesNo("毕业年度或离校2年内的高校毕业生", "请问您是毕业年度或离校2年内的高校毕业生吗？"),
  pensionContributionYears: {
    kind: "number",
    subject: "individual",
    label: "基本养老保险累计缴费年限",
    unit: "年",
    question: "请问您基本养老保险累计缴费满几年？",
  },
  reachedRetirementAge: yesNo("达到法定退休年龄", "请问您是否已达到法定退休年龄？"),
  // Having retired (离休、退休) is not reaching the age: since 2025 the two can be up to three years
  // apart either way, and a retiree may work again (返聘). Derived when other facts settle it (derive-facts.ts).
  retired: yesNo("已离休、退休（已办理退休手续）", "请问您是否已办理退休（离休）手续？"),
  receivingPension: yesNo("已按月领取基本养老金", "请问您是否已在按月领取基本养老金？"),
  disabilityGrade: {
    kind: "number",
    subject: "individual",
    label: "残疾等级",
    unit: "级",
    question: "请问残疾人证上的残疾等级是几级（一至四级，请答数字）？",
  },
  disabilityCategory: {
    kind: "enum",
    subject: "individual",
    // Read off the certificate (the pre-review reads it there): a category means a certificate is held.
    label: "残疾人证上的残疾类别",
    options: {
      visual: "视力残疾",
      hearing: "听力残疾",
      speech: "言语残疾",
      physical: "肢体残疾",
      intellectual: "智力残疾",
      mental: "精神残疾",
      multiple: "多重残疾",
    },
    question: "请问残疾人证上的残疾类别是视力、听力、言语、肢体、智力、精神还是多重残疾？",
  },
  lowIncomeFamily: yesNo("低保家庭或低保边缘家庭", "请问您家是否是低保家庭或低保边缘家庭？"),
  needsLongTermCare: yesNo("需要长期照护", "请问是否需要他人长期照护（生活不能完全自理）？"),
  onlyChildParent: yesNo("持有独生子女父母光荣证", "请问您是否领取了《独生子女父母光荣证》？"),
  // Leave that gives the maternity allowance without a newborn: 流产产假 and 计划生育手术休假 (either sex).
  familyPlanningLeave: yesNo(
    "因流产或计划生育手术休假",
    "请问您近期是否因流产或计划生育手术（如放置或取出宫内节育器、绝育手术）休假？",
  ),
  // The person's own account (退休提取); the deceased's is a separate fact, so one profile can hold both.
  housingFundAccount: yesNo("有住房公积金账户", "请问您是否有住房公积金账户？"),
  deceasedHousingFundAccount: yesNo(
    "逝者生前缴存住房公积金",
    "请问去世的家人生前是否缴存过住房公积金（有公积金账户）？",
  ),
  familyMemberDied: yesNo("有家人去世、需办理身后事", "请问是否有家人去世、需要办理身后事？"),
  insuredFamilyMemberDied: yesNo(
    "有参加基本养老保险的家庭成员去世",
    "请问去世的家人生前是否参加了基本养老保险（含已领取养老金）？",
  ),
  paysIncomeTax: yesNo("有工资薪金等综合所得需缴纳个人所得税", "请问您是否有工资薪金等需要缴纳个人所得税的收入？"),
  supportsParentOver60: yesNo("赡养年满60岁的父母", "请问您是否赡养年满60周岁的父母？"),
  enterpriseType: {
    kind: "enum",
    subject: "enterprise",
    label: "经营主体类型",
    options: { company: "企业", individual_business: "个体工商户" },
    question: "请问您是企业还是个体工商户？",
  },
  employees: {
    kind: "number",
    subject: "enterprise",
    label: "从业人数",
    unit: "人",
    question: "请问从业人数有多少人？",
  },
  totalAssets: {
    kind: "number",
    subject: "enterprise",
    label: "资产总额",
    unit: "万元",
    question: "请问资产总额约多少万元？",
  },
  annualTaxableIncome: {
    kind: "number",
    subject: "enterprise",
    label: "年应纳税所得额",
    unit: "万元",
    question: "请问年应纳税所得额约多少万元？",
  },
  vatTaxpayerType: {
    kind: "enum",
    subject: "enterprise",
    label: "增值税纳税人类型",
    options: { small_scale: "小规模纳税人", general: "一般纳税人" },
    question: "请问增值税方面是小规模纳税人还是一般纳税人？",
  },
  monthlySales: {
    kind: "number",
    subject: "enterprise",
    label: "月销售额",
    unit: "万元",
    question: "请问月销售额约多少万元？",
  },
  yearsSinceRegistration: {
    kind: "number",
    subject: "enterprise",
    label: "成立年限",
    unit: "年",
    question: "请问登记成立几年了？",
  },
  hiredYoungJobseekers: yesNo(
    "招用毕业年度或离校2年内未就业高校毕业生、16—24岁登记失业青年并为其参保",
    "请问是否新招用了毕业年度或离校2年内未就业的高校毕业生（或16—24岁登记失业青年）并为其缴纳社会保险？",
    "enterprise",
  ),
  hiredHardToEmploy: yesNo(
    "招用经认定的就业困难人员并为其缴纳社会保险费",
    "请问是否招用了经认定的就业困难人员，签订劳动合同并为其缴纳社会保险费？",
    "enterprise",
  ),
  paysUnemploymentInsurance: yesNo("依法足额缴纳失业保险费", "请问是否依法足额缴纳失业保险费？", "enterprise"),
  layoffRateWithinLimit: yesNo(
    "上年度未裁员或裁员率不高于规定比例",
    "请问上年度是否未裁员，或裁员率不高于当地规定的比例？",
    "enterprise",
  ),
  seriousDishonesty: yesNo("被列入严重失信主体名单", "请问是否被列入严重失信主体名单？", "enterprise"),
} as const satisfies Record<FactName, FactSpec>;

/** The spec of a fact, typed loosely for code that iterates over the registry. */
export function factSpec(name: FactName): FactSpec {
  return FACTS[name];
}
