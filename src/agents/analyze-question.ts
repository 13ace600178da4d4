// What a question asks: its subject words, the kind of answer it expects (a number, a year, a
// list, a name, a definition, yes or no, a procedure, a place, a fee, a time limit …) and the guide
// element it names. Pure text analysis; what the knowledge base says comes later.
import { normalizeText, stripDocumentNumbers, type Tokenizer } from "../retrieval/index.js";
import { SERVICE_WORDS } from "./question-coverage.js";

export type AnswerType =
  | "number"
  | "date"
  | "list"
  | "name"
  | "definition"
  | "yes_no"
  | "procedure"
  | "place"
  | "fee"
  | "time_limit"
  | "material"
  | "condition"
  | "legal_basis"
  | "contact"
  | "department"
  /** Who applies or goes in person ("谁去办？", "由谁申请"): not which authority decides. */
  | "applicant"
  /** A street address, a building or a floor ("在哪条街", "几楼"): more than which office or channel. */
  | "address"
  /** Opening hours ("周六上不上班", "几点下班"). */
  | "hours";

/** The guide elements a question can ask about. */
export const GUIDE_ELEMENTS = [
  "fee",
  "time",
  "contact",
  "materials",
  "conditions",
  "channels",
  "process",
  "basis",
  "department",
] as const;

/** A guide element a question can ask about, and the answer type it implies. */
export type GuideElement = (typeof GUIDE_ELEMENTS)[number];

export interface QuestionAnalysis {
  /** The question as asked. */
  text: string;
  normalized: string;
  /** Expected answer types, the most specific first; empty when the question does not say. */
  answerTypes: AnswerType[];
  /** The guide element it asks about, when it asks about one. */
  element?: GuideElement;
  /** Words that say what the question is about (service, question and function words removed). */
  subjectTokens: string[];
  /** Asks about something without naming it ("要多久？", "收费吗？"): the conversation supplies the subject. */
  elliptical: boolean;
  /**
   * For a question of quantity, what the figure must be counted in ("多少个" → 个, "比例" → %,
   * "多少钱" → 元): a sentence with another figure does not answer it.
   */
  unit?: RegExp;
  /** For a question of how many, the unit the count is asked in ("能查到几个部门" → 个). */
  counted?: string;
  /**
   * For a question of how long, the span asked when it is not how long the office takes (a guide's 承诺办结时限):
   * "公示几天" asks how long a notice stays up.
   */
  span?: SpanAsked;
  /**
   * Subject words that only name the policy document the question is about ("……的指导意见里"): left
   * out when that document is read, where every sentence is about its title.
   */
  namingWords?: string[];
  /**
   * The subject words of the question before it in the same message, for a question of one word of its
   * own that names nothing of the catalog ("……最高能贷多少万？贴息几年？"): asked again with them when
   * its own words answer nothing.
   */
  earlierSubject?: string[];
  /** Subject words only the story told before the question holds: they count for less. */
  background?: string[];
  /**
   * The places an earlier question of the same message named, when this one names none: "深圳也有……吗？
   * 能覆盖多少个领域？" asks the second of Shenzhen too.
   */
  placeAsked?: string;
  /** For a 哪些 question, the word that names the items asked for ("要设哪些窗口" → 窗口). */
  listHead?: string;
  /**
   * Asks how the person's own application stands ("我上周交的申请审到哪一步了", "怎么还没到账": `progress`), or asks
   * the assistant to look up the person's own records ("帮我查一下我的社保交了几年": `record`): no guide says
   * that; only the office handling it, or the platform it was filed on, can.
   */
  ownCase?: "progress" | "record";
  /**
   * Words the question quotes (「要把“企业找政策”变成什么」): a sentence that says them as they are is about
   * what is asked, however the segmenter splits them.
   */
  quoted?: string[];
  /**
   * Certificates the question names that no source names and the lexicon does not translate ("教师资格证",
   * "外国人来华工作许可证" → 工作许可证): set by the message view, which knows the sources. What is said of other
   * certificates does not answer it. The message view adds the public services the knowledge base holds no guide for
   * (knowledge/outside: "护照", "契税"), each as its name and its words.
   */
  unheardNames?: NamedCertificate[];
}

/** A figure with its magnitude ("1.2万亿"): what an amount of money is written with, before 元. */
export const AMOUNT = String.raw`\d+(\.\d+)?\s*[十百千万亿]*`;
const NUMERAL = "(\\d|[一二两三四五六七八九十百千万])";
/**
 * 几 that asks how many, not 几 of "a few": 哪几, 好几, 这几, 前几 (but 提前几), 其中几, 我们几个, and a plan (准备招几个人,
 * 打算开几家店) are not counts asked.
 */
const ASKED_FEW = `(?<![哪好十近这那头]|其中|(?<!提)前|(?:我|咱|俺)们|咱|俺|(?:准备|打算|计划|想)再?(?:招聘|[招雇请聘开买租]))几`;
const COUNTED = new RegExp(
  `(?:多少|${ASKED_FEW})(个月|个工作日|个小时|个星期|个|项|类|种|次|家|倍|批|件|条|人|天|年|月|周岁|岁|周|小时|分钟|份|张|页|部门|方面|级|步|层|辆|台(?!阶)|间|套|平方米|平米|公里|千米|米)`,
  "u",
);

/** The unit a count is asked in, the last one asked ("几个部门" → 个, "多少天" → 天). */
function countedIn(normalized: string): string | undefined {
  return [...normalized.matchAll(new RegExp(COUNTED.source, "gu"))].at(-1)?.[1];
}

/** A rate or a share asked ("比例是多少", "压减率多少"). */
const RATE_ASKED = /(比例|占比|百分之|百分比|几成|率(是)?多少)/u;
/**
 * A sum of money asked, paid or received ("交多少", "能报多少", "每个月发多少"): not when a unit of time or of
 * things follows 多少 ("要交多少年", "缴费多少年", "能领多少个月").
 */
const MONEY_ASKED =
  /(多少钱|几块钱|多少元|费用是多少|缴费标准|收费标准|费是多少|多少补贴|(费|交|缴|贷|借|报销|报|赔|领|退|补|扣|减|发|给|拿|贴)多少(?!\s*(年|个月|月|天|日|周|岁|周岁|小时|分|份|张|个(?!税|人)|次|本|页|项|人(?!民币)|家|批|倍|步|趟)))/u;

/**
 * How much a sum goes up or down, asked ("养老金上调多少", "补贴涨了多少"); not how long or how many it goes on, nor a
 * period raised ("最低缴费年限每年提高多少" is answered in months).
 */
const CHANGE_ASKED =
  /(金|钱|工资|补贴|津贴|补助|待遇|费用|额度|标准)[^，,。？?]{0,6}(上调|下调|调整|上涨|涨|提高|增加|增长|提升)(了)?多少(?!\s*(年|个月|月|天|日|周|岁|周岁|小时|人|个|项|次|家|倍))/u;
/** A distance asked ("隔多远", "距离多少"). */
const DISTANCE_ASKED = /(多远|距离(是|有)?多少|多长距离)/u;

