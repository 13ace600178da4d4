import { normalizeText } from "../retrieval/index.js";

export type Intent =
  | "greeting"
  | "handoff"
  | "out_of_scope"
  | "injection"
  | "consult"
  | "route"
  | "scenario_answer"
  | "skip";

export interface IntentResult {
  intent: Intent;
  /** Which rule decided, for logs and evaluation. */
  rule: string;
}

export interface ClassifyIntentOptions {
  message: string;
  /** A scenario question is waiting for an answer. */
  awaitingScenario?: boolean;
  /** Whether the message names anything in the catalog (a bundle, matter, policy or lexicon term). */
  mentionsCatalog?: boolean;
}

// Attempts to change the assistant's instructions or to extract its configuration. Text in user
// messages is data, never instructions: these get a fixed reply, whatever else they contain.
const INJECTION = [
  /(忽略|无视|忘记|忘掉|不要理会|跳过)(之前|以上|上面|前面|先前|所有|你的)?.{0,6}(指令|指示|提示|规则|设定|限制|要求)/u,
  /(系统|初始|原始|隐藏)?(提示词|prompt)/iu,
  /(输出|打印|告诉我|泄露|显示|复述|重复)(一下)?你的?.{0,6}(配置|设定|规则|指令|设置|密钥|key)/iu,
  /(你现在是|从现在起你是|扮演|假装你是|进入).{0,12}(模式|角色|dan|gpt|ai|助手|黑客|开发者)/iu,
  /(越狱|jailbreak|developer mode|开发者模式|dan模式|\bdan\b)/iu,
  /ignore (all |any |the )?(previous|prior|above|earlier) (instructions|prompts|rules|directions)/iu,
  /hidden (instructions|prompt)|system message/iu,
  /假装.{0,8}(没有|不受|无).{0,6}(限制|约束|规则)/u,
  /(接口地址|密钥|底层模型|用的是什么模型|什么大模型|哪个模型)/u,
  /(reveal|print|show|repeat|output) (me )?(your |the )?(system )?(prompt|instructions|configuration|api key)/iu,
  /(不受|没有|无视|解除)(任何|所有|一切)(限制|约束|规则)/u,
  /(系统指令|系统消息|system\s*:|开发者(写的|的)?(说明|指令|消息)|第一条消息)/iu,
  /重复你(收到|得到|看到)的/u,
  /api[_ -]?key|llm_api_key|admin_token/iu,
];
const HANDOFF =
  /(转人工|人工客服|人工服务|找人工|真人|客服电话|打12345|拨打12345|12345热线|要投诉|我要投诉|找工作人员)/u;
const GREETING_WORD = "(你好|您好|嗨|哈喽|hi|hello|hey|在吗|在不在|早上好|下午好|晚上好|有人吗)";
const GREETING_END = "[呀啊吗呢~～!！。.?？,，\\s]*";
// A greeting alone, or with "are you there" or "what can you do for me".
const GREETING = new RegExp(
  `^${GREETING_WORD}${GREETING_END}(${GREETING_WORD}${GREETING_END})?((请问)?(你|您)?(能|可以)(帮我|帮忙)?(办|做|干)?(什么|些什么|啥|哪些事)${GREETING_END})?$`,
  "iu",
);
const SKIP = /(跳过|不想回答|不清楚|不知道|都不确定|直接(给|发|列)|完整(清单|列表)|全部(材料|清单)|都列出来)/u;
// Topics clearly outside government services; only decisive when nothing in the catalog is named.
const OUT_OF_SCOPE =
  /(天气|下雨|气温|体彩|福彩|开奖|运势|双子座|白羊座|金牛座|巨蟹座|狮子座|处女座|天秤座|天蝎座|射手座|摩羯座|水瓶座|双鱼座|写(一首|首)?诗|作诗|诗歌|绝句|律诗|对联|欧冠|世界杯|nba|冠军|python|java|javascript|排序|算法|股票|股价|基金|炒股|彩票|笑话|段子|足球|篮球|比赛|球队|菜谱|怎么做菜|做饭|食谱|星座|算命|电影|电视剧|小说|歌词|唱歌|游戏|作业|数学题|翻译|编程|写代码|代码|恋爱|表白|旅游|景点|红烧|比特币)/u;
// Questions about one element of a guide (materials, time, fee, conditions, place) are consults;
// "what do I need to do" questions are routing.
const CONSULT =
  /(材料|资料|证件|要带|带什么|带啥|多久|多长时间|几天|几个工作日|多少天|多少个工作日|拿到|时限|期限|收费|费用|多少钱|要钱|免费|条件|符合|资格|流程|步骤|在哪|去哪|哪里办|地点|地址|网上|线上|窗口|电话|政策|规定|文件|意见|要求|依据|怎么申请|能不能|可以吗|可不可以|是否|是什么意思|什么意思|啥意思|什么是|是什么|怎么理解|解释|什么情况|哪些情况|什么时候|谁能|谁可以|怎么处理|怎么规定|有什么规定|多少|吗[？?。]?$)/u;

/** Rule-based intent: safety first (injection, handoff), then small talk, then service intents. */
export function classifyIntent(options: ClassifyIntentOptions): IntentResult {
  const text = normalizeText(options.message);
  for (const [index, pattern] of INJECTION.entries())
    if (pattern.test(text)) return { intent: "injection", rule: `injection.${index}` };
  if (HANDOFF.test(text)) return { intent: "handoff", rule: "handoff" };
  if (GREETING.test(text)) return { intent: "greeting", rule: "greeting" };
  if (options.awaitingScenario && SKIP.test(text)) return { intent: "skip", rule: "skip" };
  if (options.awaitingScenario) return { intent: "scenario_answer", rule: "awaiting-scenario" };
  if (!options.mentionsCatalog && OUT_OF_SCOPE.test(text)) return { intent: "out_of_scope", rule: "topic" };
  // The knowledge base is Chinese; a message with no Chinese that names nothing in it is off-topic.
  if (!options.mentionsCatalog && !/\p{Script=Han}/u.test(text)) return { intent: "out_of_scope", rule: "no-chinese" };
  if (CONSULT.test(text)) return { intent: "consult", rule: "element" };
  return { intent: "route", rule: "default" };
}
