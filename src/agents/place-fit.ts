import type { QuestionAnalysis } from "./analyze-question.js";

// Provinces and the larger cities, by the names people write them in: a question about one place is
// not answered by a sentence that speaks only of another ("上海的窗口在哪" by Beijing's window).
// No maintained package holds this short list with short names; the prefecture-level list is longer
// than what the sample knowledge base and its questions use, so cities are the provincial capitals,
// the cities under separate planning and a few more.

const PROVINCES = [
  "北京",
  "天津",
  "上海",
  "重庆",
  "河北",
  "山西",
  "辽宁",
  "吉林",
  "黑龙江",
  "江苏",
  "浙江",
  "安徽",
  "福建",
  "江西",
  "山东",
  "河南",
  "湖北",
  "湖南",
  "广东",
  "海南",
  "四川",
  "贵州",
  "云南",
  "陕西",
  "甘肃",
  "青海",
  "台湾",
  "内蒙古",
  "广西",
  "西藏",
  "宁夏",
  "新疆",
  "香港",
  "澳门",
];

/** City → its province. */
const CITIES: Record<string, string> = {
  石家庄: "河北",
  太原: "山西",
  沈阳: "辽宁",
  大连: "辽宁",
  长春: "吉林",
  哈尔滨: "黑龙江",
  南京: "江苏",
  苏州: "江苏",
  无锡: "江苏",
  杭州: "浙江",
  宁波: "浙江",
  合肥: "安徽",
  福州: "福建",
  厦门: "福建",
  泉州: "福建",
  南昌: "江西",
  济南: "山东",
  青岛: "山东",
  郑州: "河南",
  武汉: "湖北",
  长沙: "湖南",
  广州: "广东",
  深圳: "广东",
  东莞: "广东",
  佛山: "广东",
  海口: "海南",
  三亚: "海南",
  成都: "四川",
  贵阳: "贵州",
  昆明: "云南",
  西安: "陕西",
  兰州: "甘肃",
  天水: "甘肃",
  酒泉: "甘肃",
  西宁: "青海",
  呼和浩特: "内蒙古",
  南宁: "广西",
  拉萨: "西藏",
  银川: "宁夏",
  乌鲁木齐: "新疆",
};

// Where a person comes from, not where the service is done: "台湾过来的员工", "北京户口".
// 人 only as a person's origin ("香港人", "北京人的"), not 人社, 人才, 人民.
const ORIGIN = "(?!过来|来的|人(?=[，,。？?的在来去]|$)|籍|居民|同胞|员工|户口|户籍|身份)";

const PLACE_PATTERN = new RegExp(
  // 西安 is not the 西安 of 「西安全」.
  [...PROVINCES, ...Object.keys(CITIES)]
    .sort((a, b) => b.length - a.length)
    .map((place) => `${place === "西安" ? "西安(?!全)" : place}${ORIGIN}`)
    .join("|"),
  "gu",
);

/** The places a text names, as written, each once. */
export function placesNamed(text: string): string[] {
  return [...new Set([...text.matchAll(PLACE_PATTERN)].map(([place]) => place))];
}

const provinceOf = (place: string) => CITIES[place] ?? place;

/**
 * The places an answer speaks of, when they are all elsewhere than those the question names:
 * undefined when the question names none, or the answer names none or one in the asked province.
 */
export function placesElsewhere(
  question: string,
  answer: readonly string[],
): { asked: string[]; elsewhere: string[] } | undefined {
  const text = answer.join("\n");
  if (placeFit(provincesAsked(question), text) !== -1) return undefined;
  return { asked: placesNamed(question), elsewhere: placesNamed(text) };
}

/** The provinces a question names (a city counting for its province); undefined when it names none. */
export function provincesAsked(question: string): ReadonlySet<string> | undefined {
  const asked = placesNamed(question);
  return asked.length > 0 ? new Set(asked.map(provinceOf)) : undefined;
}

/**
 * How a sentence fits the provinces a question names (`provincesAsked`): 1 when it names one of them,
 * −1 when it names only others, 0 when the question or the sentence names none.
 */
export function placeFit(asked: ReadonlySet<string> | undefined, sentence: string): -1 | 0 | 1 {
  if (!asked) return 0;
  const named = placesNamed(sentence);
  if (named.length === 0) return 0;
  return named.some((place) => asked.has(provinceOf(place))) ? 1 : -1;
}

/** The question's own words about place: those that name the document asked about ("海南那篇解读") left out. */
export function placeText(question: Pick<QuestionAnalysis, "text" | "namingWords" | "placeAsked">): string {
  const own = (question.namingWords ?? []).reduce((text, word) => text.replaceAll(word, ""), question.text);
  return question.placeAsked ? `${question.placeAsked} ${own}` : own;
}