/** The unit the answer's figure must carry, from how the question asks for the quantity. */
function unitOf(normalized: string, counted: string | undefined): RegExp | undefined {
  // How much a sum or a rate goes up or down ("养老金今年上调多少") is a share or a sum, not any figure of the subject
  // (「累计缴费满十五年」).
  if (CHANGE_ASKED.test(normalized)) return new RegExp(`${NUMERAL}\\s*(%|％|个百分点|元|块)|百分之`, "u");
  if (RATE_ASKED.test(normalized) || SHARE_ASKED.test(normalized))
    return new RegExp(
      `${NUMERAL}\\s*(%|％)|百分之|${NUMERAL}成|\\d\\s*/\\s*\\d|[一二三四五六七八九十]分之[一二三四五六七八九十]`,
      "u",
    );
  if (MONEY_ASKED.test(normalized))
    // What is paid out or back may be a share of what was paid: 「不超过其实际缴费的三分之二」, 「50%」.
    return new RegExp(
      `(${AMOUNT}(元|块)|免费|不收费|免收|不收取|[一二三四五六七八九十]+分之[一二三四五六七八九十]+|\\d\\s*[%％]|\\d/\\d)`,
      "u",
    );
  // "孩子多大以内", "多大的店": an age or an area. Not a sum: "贷款额度有多大", "补贴力度有多大".
  if (
    /((孩子|宝宝|娃|小孩|婴儿|年龄|老人|面积|店|门面|铺面|场所)[^，,。？?]{0,6}多大|多大(以内|以下|以上|年龄|年纪|岁|的(店|门面|铺面|场所)|面积))/u.test(
      normalized,
    )
  )
    return new RegExp(`${NUMERAL}\\s*(个)?(月|岁|周岁|平方米|㎡)`, "u");
  // The last count asked is the question's: "……说干够年头可以早几年退。……最早多少岁可以提前退休" asks an age.
  // A count of years is no year: "贴息几年" is not answered by 「自2020年4月1日起」.
  if (counted === "年")
    return /((?<!\d)\d{1,2}|[一二两三四五六七八九十]+)\s*(个)?年(?!\d|[一二三四五六七八九十]+月|级)/u;
  // "多少人" is answered in 万 or 亿 too: 「持卡人数达13.86亿」.
  if (counted === "人") return new RegExp(`${NUMERAL}\\s*[十百千万亿]*\\s*(人|名)|人数[^,，。;；]{0,6}\\d`, "u");
  // An age asked ("几岁能退", "满几周岁") is answered in 岁 or 周岁.
  if (counted === "岁" || counted === "周岁") return new RegExp(`${NUMERAL}\\s*(周)?岁`, "u");
  // "几个部门" counts things: 「3个工作日」 and 「6个月」 are spans of time, not a count of them.
  if (counted === "个") return new RegExp(`${NUMERAL}\\s*个(?!工作日|月|小时|星期|钟头)`, "u");
  // A distance or an area ("两家烟店之间要隔多少米", "隔多远", "多少平米") is answered in its units only.
  if (counted === "米" || counted === "公里" || counted === "千米" || DISTANCE_ASKED.test(normalized))
    return new RegExp(`${NUMERAL}\\s*(米|公里|千米|km)`, "u");
  if (counted === "平方米" || counted === "平米") return new RegExp(`${NUMERAL}\\s*(平方米|平米|㎡)`, "u");
  // The knowledge base writes working days and weeks in its own ways: 「5个工作日」「15日」, 「一周」.
  if (counted === "个工作日") return new RegExp(`${NUMERAL}\\s*(个)?(工作日|日|天)`, "u");
  if (counted === "个星期") return new RegExp(`${NUMERAL}\\s*(个)?(星期|周|礼拜)`, "u");
  if (counted) return new RegExp(`${NUMERAL}\\s*${counted === "天" ? "(天|日|个工作日)" : counted}`, "u");
  return undefined;
}

/** What follows 什么时候 when it asks when the office is done: 能批下来, 到账, 办好 …. */
const DONE_AFTER = "(能|才能|可以|才可以)?(批|下来|到账|办好|办完|办下来|拿到|领到|出结果|审完|审核完|通过)";

