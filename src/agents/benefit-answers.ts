// Reading facts for policy matching out of chat messages: the answer to the one fact asked, and
// the plain facts a question like 「我70岁了，能领什么补贴」 already states.
import { type FactName, FACTS, type FactSpec } from "../catalog/index.js";

export type FactAnswer = { status: "value"; value: number | boolean | string } | { status: "unknown" | "unreadable" };

const YES = /^(是|是的|对|对的|有|嗯|参加了|交了|缴了|需要|领了|已经|办了|yes|y)/iu;
const NO = /^(否|不是|没有|没|无|不|未|还没|no|n)/iu;
const DONT_KNOW = /不知道|不清楚|不确定|说不准|忘了/u;
// 两 reads as 二; the digit is the character's position in the string.
const DIGIT_CHARACTERS = "零一二三四五六七八九";
const digitOf = (character: string) => DIGIT_CHARACTERS.indexOf(character === "两" ? "二" : character);

/** A small number written in digits or Chinese (「三级」「十五年」「两岁」). */
function readNumber(text: string): number | undefined {
  const digits = /\d+(\.\d+)?/.exec(text);
  if (digits) return Number(digits[0]);
  const chinese = /([一二两三四五六七八九]?十[一二三四五六七八九]?|[零一二两三四五六七八九])/u.exec(text)?.[1];
  if (!chinese) return undefined;
  if (!chinese.includes("十")) return digitOf(chinese);
  const [tens, ones] = chinese.split("十");
  return (tens ? digitOf(tens) : 1) * 10 + (ones ? digitOf(ones) : 0);
}

/** A sum in 万 written in digits or Chinese up to 九百九十九 (「五十」「一百二十」「120」). */
function readAmount(text: string): number | undefined {
  if (/^\d/u.test(text)) return Number(text);
  const [hundreds, rest] = text.includes("百") ? text.split("百") : ["", text];
  // 「上百万」 says no figure: a hundreds needs its digit.
  if (text.includes("百") && (!hundreds || digitOf(hundreds) < 1)) return undefined;
  const head = hundreds ? digitOf(hundreds) * 100 : 0;
  if (!rest) return head;
  // 「一百五」 is a hundred and fifty; 「一百零五」 a hundred and five.
  if (head > 0 && /^[一二两三四五六七八九]$/u.test(rest)) return head + digitOf(rest) * 10;
  const tail = readNumber(rest.replace(/^零/u, ""));
  return tail === undefined ? undefined : head + tail;
}

/** The answer to the question asked about one fact. */
export function readFactAnswer(fact: FactName, message: string): FactAnswer {
  const text = message.trim().replace(/[。！!，,？?]+$/u, "");
  if (DONT_KNOW.test(text)) return { status: "unknown" };
  const spec: FactSpec = FACTS[fact];
  if (spec.kind === "boolean") {
    if (NO.test(text)) return { status: "value", value: false };
    if (YES.test(text)) return { status: "value", value: true };
    return { status: "unreadable" };
  }
  if (spec.kind === "number") {
    if (fact === "youngestChildAge" && /刚出生|刚生|不到一岁|不满一岁|不到1岁|几个月/u.test(text))
      return { status: "value", value: 0 };
    const value = readNumber(text);
    return value === undefined ? { status: "unreadable" } : { status: "value", value };
  }
  // 「已经退休了」 names 已退休: a label also counts without its leading 已.
  const option = Object.entries(spec.options ?? {}).find(
    ([value, label]) => text === value || text.includes(label) || text.includes(label.replace(/^已/u, "")),
  );
  return option ? { status: "value", value: option[0] } : { status: "unreadable" };
}

// Relatives whose 走了 or 没了 is read as a death (a brother or a son who 走了 has more often left), with when or how
// between; the unambiguous verbs (去世, 病逝 …) with a few more words between (「舅舅上个月突发心梗去世了」).
const FAMILY_DEATH =
  /(爸|妈|爹|老娘|爸爸|妈妈|父亲|母亲|老人|家人|亲人|老伴|爷爷|奶奶|外公|外婆|姥爷|姥姥|丈夫|妻子|老公|老婆|老爷子|老太太|舅舅|叔叔|伯伯|姑姑|公公|婆婆|岳父|岳母)((已经|刚|刚刚|因病|突然|意外|上周|上礼拜|上个月|上月|前天|昨天|今天|前几天|前些天|前阵子|去年|今年|前段时间){0,2}((走了|没了|不在了)(?=[，。,.！!？?；;\s]|$)|去世|过世|离世|病故|病逝)|生前(?!预嘱|契约))|(他|她)生前(?!预嘱|契约)|(爸|妈|爹|老娘|父亲|母亲|老人|家人|亲人|老伴|爷爷|奶奶|外公|外婆|姥爷|姥姥|丈夫|妻子|老公|老婆|舅舅|叔叔|伯伯|姑姑|公公|婆婆|岳父|岳母)[^，。！？,.!?；;]{0,8}?(去世|过世|离世|病故|病逝|逝世|身故)/u;