// Patterns of the expected answer, tried in this order (the first is the most specific).
const ANSWER_TYPE_PATTERNS: [AnswerType, RegExp][] = [
  [
    "address",
    /(哪条街|哪条路|什么路|具体地址|详细地址|(?<!注册|经营|住所)地址是(?!否)|门牌号?(在|是多少)|(在|去)?(几楼|几层)(?!以上|以下)|哪栋|哪座楼|哪个楼)/u,
  ],
  [
    "hours",
    /((几点|上班时间|下班时间|营业时间|办公时间|开放时间|工作时间|开门时间|周末|周六|周日|星期六|星期天|星期日|节假日|中午|晚上).{0,6}(上班|下班|开门|关门|办公|营业|开放|上不上班|有人|能办|可以办|办不办)|几点(钟)?(开门|关门|上班|下班|开始|结束|截止|办公|营业|前|之前|以前|到|有人))/u,
  ],
  // 缴费年限 names a thing, not a fee asked (缴费基数, what is paid, is one).
  [
    "fee",
    // Taxes to pay ("要交哪些税费") are asked like fees: a sentence that names no sum does not answer them.
    // A sum sold, earned or invested ("一个月卖多少钱以下免增值税") is a number, not a fee; costs to be reimbursed
    // ("住院生产那些费用 医保给报不") ask whether they are.
    /(收费|费用(?![^。？?]{0,8}(报销|给报|能报|可以报|报不报|报吗|报不))|(?<!(卖|赚|挣|收入|销售额?|营业额|投资|月入|年入)\p{Script=Han}{0,3})多少钱|要钱|免费|交钱|花钱|收钱|掏钱|费是多少|费多少|收不收费|(交|缴)费(?!年限|记录|证明|凭证|年)|工本费|手续费|税费|(交|缴|付)(?!社保|医保|保险|养老|公积金|党)\p{Script=Han}{1,4}?费(吗|么|不|呢|[？?]|$)|(交|缴)(哪些|什么|啥|多少)?税(?!务))/u,
  ],
  // "什么时候能批下来" asks how long the office takes, not a date.
  [
    "time_limit",
    new RegExp(
      `(多久|多长时间|多长|几天|时限|期限|多少天|几个工作日|多快|当天|当场|多少个工作日|(什么时候|啥时候|何时)${DONE_AFTER})`,
      "u",
    ),
  ],
  // "客服热线是多少" asks for a number to call, not a count.
  ["contact", /(电话|热线号码|联系方式|咨询方式|打哪个|(热线|客服)(电话|号码|号)?(是多少|多少号|号码是))/u],
  // "到2025年底前……要做到什么程度" gives the date and asks something else.
  [
    "date",
    new RegExp(
      // "哪一年的哪个文号" asks a document's number, the year being part of it.
      String.raw`((哪一年|哪年)(?!的?(哪个|哪份|什么)?(文号|文件|号文|发文字号))|(什么时候|啥时候|何时)(?!${DONE_AFTER})|哪天|哪一天|哪日|几月|(?<!\d\s*)年底|到哪年|截止|截至|什么时间|哪个时间|日期(是|为)?(哪天|哪一天|什么|啥|多少)?[？?。]*$|几号(?!文))`,
      "u",
    ),
  ],
  // "法律依据是什么" asks the basis, not a definition; "有什么法律依据" the basis, not a list.
  // 法律 alone is no basis asked: "法律援助怎么申请".
  // "文号是多少" asks the document's number ("国发〔2024〕3号"), not a count; "是哪个文件定的" asks the basis.
  [
    "legal_basis",
    // "带哪些法律文书" asks for court papers to bring, "有哪些法律援助" for a service: neither asks a law.
    /(依据|根据什么|哪条规定|哪个规定|什么规定|法律规定|哪部法|(什么|哪个|哪些)法律(?!文书|援助|服务|咨询)|法规|规章|文号|发文字号|令号|(哪个|哪一个|哪号|第几号)令(?!人)|(哪个|哪份|哪一份|什么)(文件|政策)[^，,。？?]{0,3}(定的|规定的|出台的|制定的))/u,
  ],
  // "哪几项" asks which, not how many; "只挑其中几项办吗" asks whether some of them may be chosen.
  // "打工好几年了" tells, it does not ask.
  [
    "number",
    // "至少得有几辆车" asks how many; "我有几套房子" tells (several): vehicles, machines, rooms and sets are asked
    // after what the rules require.
    new RegExp(
      `(多少|${ASKED_FEW}(个|项|类|种|次|家|倍|年|岁|周岁|批|级|趟|成|份|张|本|件|条|人)|(至少|最少|起码|最多|要求|需要|得有|要有|必须有)[^，,。？?]{0,4}几(辆|台(?!阶)|间|套)|比例|百分之|占比|多大|多远)`,
      "u",
    ),
  ],
  // "都要办健康证吗" asks whether, not which.
  [
    "list",
    // "除了营业执照还要办什么许可" asks which others.
    /(哪些(?!人|员工|岗位|情况|情形|东西)|哪几|(包括|包含)(什么|啥|哪)|有什么(?!条件|限制)|有啥(?!条件|限制)|都有|都要(?!.*吗[？?。!！]*$)|几方面|什么内容|什么服务|哪类(?!人)|(还|另外)(要|得|需要)办(什么|啥)(?!材料|资料|证件|手续费))/u,
  ],
  // "能代办吗" stays a yes-or-no question: its answer starts with 可以 or 不可以. "谁给我办", "是自己去办还是找单位"
  // ask who applies ("是自己去办还是可以网上办" asks how).
  [
    "applicant",
    /(谁(能|可以)?(来|去)?(办|申请|申报|提交|跑|提取|提(?!供|出|交)|领取?|取)|由谁(来|去)?(办|申请|申报|提出)|谁(给|帮|替)(我|他|她|咱|俺)?(们)?(办|申请|申报)|(找|让|由|靠)(单位|公司|家属|家人|子女)(来|去)?(给我)?(办|申请|申报|跑)?还是(我)?(自己|本人)|(自己|本人)(去|来)?(办|申请|申报|跑)还是(得|要)?(找|让|由|请|托)?(个)?(单位|公司|家属|家人|别人|代办|中介|子女|家里人))/u,
  ],
  // "是找民政还是找残联": which of two offices to go to ("找工作还是创业" names none).
  [
    "department",
    /((?<![寻查])找[^，,。？?还]{1,10}还是(去|找|到)?[^，,。？?]{0,8}(民政|残联|社保|人社|医保|税务|公安|交警|派出所|医院|街道|社区|村委会|居委会|单位|局|部门|机关|窗口|大厅|政务服务中心)|哪个部门|什么部门|哪个单位|哪家单位|归谁管|谁负责|谁开|谁出具|由谁(出具|开具|开|发|审批|负责|管|受理)|找谁|找哪个部门|找哪(儿|个地方)?(办|开|申请|弄|领)|归哪个|哪里管|谁管|谁(来|去)?(审批|发|核定|认定|核准|审核|批准|鉴定|签发|颁发|受理)|哪一?级(部门|机关|政府)?(申请|审批|受理|办)?)/u,
  ],
  [
    "name",
    // "许可上要写个啥经营项目", "要勾什么类别": what to write or pick on a form is a name.
    /(哪个|哪一个|哪家|什么部门|哪个部门|什么单位|什么平台|哪个平台|什么系统|谁|什么号码|什么名称|叫什么|叫啥|(写|填|选|勾|勾选)个?(啥|什么))/u,
  ],
  [
    "definition",
    // "2025年底前要达到什么程度" asks what an aim set for a year is to be like ("残疾要达到什么程度" asks a condition).
    /(什么意思|啥意思|是指|指的是|指什么|什么是|是什么|(?<!材料|资料|证件|条件|流程|手续|步骤|要求|费用|地址|电话|时间|时限)是啥|怎么理解|含义|定义|定位|意味着|什么角色|啥角色|(什么|啥)来着|(\d{4}年|年底|年前|底前)[^，,。？?]{0,12}(达到|做到|实现)?(什么|啥)(程度|水平|样))/u,
  ],
  // "印章注销需要什么？" ends on what is needed: the materials.
  // Materials asked for, not named in passing ("凑不齐材料，能延长吗" asks whether, not what).
  [
    "material",
    /((什么|啥|哪些|哪几|哪样|几样|几份|多少)(样)?(材料|资料|证件|证明)|(准备|带|交|提交|拿|需要|要)(些)?(哪些|什么|啥)东西|(拿|带上|带着)(些)?(哪些|什么|啥)(过去|去|来)?[？?。!！]*$|准备些(什么|啥)|(多|另外|额外)交(些)?(什么|啥|哪些)[？?。!！]*$|(材料|资料|证件)(有哪些|是什么|是啥|要哪些|清单|包括|呢|[？?])|带什么|带啥|要带|准备什么|准备啥|提交什么|提供(些)?(什么|啥|哪些)(证件|材料|资料|东西)?[？?。!！]*$|(需要|要)(什么|啥)[？?。!！]*$)/u,
  ],
  // "哪些员工必须办健康证" asks who must, not a list of things.
  [
    "condition",
    /(条件|符合|资格|(有|有没有|有没)(啥|什么|哪些)?(特别|特殊|具体)?的?要求|谁可以|什么人|哪些人|哪些员工|能不能办|够不够|什么情况下|哪些情况|哪些情形|什么样的|啥样|才算|算不算|限制|什么岗位|哪些岗位|哪类人)/u,
  ],
  // "在医院能办吗", "要去银行吗": whether it is done at a place named, a question of where.
  [
    "place",
    // 窗口工作人员 is who speaks, not where to go.
    // "能用在哪些地方" asks what something is used for, not where to go.
    /((?<!(能|可以|还能|可)用)在哪|去哪|(?<!(能|可以|还能|可)用在)(哪里|哪儿)|地点|地址|网上|线上|窗口(?!工作人员|人员|经办人|的同事|同事)|渠道|手机上|哪开|(在|去|到)(医院|派出所|银行|社区|街道|村里|大厅|政务服务中心|网点|营业厅)[^，,。？?]{0,6}(吗|么)[？?。!！]*$)/u,
  ],
  [
    "procedure",
    /(流程|步骤|程序|怎么办理|如何办理|怎么申请|如何申请|怎么弄|怎么办|怎样办|怎么操作|咋办|(咋|怎么|该咋|该怎么)(整|弄|搞)(?!到|好|完)|(先|要|该|得)做什么|怎么做|(怎么|如何|怎样|咋)(取|领|提取|销|注销|退|转|补|开|交|查|改|更正|修改|核定|认定|确认|申报|登记|报名|挂失|激活|启用|备案|换|续))/u,
  ],
  [
    "yes_no",
    // "护理补贴能一块申请不", "要单独去海关跑一趟不": a closing 不 asks whether.
    // "是我当老板的统一去办还是他们自己办": an alternative asks which of the two holds ("我还是不明白"
    // asks nothing).
    /(吗[？?。!！]*$|(?<![但可就要倒总老])是[^，,。？?]{1,20}还是[^，,。？?]{1,20}[？?。!！]*$|(?:能|可以|要|用|需要|得|会|是|有|行|收|交|花)[^，,。？?]{0,12}不[？?。!！]*$|能不能|能否|可否|可不可以|是否|要不要|需不需要|有没有|是不是|用不用|会不会|行不行|可以.{0,8}吗|(\p{Script=Han})不\2(?!\p{Script=Han}{0,2}(多少|几|什么|哪)))/u,
  ],
];

/**
 * The same question about something else: "那户口呢？" after "出生医学证明在哪办" asks where to register
 * the birth. The element asked last is carried to a question that names none; so is a span of time asked last
 * ("那一般失信的呢？" after how long serious dishonesty stays published).
 */
export function askingAgain(
  question: QuestionAnalysis,
  asked: { element?: GuideElement; span?: SpanAsked },
): QuestionAnalysis {
  if (question.element || question.span) return question;
  if (asked.span) return { ...question, span: asked.span, answerTypes: ["time_limit", ...question.answerTypes] };
  if (!asked.element) return question;
  const type = answerTypeOf(asked.element);
  return {
    ...question,
    element: asked.element,
    answerTypes: type ? [type, ...question.answerTypes] : question.answerTypes,
  };
}

/** The answer type a guide element's line holds (materials → material, channels → place …). */
export function answerTypeOf(element: GuideElement): AnswerType | undefined {
  return (Object.keys(ELEMENT_OF) as AnswerType[]).find((key) => ELEMENT_OF[key] === element);
}

const ELEMENT_OF: Partial<Record<AnswerType, GuideElement>> = {
  fee: "fee",
  time_limit: "time",
  contact: "contact",
  material: "materials",
  condition: "conditions",
  place: "channels",
  procedure: "process",
  legal_basis: "basis",
  department: "department",
};

// Words about how or whether to do something, about asking, or about documents in general: they
// say nothing about the subject.
const NON_SUBJECT = new Set([
  ...SERVICE_WORDS,
  ...(
    "什么 哪些 哪个 哪家 多少 " +
    "几个 是否 是不是 有没有 能不能 可不可以 要不要 需不需要 请问 一下 我们 你们 我 你 他 她 它 这个 那个 这 那 的 了 吗 呢 " +
    "吧 啊 呀 嘛 么 是 有 要 在 和 与 及 对 就 都 还 也 又 把 被 给 让 去 来 到 从 向 用 会 能 应该 应当 一定 一个 " +
    "哪一年 哪年 什么时候 啥时候 何时 意思 什么意思 啥意思 是什么 什么是 指什么 怎么理解 文件 政策 国家 提出 提到 说 讲 " +
    "里面 里 中 上 下 方面 情况 问题 事情 事 些 啥 咋 干嘛 为什么 为啥 怎么样 好 行 办 弄 搞 做 开 没 不 收 交 " +
    "一年 哪一 一 哪 谁 多 几 大 小 又 呢 吗 之前 之后 以后 以前 现在 目前 今年 明年 最晚 最迟 最早 最多 最少 至少 最长 最快 部门 单位 谁 管 归 负责 找 开 哪一级 一级 级 去 能 出 结果 一定 必须 非得 得 还要 还 可 请 帮 帮我 告诉 知道 想 想问 问问 问 怎么申请 如何申请 怎么办理 如何办理 怎么弄 咋弄 咋办 多长 多长时间 长时间 能发 拿到 领到 取到 到手 办好 办完 办下来 批下来 下来 出来 拿 每个 跟 叫 叫做 叫什么 称为 打 办是 干嘛 干什么 用的 做什么 起什么 作用 时间 要求 时候 哪方面 哪几项 几项 国务院 文件里 文里 里说 意见 指导意见 实施意见 您好 你好 谢谢 感谢 尊敬 根据 按照 以及 或者 并且 而且 还有 另外 才行 才能 才可以 合规 合法 允许 一共 总共 一般 大概 大约 具体 通常 到底 究竟 角色 来着 这边 那边 这里 那里 这儿 那儿 这种 那种 这样 那样 这些 那些 这家 那家 这位 那位 满足 具备 一点 一点儿 有点 一些 一直 始终 听说 听人说 听人 据说 真的 是真的 假的 开始 俺 咱 俺们 咱们 俺家 咱家 岁数 年纪 发到 为止 落款 后面 前面 怎么操作 如何操作 咋操作 怎样操作"
  ).split(" "),
]);

// A word the segmenter keeps with the word that points at it ("这店").
const POINTING = /^(这|那)(个|家|种|些|位|张|份)?(?=\p{Script=Han})/u;

/** "这店" → 店; "这种", "这边", "那曲" stay whole: what is left is a measure or place word, or a name. */
function pointedAt(token: string): string {
  const rest = token.replace(POINTING, "");
  return rest && rest !== token && !MEASURE_OR_PLACE.test(rest) ? rest : token;
}

/** "卡里", "账户里", "手机里" → 卡, 账户, 手机: a thing with 里 after it is that thing. */
function withoutLocative(token: string): string {
  return /^\p{Script=Han}{1,6}里$/u.test(token) && !/^(哪|这|那|公|千|万|故|邻|乡|村)里$/u.test(token)
    ? token.slice(0, -1)
    : token;
}

/** "能扣", "可领": a modal before a one-character verb says whether, not what; the verb is the word. */
function withoutModal(token: string): string {
  // Only before a verb of getting, paying or applying: 会商, 能耗, 可控 are words of their own.
  return /^(能|可|会)(扣|领|取|退|办|报|补|发|交|拿|提|减)$/u.test(token) ? token.slice(1) : token;
}

/** "期是" of "公示期是多少天": the dictionary glues the copula to the word before it; the word is what is asked of. */
function withoutCopula(token: string): string {
  return /^\p{Script=Han}{1,6}是$/u.test(token) && !NON_SUBJECT.has(token) ? token.slice(0, -1) : token;
}

/**
 * 一般 is "usually" ("一般几天能拿") unless it stands right before the word it classes ("一般失信信息", "走一般程序"):
 * then it tells one class from the others (轻微, 严重; 简易) and is asked of.
 */
function qualifies(text: string, token: string, next: string | undefined): boolean {
  return (
    token === "一般" && next !== undefined && isSubject(next) && !USUALLY_DONE.test(next) && text.includes(token + next)
  );
}

/** What an office does: 一般 before it is "usually" ("轻微的失信信息一般公示多长时间"), not a class. */
const USUALLY_DONE = /^(公示|审核|审批|受理|办理|办结|发放|到账|处理|核定|出具)$/u;

const MEASURE_OR_PLACE = /^(种|家|边|里|样|些|位|张|份|个|儿|么|曲|会儿)$/u;

// A figure in words or digits with its approximation, or an area's unit alone. A figure the person states in
// characters ("俺爷今年八十一了") is theirs, not a subject: the sources write theirs in digits (80周岁).
const QUANTITY =
  /^([\d零一二两三四五六七八九十百千万亿]*[百千万亿][多余来]?|[零一二两三四五六七八九十百千万亿]{2,}[多余来]?|[多余来]?[百千万]多|平|平米|平方|平方米)$/u;