/** Facts a message states outright; only unambiguous patterns, nothing guessed. */
export function factsInMessage(message: string): Record<string, number | boolean | string> {
  const facts: Record<string, number | boolean | string> = {};
  // 「孩子两岁」「我家老二才一岁半」, or the age first: 「家里有个刚一岁半的闺女」; of several children, the youngest.
  const ages = [
    ...[
      ...message.matchAll(
        /(孩子|宝宝|小孩|女儿|儿子|闺女|娃(?![他她])|老大(?![爷娘妈哥姐])|老二|老三)[^，。,]{0,4}?(\d{1,2}|[一二两三四五六七八九十]{1,2})\s*(岁|周岁)/gu,
      ),
    ].map((match) => match[2] as string),
    ...[
      ...message.matchAll(
        /(\d{1,2}|[一二两三四五六七八九十]{1,2})\s*(岁|周岁)半?多?的(孩子|宝宝|小孩|女儿|儿子|闺女|娃)/gu,
      ),
    ].map((match) => match[1] as string),
    // 「老二刚出生」, 「刚生了」: a newborn, the youngest whatever the others' ages.
    ...(/(刚出生|刚生了|新生儿)/u.test(message) ? ["0"] : []),
  ].flatMap((text) => readNumber(text) ?? []);
  if (ages.length > 0) facts.youngestChildAge = Math.min(...ages);
  const self = /(我|本人|今年)[^，。,孩宝女儿]{0,4}?(\d{2,3})\s*(岁|周岁)/u.exec(message);
  if (self) facts.age = Number(self[2]);
  // 「二级残疾」「一级肢体残疾」「残疾等级三级」「肢体一级」.
  const grade =
    /(?<grade>一|二|三|四|[1-4])\s*级(视力|听力|言语|肢体|智力|精神|多重)?(残疾|残)|残疾[^，。,]{0,4}?(?<after>一|二|三|四|[1-4])\s*级|(视力|听力|言语|肢体|智力|精神|多重)(残疾)?(?<kind>一|二|三|四|[1-4])\s*级/u.exec(
      message,
    );
  const gradeText = grade?.groups?.grade ?? grade?.groups?.after ?? grade?.groups?.kind;
  if (gradeText) facts.disabilityGrade = readNumber(gradeText) as number;
  // 「平时吃喝拉撒都得有人照顾」「生活不能自理」: long-term care needed; 「不太需要人照顾」「生活能自理」: not. Read in
  // what the message tells, not in what it asks (「护理补贴需要有人护理证明吗」, 「老人还能自理吗」).
  const told = message
    .split(/[，。！；,!;]/u)
    .filter((clause) => !/[吗呢？?]|什么|怎么|如何|哪|多少|是否/u.test(clause))
    .join("，");
  if (/(不|不太|不怎么|无须|无需)(需要|用|得)?有?人(长期)?(照顾|照护|伺候|护理)|(?<!不)能(完全)?自理/u.test(told))
    facts.needsLongTermCare = false;
  else if (/不能(完全)?自理|(需要|得|要)有?人(长期)?(照顾|照护|伺候|护理)|长期照护|离不开人/u.test(told))
    facts.needsLongTermCare = true;
  if (/已?退休了|退休人员|我退休/u.test(message)) facts.employmentStatus = "retired";
  else if (/失业了|我失业|下岗/u.test(message)) facts.employmentStatus = "unemployed";
  else if (/灵活就业/u.test(message)) facts.employmentStatus = "flexible";
  if (/本地户口|本地户籍|本地人|本地常住/u.test(message)) facts.localResident = true;
  // 「老人因病去世了」「我爸上礼拜走了」「我爸生前……」: a death in the family (not whether the deceased was insured). The
  // person is named before the verb, with at most when or how between: 「我妈的身份证没了」 loses a card, 「邻居去世了」
  // is no family's. (The lexicon's entry for the after-death bundle, individual.yaml, reads the verbs of death for
  // routing; a death read here lets that bundle lead the retirement's, `MessageView.stated`.)
  if (FAMILY_DEATH.test(message)) {
    facts.familyMemberDied = true;
    // 「我爸生前交着养老保险」「生前一直领着退休金」: the deceased was insured (「没交」 between says not;
    // 「我妈还领着退休金」 is the survivor's).
    if (
      /生前(?:(?!没|未|不)[^，。,]){0,4}(交着|交了|缴了|缴着|缴纳了|参加了|参加着|在交|一直交)[^，。,]{0,4}(养老保险|社保|社会保险)|生前(?:(?!没|未|不)[^，。,]){0,4}领着?(养老金|退休金)/u.test(
        message,
      )
    )
      facts.insuredFamilyMemberDied = true;
  }
  // A negation states the fact too: it corrects what an earlier message was read to say.
  if (/不是低保|非低保/u.test(message)) facts.lowIncomeFamily = false;
  else if (/低保/u.test(message)) facts.lowIncomeFamily = true;
  if (/个体户|个体工商户/u.test(message)) facts.enterpriseType = "individual_business";
  else if (/(我们|我|本|咱)(公司|企业)/u.test(message)) facts.enterpriseType = "company";
  // 「我是今年的应届毕业生」, not 「本人不是应届毕业生」 nor 「我是应届毕业生的家长」; the graduates an
  // enterprise hired are the enterprise's fact (below).
  if (
    /(我是|我今年|本人是?)(?!不|非)[^，。,不非]{0,6}(应届|毕业年度|刚毕业|今年毕业)(?![^，。,]{0,6}的(家长|妈妈|爸爸|父母|孩子|女儿|儿子))/u.test(
      message,
    )
  )
    facts.graduateWithinTwoYears = true;
  else if (/(我|本人)(不是|并非|非)[^，。,]{0,4}(应届|毕业年度)/u.test(message)) facts.graduateWithinTwoYears = false;
  // 「公司今年招了几个毕业一年多还没找到工作的大学生，签了合同也交了社保」: hired, and insured, both done;
  // not 「招了两个大学生实习，没交社保」 nor 「招应届毕业生需要交社保吗」.
  if (
    /(招了|招用了|雇了|录用了)[^。]{0,20}(毕业生|大学生|应届|失业青年)/u.test(message) &&
    /(交了|缴了|缴纳了|参保了|上了)(社保|社会保险|五险|保险)|(社保|社会保险|五险一金|五险)(也|都)?(交了|缴了|上了)/u.test(
      message,
    ) &&
    !/(没|未|不)(交|缴|给|上)|需要|要不要|用不用|吗/u.test(message)
  )
    facts.hiredYoungJobseekers = true;
  if (/小规模纳税人/u.test(message)) facts.vatTaxpayerType = "small_scale";
  // 「一年应纳税所得额大概五十万」「应纳税所得额是120万元」: in 万元, as the fact is asked; not a question of it
  // (「应纳税所得额多少万以内能减半」).
  // A threshold quoted (「不超过300万的……」「超过100万的部分」) is no income of the person's.
  const taxable =
    /应纳税所得额[^，。,？?]{0,6}?(\d+(?:\.\d+)?|[一二两三四五六七八九十百零]+)\s*万(元)?(?!以[下上内])/u.exec(message);
  if (taxable && !/多少|几|超过|不到|低于|高于|以内|以下|以上|上限|标准/u.test(taxable[0])) {
    const amount = readAmount(taxable[1] as string);
    if (amount !== undefined) facts.annualTaxableIncome = amount;
  }
  return facts;
}

/** 「我能领什么补贴」「企业有哪些优惠政策」: a question about what one may get, not about one named benefit. */
export const ASKS_BENEFITS =
  /(什么|哪些|啥|哪几种)[^。？?]{0,4}(补贴|津贴|补助|优惠|待遇|福利|扶持|政策)|(能|可以)(申请|领取?|享受)(哪项|哪种|哪个|哪几项)(补贴|津贴|补助|优惠|待遇|福利)|(补贴|津贴|补助|优惠|福利|扶持政策)[^。？?]{0,3}(有哪些|有什么|有没有|能领吗|可以领吗)|能领(到|取)?些?(什么|哪些|啥)(?!时候|时间|程度)|(政策找人|免申即享)/u;

/** The message is about an enterprise (企业、公司、个体户). */
export const ABOUT_ENTERPRISE = /企业|公司|个体户|个体工商户|单位|小微|纳税人|招用|招聘/u;