// Longest first, so "怎么办理" goes whole before "办".
const NON_SUBJECT_PATTERN = new RegExp(
  [...NON_SUBJECT]
    .filter((word) => word.length >= 1)
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|"),
  "gu",
);

/**
 * A word says what the question is about unless it is made only of question, service and function
 * words: the dictionary keeps some of them whole ("找哪个部门", "最多能"), so they are taken apart here.
 */
export function isSubject(token: string): boolean {
  if (NON_SUBJECT.has(token)) return false;
  // A quantity of the person's own case ("四百多平", "百多"): what it measures is asked, not the figure.
  if (QUANTITY.test(token)) return false;
  const rest = token.replace(NON_SUBJECT_PATTERN, "");
  // What is left of "几年", "多少天", "几张", "天内" is a unit: no subject either. "补办" keeps "补".
  return rest.replace(/[年月天日岁个次项元周号批级趟张份本页内]/gu, "").length > 0;
}

/**
 * "叫什么名字": the name is what is asked, not a subject word ("营业执照上的名字是什么" keeps it). So is how
 * ("具体怎么操作"): 操作 of "操作说明" stays a word.
 */
function withoutAskingPhrases(text: string): string {
  return (
    text
      .replace(/(叫|是)(什么|啥)名字/gu, " ")
      .replace(/(怎么|如何|咋|怎样)操作(?!说明|手册|指南|流程|证)/gu, " ")
      // "能用在哪些地方" asks where it is used: 地方 is part of the question word.
      .replace(/(哪些|哪个|什么|啥)地方/gu, " ")
  );
}

// A certificate named by the two characters before its kind ("教师资格证", "工作许可证"). Not when they hold a word
// of function ("先办执照", "要办许可证", "编个许可证", "管网的许可证", "哪些许可证", "没有许可证", "执照和许可证") or are an
// act or a quantifier ("领取许可证", "换发许可证", "其他许可证", "相关许可证").
const CERTIFICATE = /(\p{Script=Han}{2})(许可证|资格证|证书)/gu;
const FUNCTION_CHARACTER = /[的个办要先话编一那这该张本了把给么啥和跟与及或有没其些哪什]/u;
const NOT_A_NAME = new Set(
  "领取 取得 换发 申请 申领 需要 相关 所需 各类 各种 全部 获得 考取 颁发 核发 续办 补办 换领 必要 持证 上岗 到期 过期 丢失 遗失".split(
    " ",
  ),
);

/**
 * A certificate a question names, or a public service of knowledge/outside: the words that name it, and the forms of
 * those words a source may use (what `unheardNames` holds).
 */
export interface NamedCertificate {
  /** As the question says it, with up to two more characters of its name before ("作业人员证书"). */
  name: string;
  /** The two characters and the kind ("人员证书"), and the same certificate's other kind ("人员证", "教师资格证书"). */
  forms: string[];
}

/** The certificates a question names, by the two characters before their kind. */
export function certificatesNamed(normalized: string): NamedCertificate[] {
  const named = new Map<string, NamedCertificate>();
  for (const match of normalized.matchAll(CERTIFICATE)) {
    const [whole, prefix, kind] = match as unknown as [string, string, string];
    if (FUNCTION_CHARACTER.test(prefix) || NOT_A_NAME.has(prefix)) continue;
    const at = match.index ?? 0;
    let from = at;
    while (
      from > at - 2 &&
      from > 0 &&
      /\p{Script=Han}/u.test(normalized[from - 1] as string) &&
      !FUNCTION_CHARACTER.test(normalized[from - 1] as string)
    )
      from -= 1;
    const forms = [whole, ...(kind === "证书" ? [`${prefix}证`] : kind === "资格证" ? [`${prefix}资格证书`] : [])];
    named.set(whole, { name: normalized.slice(from, at) + whole, forms });
  }
  return [...named.values()];
}

/** How a source names certificates: each kind with the two characters before it (for `certificatesNamed`). */
export function certificateFormsIn(normalized: string): string[] {
  return [...normalized.matchAll(/(?=(\p{Script=Han}{2}(?:许可证|资格证书|资格证|证书|证)))/gu)].map(
    (match) => match[1] as string,
  );
}

// How many offices the person must run to ("跑几家单位"); not how many trips ("跑几次" is answered by 「最多跑一次」).
const HOW_MANY_RUNS = /跑(几|多少)家/u;

// Words in quotation marks, each mark with its own closing one and none inside, of two to thirty characters.
const QUOTED =
  /“([^“”「」『』"]{2,30})”|「([^“”「」『』"]{2,30})」|『([^“”「」『』"]{2,30})』|"([^“”「」『』"]{2,30})"/gu;

/**
 * The quoted words of a question, without punctuation at their ends (“最多跑一次。”), that hold at least two Chinese
 * characters and are not already a subject word whole ("“高效办成一件事”" is one).
 */
function quotedWords(normalized: string, subjectTokens: readonly string[]): string[] {
  const found = new Set<string>();
  for (const match of normalized.matchAll(QUOTED)) {
    const phrase = (match.slice(1).find((group) => group !== undefined) ?? "")
      .trim()
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if ((phrase.match(/\p{Script=Han}/gu)?.length ?? 0) >= 2 && !subjectTokens.includes(phrase)) found.add(phrase);
  }
  return [...found];
}

/** Question words: a keyword read around one is asked about, not stated; a reply holding one asks. */
export const QUESTION_WORD = /(怎么|如何|怎样|咋|什么|啥|哪|吗|多久|多少|几)/u;

/**
 * Acts of a public service, and the materials one asks for ("护照过期了怎么续", "公租房怎么申请", "小轿车年检
 * 要带什么材料"): a message naming one asks about a service, though the knowledge base may hold nothing of it.
 */
export const SERVICE_ACT = /(申请|申领|办理|补办|换领|续办|续签|怎么续|登记|审批|备案|注销|挂失|年检|年审|材料)/u;

/** Splits a message holding several questions ("一定要申请吗？多久？要钱吗") into its questions. */
export function splitQuestions(message: string): string[] {
  // Written without punctuation ("这个证多久能办好 要钱不"), a space between words stands for a comma.
  const parts = message
    .replace(/(?<=\p{Script=Han})[ \u3000]+(?=\p{Script=Han})/gu, "，")
    .split(/(?<=[？?；;])|(?<=吗)[，,]|[\n]/u)
    .flatMap(splitAtAlso)
    .flatMap(splitAtElements)
    .map((part) => part.trim())
    .filter((part) => /[\p{L}\p{N}]/u.test(part));
  return parts.length > 0 ? joinStatements(parts) : [message.trim()];
}

/**
 * A part that asks nothing ("身份证尾号0312" after "……审到哪一步了？") tells more of the question
 * before it (or, first in the message, of the one after it): it is no question of its own.
 */
function joinStatements(parts: string[]): string[] {
  if (parts.length < 2) return parts;
  const asks = (part: string) =>
    /[？?]|(呢|怎么办|咋办|怎么弄)[。!！]*$/u.test(part) ||
    QUESTION_WORD.test(part) ||
    typesMatched(normalizeText(part)).length > 0;
  if (!parts.some(asks)) return parts;
  const joined: string[] = [];
  let pending = "";
  for (const part of parts) {
    if (asks(part)) {
      joined.push(pending + part);
      pending = "";
    } else if (joined.length > 0) joined[joined.length - 1] += part;
    else pending += part;
  }
  return joined;
}

// "……系统叫啥，还有……品牌叫啥？": a second question joined by 还有 / 另外 / 以及; "线下办事的口号叫啥，线上办事又叫啥": one
// put beside the first by 又.
const ALSO =
  /[，,](?=(?:还有|另外|以及|再就是|还想问|顺便问)[^，,]{2,}|[^，,]{1,12}又(叫|是|要|得|需要|有|在|能|可以|该))/u;

/** Splits at 「，还有」 and the like when the clause before it asks something of its own. */
function splitAtAlso(part: string): string[] {
  const at = part.search(ALSO);
  if (at < 0) return [part];
  const first = part.slice(0, at + 1);
  const asks = typesMatched(normalizeText(first)).length > 0;
  return asks ? [first, ...splitAtAlso(part.slice(at + 1))] : [part];
}

/** The guide element a piece of text asks about, if any. */
function elementAsked(text: string): GuideElement | undefined {
  return typesMatched(normalizeText(text))
    .map((type) => ELEMENT_OF[type])
    .find((element) => element !== undefined);
}

/** Longest part split at its commas: a long message tells a story whose clauses belong together. */
const SHORT_PART = 30;

/** Kinds of answer that are all a quantity: a clause asking one and a clause asking another ask one thing. */
const QUANTITIES = new Set<AnswerType>(["number", "fee", "time_limit", "date"]);

/**
 * Whether two clauses ask different things: two guide elements that differ ("要什么材料，多久能拿到"), or
 * else kinds of answer that differ, every quantity being one kind ("每个月发多少，这个标准是谁定的" asks two
 * things; "收不收费，要交多少", "最多能贷多少钱，贴息多少" and "想晚几年再退，最多能延迟多久" one each).
 */
function asksOther(before: string, clause: string): boolean {
  const [first, second] = [elementAsked(before), elementAsked(clause)];
  if (first && second) return first !== second;
  const kind = (text: string, element: GuideElement | undefined) => {
    const type = (element && answerTypeOf(element)) ?? typesMatched(normalizeText(text))[0];
    return type && QUANTITIES.has(type) ? "quantity" : type;
  };
  const [one, other] = [kind(before, first), kind(clause, second)];
  // An age and a sum are two quantities: "多大年纪开始有，一个月发多少" asks both.
  if (one === "quantity" && other === "quantity") {
    const [asked, then] = [quantityOf(normalizeText(before)), quantityOf(normalizeText(clause))];
    return asked !== undefined && then !== undefined && asked !== then;
  }
  return one !== undefined && other !== undefined && one !== other;
}

/**
 * Whether a clause asks an age, a sum of money, when, or a rate (undefined for any other quantity, or when it does
 * not say): "一表通是啥时候上线的，报表压减率多少" asks a date and a rate.
 */
function quantityOf(normalized: string): "age" | "money" | "when" | "rate" | undefined {
  if (/(多大(年纪|岁数|年龄)|(几|多少)(周)?岁|年龄)/u.test(normalized)) return "age";
  if (MONEY_ASKED.test(normalized)) return "money";
  if (/(什么时候|啥时候|何时|哪天|哪一天|哪年|哪一年)/u.test(normalized)) return "when";
  if (RATE_ASKED.test(normalized)) return "rate";
  return undefined;
}

/**
 * "社保卡补领要什么材料，多久能拿到" asks two guide elements in clauses joined by a comma, and "每个月发
 * 多少，这个标准是谁定的" two kinds of answer: each is a question of its own. Clauses that ask nothing, or
 * the same, stay with the one before.
 */
function splitAtElements(part: string): string[] {
  const clauses = part.split(/(?<=[，,])/u);
  if (clauses.length < 2 || part.length > SHORT_PART) return [part];
  const questions: string[] = [];
  let current = "";
  // The clause that says what the current question asks.
  let asking: string | undefined;
  for (const clause of clauses) {
    if (current && asking !== undefined && asksOther(asking, clause)) {
      questions.push(current);
      current = "";
      asking = undefined;
    }
    current += clause;
    if (typesMatched(normalizeText(clause)).length > 0) asking = clause;
  }
  questions.push(current);
  return questions;
}

/** The subject word right after 哪些/哪几(个|项|类|种), the longest that fits. */
function listHeadOf(normalized: string, subjectTokens: readonly string[]): string | undefined {
  const after = /(?:哪些|哪几(?:个|项|类|种|方面)?)(\p{Script=Han}{2,8})/u.exec(normalized)?.[1];
  if (!after) return undefined;
  return subjectTokens
    .filter((token) => token.length >= 2 && after.startsWith(token))
    .sort((a, b) => b.length - a.length)[0];
}

/** How long something may be put off ("最多能延长多少天"): what the rules allow, not how long it takes. */
const EXTENSION =
  /(能|可以|可|最多|最长)[^，,。？?]{0,4}(延长|延期|往后拖|往后推|往后延|延后|推迟|顺延|宽限)[^，,。？?]{0,4}(多久|几天|多少天|多长时间|几个月)/u;

/** A leave from work asked how long: 产假, 陪产假, 婚假, 育儿假 … (not the office's time limit). */
const LEAVE =
  /(产假|陪产假|护理假|育儿假|婚假|丧假|病假|年假)(一共|总共|有|是|能休|可以休|休|放)?(多少天|几天|多久|多长时间|几个月)/u;

const VALIDITY = /(有效期|有效多久|有效几年|管多久|能用多久)/u;

/**
 * How long a notice stays up ("简易注销要公示几天", "公示期是多少天", "先在网上挂出去公示，要挂几天"): a period the rules
 * set, not how long the office takes.
 */
const NOTICE_PERIOD =
  /(公示|公告)(期|期限)?[^。？?]{0,8}(多少天|几天|多久|多长时间|几个月|多少个工作日|几个工作日)(?![^。？?]{0,4}(办结|办完|办好|批|下来|拿到))/u;

// By when the person must act ("公示完了多少天内要去申请", "最晚什么时候办"): a deadline the person
// keeps, not how long the office takes (the guide's 承诺办结时限).
const DEADLINE =
  /(((多少|几)(天|日|个月|个工作日)|多久|多长时间)(之|以)?内|(最晚|最迟).{0,6}(前|之前|以前)?).{0,3}(申请|办理|办|提交|报|登记|备案|注销|去)/u;

// How long after one thing another may be done again ("注销后多久可以再用这个名字注册"): an interval
// the rules set, not how long the office takes.
const INTERVAL =
  /后[^？?。]{0,14}(多久|多长时间|几天|多少天|几个月|几年)[^，,。？?]{0,10}(再|重新|又|才能(?!拿到|领到|拿证|下证|出证|到账|出结果|办好|办完|批下来|审批|下来|收到|通过|领取))/u;
// How long the person must wait before they may apply ("至少要公示多长时间以后才能申请修复"): a span the rules
// set, however it is written ("最短公示1年"), not how long the office takes.
const WAIT =
  /(多久|多长时间|几天|多少天|几个月|几年)(以|之)?后[^，,。？?]{0,4}(才能|才可以|方可|才可)(申请|办理(?!完|好|结|成)|办(?!好|完|下来|结|成|出来)|修复|提出|提交|再)/u;
// After applying or handing in, how long until … is how long the office takes.
const AFTER_APPLYING = /(申请|提交|递交|交材料|交了材料|受理|报名|办理)[^，,。]{0,4}后/u;

/** A span of time asked that is not how long the office takes (a guide's 承诺办结时限). */
export const SPANS = ["deadline", "interval", "wait", "validity", "leave", "extension", "notice"] as const;
export type SpanAsked = (typeof SPANS)[number];

/**
 * Which span a question of how long asks, if not how long the office takes: by when the person must act, how long
 * before something may be done again or at all, how long a licence stays valid or a notice stays up, how long a leave
 * lasts, how long something may be put off. Some say what figure answers them (SPAN_UNIT).
 */
function spanAsked(normalized: string): SpanAsked | undefined {
  if (DEADLINE.test(normalized)) return "deadline";
  const afterApplying = AFTER_APPLYING.test(normalized);
  if (!afterApplying && INTERVAL.test(normalized)) return "interval";
  if (!afterApplying && WAIT.test(normalized)) return "wait";
  if (VALIDITY.test(normalized)) return "validity";
  if (NOTICE_PERIOD.test(normalized)) return "notice";
  if (LEAVE.test(normalized)) return "leave";
  if (EXTENSION.test(normalized)) return "extension";
  return undefined;
}

/** A span of time in any of its units: the figure that answers a span asked of a date or a time limit. */
const SPAN_FIGURE = `${NUMERAL}\\s*(个)?(天|日|个月|工作日|年)`;
const SPAN_UNIT: Partial<Record<SpanAsked, RegExp>> = {
  // A deadline is answered by a span within which to act ("20天内"), not by a duration.
  deadline: new RegExp(`${SPAN_FIGURE}(之|以)?内`, "u"),
  // An interval is a span after which, or within which not: "满3年后", "6个月内不得".
  interval: new RegExp(`${SPAN_FIGURE}(之|以)?(后|内不得|内不能|内不予)`, "u"),
  wait: new RegExp(SPAN_FIGURE, "u"),
  // A notice stays up for days, months or years, whatever unit the question asks in ("公示期是多少天": 「最短3个月」).
  notice: new RegExp(SPAN_FIGURE, "u"),
};

// How an application already filed stands: its progress, or why it is not done yet.
const PROGRESS = /(审到哪|审核到哪|办到哪|到哪一步|到了哪一步|哪个环节|进度|进展)/u;
const STALLED =
  /((怎么|为什么|咋|为啥)还?(是)?没(有)?(批|下来|到账|办好|办完|出来|通过|审|收到|寄到|拿到|回复|消息|动静|结果|处理)|还没(有)?(批下来|到账|下来|出结果|回复|消息|动静|审核|审完|通过|批|处理)|(做|办|批|审|弄)好了?(没有?|吗)[？?。!！]*$|(下来|到账|通过|批了)了?(没有?|吗)[？?。!！]*$)/u;
// Said of something the person has already filed: 我交的, 已经提交, 上周, 半个月前 ….
const FILED =
  /(我|俺|我们|我家)(的|交的|提交的|申请的|办的|报的|递交的)|(已经|都)?(交|提交|申请|递交|报|办)(了|过)|上(个)?(周|月|星期|礼拜)|前(几)?天|昨天|半个?月|\d+\s*(天|周|个月)(前|了)|[一二两三四五六七八九十几]+(天|周|个月)(前|了)/u;

// The person's own records looked up by the assistant: "帮我查一下我的社保交了几年", "你给我查查俺的公积金余额" (a record
// named). Not what a guide says of their case ("帮我查一下我家孩子上学要什么材料", "帮我查一下我能不能提前退休").
const OWN_RECORD =
  /(帮我|给我|替我|请你|你帮我|你给我)(查|查询|核实)(一下|一查|查|下)?(我|俺)[^，,。？?]{0,10}(交了|缴了|交过|缴过|缴费|年限|余额|记录|账户|明细|积分|还剩|有多少钱)/u;
const GUIDE_ASKED =
  /(材料|手续|流程|条件|怎么|咋|如何|去哪|在哪|哪里|要带|需要带|多久|多长时间|收费|费用|能不能|可不可以|要不要|是否|吗|几个部门)/u;

/** Whether a question asks how the person's own application stands, or for their own records. */
function asksOwnCase(normalized: string): QuestionAnalysis["ownCase"] {
  // Where or how progress is looked up, or how long it usually takes, is asked of the guides.
  if (LOOKED_UP.test(normalized)) return undefined;
  if ((PROGRESS.test(normalized) || STALLED.test(normalized)) && FILED.test(normalized)) return "progress";
  return OWN_RECORD.test(normalized) && !GUIDE_ASKED.test(normalized) ? "record" : undefined;
}

const LOOKED_UP = /((在|去)?(哪|哪里|哪儿|怎么|如何|怎样|咋)(能|可以)?(查|查询|查看|看))|一般/u;

// Money the person gets ("能取多少钱", "报销多少钱"): an amount, not a fee.
const MONEY_RECEIVED = /(领|取|拿|提|发|补|给|报销|贷|借|赔|退)(多少钱|几块钱|多少)/u;
// A share of something asked ("最多能补到实际缴费的多少", "占工资的几成"): a proportion, answered by a
// percentage or a fraction ("2/3", "三分之二"), not a sum in yuan. Only of a sum (缴费, 工资 …) or with 占:
// "女的多少岁退休", "要跑的多少趟" count.
const SHARE_ASKED =
  /(缴费|工资|收入|费用|金额|缴存额|总额|基数|保费|缴费额)的(多少|百分之几|几成)(?![钱元块万亿岁份级趟张天个年人次项])|占[^，,。？?]{0,10}(百分之几|几成|多少)(?![钱元块万亿岁份级趟张天个年人次项])/u;

/** The answer types a text's patterns match. */
function typesMatched(text: string): AnswerType[] {
  return ANSWER_TYPE_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([type]) => type);
}

// A place or an aside in brackets after the question ("……要单独申请吗（福州）").
const TRAILING_ASIDE = /[（(][^（()）]*[）)][\s？?。!！]*$/u;

/**
 * A last clause that asks whether says what the question asks: the clauses before it tell the story
 * ("窗口非让我先在网上预约，这合规吗？" asks whether, not where).
 */
function typesAsked(normalized: string): AnswerType[] {
  const text = withoutStatedFew(normalized.replace(TRAILING_ASIDE, ""));
  const clauses = text.split(/[，,]/u).filter((clause) => /[\p{L}\p{N}]/u.test(clause));
  const last = clauses.length > 1 ? typesMatched(clauses[clauses.length - 1] as string) : [];
  // Only a last clause that asks whether: "……需要带什么材料，到哪里去办" asks both.
  const types = last.length === 1 && last[0] === "yes_no" ? last : typesMatched(text);
  // "要跑几家单位": how many offices, answered by how it is done (「一次答复，不用分别跑」), not by a count a sentence
  // states.
  return HOW_MANY_RUNS.test(normalized) ? types.filter((type) => type !== "number") : types;
}

/**
 * Without the sentences of a story before the last one whose only question word is 几, "a few" there:
 * 「……还没领几个月养老金。他养老保险个人账户里剩下的钱能继承吗？」 asks whether, not how many. A sentence that
 * asks otherwise keeps it (「办营业执照需要哪些材料。可以找人代办吗」).
 */
function withoutStatedFew(text: string): string {
  const sentences = text.split(/(?<=[。！!])/u);
  if (sentences.length < 2) return text;
  return sentences
    .filter(
      (sentence, at) =>
        at === sentences.length - 1 || !/几/u.test(sentence) || ASKS.test(sentence.replaceAll("几", "")),
    )
    .join("");
}

/** A sentence that asks: a question mark, or a question word. */
export const ASKS = /[？?]|(怎么|如何|怎样|咋|什么|啥|哪|吗|呢|多久|多少|几|是否|能否|可否|能不能|可不可以)/u;

/** The last clause of a question that asks something (the last clause when none does). */
export function askingClause(normalized: string): string {
  const clauses = normalized.split(/[，,。；;！!？?\s]/u).filter((clause) => /\p{Script=Han}/u.test(clause));
  return clauses.findLast((clause) => ASKS.test(clause)) ?? clauses.at(-1) ?? "";
}
// A question that points back at the story ("这合规吗", "这种情况怎么办") asks about the story itself.
// So does a question of why ("监护人为什么不能代办一下呢" after a story about disability reviews).
const ABOUT_STORY = /(这样|这种|这合|这个情况|这么做|这么办|此事|这事|为什么|为啥|凭什么)/u;

/**
 * The subject words only the story before the question holds: "被公司辞退了，心里挺难受的。想问下领失业金
 * 要满足啥条件？" asks about the unemployment benefit, not about feeling bad. Only for a story told in
 * sentences of its own before a question that names something itself.
 */
function backgroundOf(normalized: string, subject: readonly string[], subjectOf: (text: string) => string[]): string[] {
  const story = [...storyBefore(normalized, subject, subjectOf), ...besides(normalized, subjectOf)];
  // What the person adds of themselves after the question ("那女工人呢，俺是纺织厂挡车工") is background too.
  const clauses = normalized.split(/(?<=[。！!，,；;？?])/u).filter((clause) => /[\p{L}\p{N}]/u.test(clause));
  const lastAsking = clauses.findLastIndex((clause) => ASKS.test(clause));
  if (lastAsking < 0 || lastAsking === clauses.length - 1) return story;
  const asked = subjectOf(clauses.slice(0, lastAsking + 1).join(""));
  if (asked.filter((token) => token.length >= 2).length === 0) return story;
  const after = subject.filter((token) => !asked.includes(token));
  return [...new Set([...story, ...after])];
}

/**
 * What the person names as already known, "除了登记表和证件复印件还要啥": the question asks for the rest, so those
 * words are background, not what a sentence must hold.
 */
const BESIDES =
  /除了([^，,。？?！!]{1,24}?)(?:以外|之外)?[，,]?(?:还(?:要|需|得|有|应|该)|另外(?:还|要|需|得)?|再(?:要|带|交|准备|提供))/u;

/**
 * Only when the rest of the question names something of its own (the German engineer's 职工医保): 「除了身份证还要带
 * 户口本吗」 names nothing else, and 「除了身份证其他证件都没带」 tells, it does not ask.
 */
function besides(normalized: string, subjectOf: (text: string) => string[]): string[] {
  const found = BESIDES.exec(normalized);
  if (!found?.[1]) return [];
  const named = subjectOf(found[1]);
  const rest = subjectOf(normalized.replace(found[0], " ")).filter(
    (token) => token.length >= 2 && !named.includes(token),
  );
  // Words, not their pieces: 户口本 and 户口 are one.
  const words = rest.filter((token) => !rest.some((other) => other !== token && other.includes(token)));
  return words.length >= 2 ? named : [];
}

function storyBefore(normalized: string, subject: readonly string[], subjectOf: (text: string) => string[]): string[] {
  const sentences = normalized.split(/(?<=[。！!])/u).filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
  if (sentences.length < 2) return [];
  const askingAt = sentences.findLastIndex((sentence) => ASKS.test(sentence));
  if (askingAt <= 0) return [];
  const asking = sentences.slice(askingAt).join("");
  if (ABOUT_STORY.test(asking)) return [];
  const own = subjectOf(asking);
  if (own.filter((token) => token.length >= 2).length === 0) return [];
  return subject.filter((token) => !own.includes(token));
}

export function analyzeQuestion(message: string, tokenizer: Tokenizer): QuestionAnalysis {
  const normalized = normalizeText(message);
  const matched = typesAsked(normalized);
  const received = MONEY_RECEIVED.test(normalized) || SHARE_ASKED.test(normalized);
  const answerTypes = received
    ? [...new Set(matched.map((type): AnswerType => (type === "fee" ? "number" : type)))]
    : matched;
  // "小学网上报名是几月几号开始" asks a date, which no guide element holds: not the channels (网上).
  const primary = answerTypes.find((type) => type !== "yes_no");
  // Nor does a guide's channel line say which street or at what hours.
  const first =
    primary === "date" || primary === "number" || primary === "address" || primary === "hours"
      ? undefined
      : answerTypes.map((type) => ELEMENT_OF[type]).find((item) => item !== undefined);
  // A span other than how long the office takes is answered by no guide element.
  const span = spanAsked(normalized);
  const element = first === "time" && span ? undefined : first;
  const subjectOf = (text: string) => [
    ...new Set(
      tokenizer
        // Read in simplified script: "國發〔2022〕5號" is a document number too.
        .tokenize(withoutAskingPhrases(stripDocumentNumbers(text) || text))
        // "这店", "那家店": the thing pointed at is the word (店), not the pointing; "卡里" is the card.
        .map(pointedAt)
        .map(withoutLocative)
        .map(withoutModal)
        .map(withoutCopula)
        .filter(
          (token, index, tokens) =>
            (isSubject(token) || qualifies(text, token, tokens[index + 1])) &&
            /[\p{L}\p{N}]/u.test(token) &&
            !/^\d{1,2}$/.test(token),
        ),
    ),
  ];
  const subjectTokens = subjectOf(normalized);
  const background = backgroundOf(normalized, subjectTokens, subjectOf);
  // A span's own figure answers only when a time is asked.
  const timed = answerTypes.some((type) => type === "time_limit" || type === "date");
  const countedUnit = countedIn(normalized);
  const spanUnit = timed && span ? SPAN_UNIT[span] : undefined;
  const unit =
    spanUnit ??
    (answerTypes.some((type) => type === "number" || type === "fee" || type === "time_limit")
      ? unitOf(normalized, countedUnit)
      : undefined);
  const listHead = answerTypes.includes("list") ? listHeadOf(normalized, subjectTokens) : undefined;
  const quoted = quotedWords(normalized, subjectTokens);
  const counted = answerTypes.includes("number") ? countedUnit : undefined;
  const ownCase = asksOwnCase(normalized);
  return {
    text: message,
    normalized,
    answerTypes,
    ...(listHead ? { listHead } : {}),
    ...(element ? { element } : {}),
    subjectTokens,
    ...(background.length > 0 ? { background } : {}),
    // Single characters alone ("现在不是有新政策吗？" → 新) say nothing of what is asked about.
    elliptical: subjectTokens.every((token) => Array.from(token).length === 1),
    ...(unit ? { unit } : {}),
    ...(counted ? { counted } : {}),
    ...(span && (timed || first === "time") ? { span } : {}),
    ...(ownCase ? { ownCase } : {}),
    ...(quoted.length > 0 ? { quoted } : {}),
  };
}
