import { applicableScenarios, type Bundle, type Scenario, type ScenarioAnswers } from "../catalog/index.js";
import { normalizeText } from "../retrieval/index.js";
import { QUESTION_WORD } from "./analyze-question.js";

const NEGATIVE_LABEL = /^(否|不|没|无|未)/u;
const NEGATIVE_VALUE = /^(no|none|not)(-|$)/u;
const BARE_YES = /^(是|是的|对|对的|有|有的|要|需要|好|好的|嗯|确定|要的)([。！!.,，\s]|$)/u;
// For a two-way question just asked: a reply that says no somewhere, or that affirms an action.
const NEGATION = /(不|没|无|未|别)/u;
const AFFIRMATIVE = /(要|需要|有|是|对|接|办|装|设|卖|开通|启用|交过|交了|缴过)/u;
const BARE_NO = /^(否|不是|没有|不要|不需要|不用|无|没|不)/u;

/** The option that says no (when exactly one does) and, for a two-way question, the other one. */
function yesAndNo(scenario: Scenario): { no?: string; yes?: string } {
  const no = negativeOption(scenario);
  const yes = scenario.options.length === 2 ? scenario.options.find((option) => option.value !== no)?.value : undefined;
  return { no, yes };
}

/** The option that says "no", when exactly one does. */
function negativeOption(scenario: Scenario): string | undefined {
  const negatives = scenario.options.filter(
    (option) => NEGATIVE_LABEL.test(option.label) || NEGATIVE_VALUE.test(option.value),
  );
  return negatives.length === 1 ? negatives[0]?.value : undefined;
}

// A clause that asks: 「要激活吗」「不激活行不行」 name an option without choosing it, and 「道路货运许可
// 多久能办好」 asks a figure about one. 「我已经有营业执照了呢？」 states a situation and asks what follows
// from it, and 「小孩上小学怎么报名」 says which stage while asking how.
const ASKING_CLAUSE =
  /((吗|么)\??$)|((?<!呢)\?$)|行不行|能不能|要不要|是不是|可不可以|有没有|需不需要|用不用|多久|多长时间|多少|几天|什么时候|啥时候|何时/u;

/** The message without its question clauses, which ask about options rather than answer. */
function statements(text: string): string {
  return text
    .split(/(?<=[，。；！？,.;!?])/u)
    .filter((clause) => !ASKING_CLAUSE.test(clause.replace(/[，。；！,.;!\s]+$/u, "")))
    .join("");
}

// Words that carry no content in a keyword ("买了房", "在家生的").
const PARTICLES = /[的了地得]/gu;
const CLAUSE_BREAK = /[，。；！？、,.;!?\s]/u;

/**
 * Where a keyword stands in a message: as written, or loosely — every content character of a
 * keyword of three or more characters inside one clause, within a window at most two characters
 * longer than the keyword, in any order ("在家里生的" for 在家生的, "爸爸的户口" for 爸爸户口,
 * "营业执照有了" for 有执照). One- and two-character keywords match only as written.
 */
export function findPhrase(text: string, phrase: string): { at: number; end: number; loose: boolean } | undefined {
  // One-character labels ("是", "否") would match inside any sentence; bare yes/no is handled elsewhere.
  if (phrase.length < 2) return undefined;
  const at = text.indexOf(phrase);
  if (at >= 0) return { at, end: at + phrase.length, loose: false };
  const characters = Array.from(phrase.replace(PARTICLES, ""));
  if (phrase.length < 3 || characters.length < 2) return undefined;
  const window = phrase.length + 2;
  const letters = Array.from(text);
  for (let start = 0; start < letters.length; start++) {
    if (!characters.includes(letters[start] as string)) continue;
    const missing = new Set(characters);
    for (let end = start; end < Math.min(letters.length, start + window); end++) {
      const letter = letters[end] as string;
      if (CLAUSE_BREAK.test(letter)) break;
      missing.delete(letter);
      if (missing.size === 0) {
        // Offsets in UTF-16 units, as indexOf gives them.
        const from = letters.slice(0, start).join("").length;
        return { at: from, end: from + letters.slice(start, end + 1).join("").length, loose: true };
      }
    }
  }
  return undefined;
}

/** The options answers choose (scenario id → option value), each with its scenario; unknown ones left out. */
export function chosenOptions(
  bundle: Bundle,
  answers: Readonly<Record<string, string>>,
): { scenarioId: string; value: string; scenario: Scenario; option: Scenario["options"][number] }[] {
  return Object.entries(answers).flatMap(([scenarioId, value]) => {
    const scenario = bundle.scenarios.find((item) => item.id === scenarioId);
    const option = scenario?.options.find((item) => item.value === value);
    return scenario && option ? [{ scenarioId, value, scenario, option }] : [];
  });
}

/**
 * Reads answers to a bundle's scenario questions out of free text ("我是灵活就业" answers the
 * applicant-type question): an option matches when the message contains its label or one of its
 * keywords; the longest match wins, so "不卖烟" beats "卖烟"; a match right after a negation
 * ("不是独生子女") counts against that option. For the question just asked (`awaiting`), a bare
 * no ("没有…") picks the one option that says no, and a bare yes ("是的") the other option of a
 * two-way question. A question whose options tie is left
 * unanswered rather than guessed. Answers can unlock further questions (askIf), so it repeats.
 */
export function extractScenarioAnswers(
  bundle: Bundle,
  message: string,
  known: ScenarioAnswers,
  options: { awaiting?: string } = {},
): ScenarioAnswers {
  const text = statements(normalizeText(message));
  const found: ScenarioAnswers = {};
  for (;;) {
    const answers = { ...known, ...found };
    let added = false;
    for (const scenario of applicableScenarios(bundle, answers)) {
      if (answers[scenario.id] !== undefined) continue;
      const matches: { value: string; at: number; end: number; length: number }[] = [];
      let negated: string | undefined;
      for (const option of scenario.options) {
        for (const phrase of [option.label, ...(option.keywords ?? [])]) {
          const normalized = normalizeText(phrase);
          const found = findPhrase(text, normalized);
          if (!found) continue;
          const { at, end } = found;
          // A negation shortly before, in the same clause: "没做过进出口", "没给员工交过公积金".
          const before =
            text
              .slice(Math.max(0, at - 5), at)
              .split(CLAUSE_BREAK)
              .at(-1) ?? "";
          const negatedBefore = !NEGATION.test(normalized) && NEGATION.test(before);
          // "执照还没有" holds 有执照 loosely, with its negation inside.
          const negatedInside = found.loose && !NEGATION.test(normalized) && NEGATION.test(text.slice(at, end));
          // "档案怎么转" holds 转档案 loosely around a question word: it asks about the option.
          if (found.loose && QUESTION_WORD.test(text.slice(at, end))) continue;
          if (negatedBefore || negatedInside) {
            negated = option.value;
            continue;
          }
          // A loose match counts as slightly shorter than an exact one of the same phrase.
          matches.push({ value: option.value, at, end, length: normalized.length - (found.loose ? 0.5 : 0) });
        }
      }
      // A match inside a longer one of another option loses to it ("不卖烟" over "卖烟"); two options
      // matched in different places ("外省的人民医院") leave the question open rather than guess.
      const standing = matches.filter(
        (match) =>
          !matches.some(
            (other) =>
              other.value !== match.value &&
              other.at <= match.at &&
              other.end >= match.end &&
              other.length > match.length,
          ),
      );
      const values = new Set(standing.map((match) => match.value));
      let value = values.size === 1 ? [...values][0] : undefined;
      if (!value && negated && scenario.options.length === 2)
        value = scenario.options.find((option) => option.value !== negated)?.value;
      // A bare yes or no answers the question just asked only when the reply speaks of nothing else:
      // 「有公积金」 is not a yes to the 独生子女 question.
      if (!value) value = compareQuantity(scenario, text);
      // While a question waits, a reply about another two-way question with a clear yes or no answers
      // that one ("招牌肯定要的" while the fire-safety question waits).
      if (!value && options.awaiting !== undefined && scenario.id !== options.awaiting && isAbout(scenario, text))
        value = polarAnswer(scenario, text);
      if (!value && scenario.id === options.awaiting) {
        const bare = !speaksOfSomethingElse(scenario, text);
        const { no, yes } = yesAndNo(scenario);
        if (bare && no && (BARE_NO.test(text) || (yes && NEGATION.test(text)))) value = no;
        else if (bare && no && yes && (BARE_YES.test(text) || AFFIRMATIVE.test(text))) value = yes;
        else value = closestLabel(scenario, text);
      }
      if (value) {
        found[scenario.id] = value;
        added = true;
      }
    }
    if (!added) return found;
  }
}

// What a bare answer is made of: yes and no words, pronouns, particles.
const FILLER = /[是的对有要需没不无否嗯好啊呀吧呢了吗哦噢他她我们你它这那个就还也都已经过呃恩行可以]/gu;

const aboutTexts = new WeakMap<Scenario, string>();

/**
 * A question's own words (question, help, options and keywords), normalised: built once per scenario,
 * being too long for normalizeText's cache and read on every reply.
 */
function aboutText(scenario: Scenario): string {
  let about = aboutTexts.get(scenario);
  if (about === undefined) {
    about = normalizeText(
      [
        scenario.question,
        scenario.help ?? "",
        ...scenario.options.flatMap((option) => [option.label, ...(option.keywords ?? [])]),
      ].join(""),
    );
    aboutTexts.set(scenario, about);
  }
  return about;
}

/** Whether a reply holds words that are not about this question (nor yes/no filler). */
function speaksOfSomethingElse(scenario: Scenario, text: string): boolean {
  const rest = text.replace(/[^\p{Script=Han}a-z0-9]/gu, "").replace(FILLER, "");
  if (rest.length === 0) return false;
  const about = aboutText(scenario);
  const shared = [...rest].filter((character) => about.includes(character)).length;
  return shared / rest.length < 0.5;
}

/**
 * Whether a reply's content is mostly this question's own words and shares a word (a character
 * pair) with the question: "招牌肯定要的" is about 是否要在店外设置户外招牌.
 */
function isAbout(scenario: Scenario, text: string): boolean {
  const rest = text.replace(/[^\p{Script=Han}a-z0-9]/gu, "").replace(FILLER, "");
  if (rest.length < 2 || speaksOfSomethingElse(scenario, text)) return false;
  const question = bigrams(normalizeText(scenario.question));
  return [...bigrams(rest)].some((pair) => question.has(pair));
}

/** The yes or no option of a two-way question, by the reply's negation or its affirming verb. */
function polarAnswer(scenario: Scenario, text: string): string | undefined {
  const { no, yes } = yesAndNo(scenario);
  if (!no || !yes) return undefined;
  if (NEGATION.test(text)) return no;
  return AFFIRMATIVE.test(text) ? yes : undefined;
}

const UNITS: Record<string, string> = {
  平方米: "平方米",
  平米: "平方米",
  平方: "平方米",
  平: "平方米",
  "㎡": "平方米",
  万元: "万元",
  万: "万元",
};
const QUANTITY =
  /(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)\s*(?:来|多|余|左右)?\s*(平方米|平米|平方|㎡|平|万元|万)/gu;
const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const MULTIPLIERS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "二十" → 20, "三百五" → 350, "120" → 120. */
export function parseNumber(text: string): number {
  if (/^\d/u.test(text)) return Number(text);
  let total = 0;
  let digit = 0;
  let last = 1;
  for (const character of text) {
    const multiplier = MULTIPLIERS[character];
    if (multiplier) {
      total += (digit || 1) * multiplier;
      digit = 0;
      last = multiplier;
    } else digit = DIGITS[character] ?? 0;
  }
  // "三百五": a trailing digit counts in the place below the last multiplier.
  return total + (digit && last > 1 ? (digit * last) / 10 : digit);
}

function quantities(text: string): { value: number; unit: string }[] {
  return [...text.matchAll(QUANTITY)].map((match) => ({
    value: parseNumber(match[1] as string),
    unit: UNITS[match[2] as string] as string,
  }));
}

/**
 * A threshold question ("投资额是否超过30万元，或营业面积是否超过300平方米？") answered by a number
 * ("400平米的店"): the "above" option when a stated amount exceeds the threshold in the same unit;
 * the other option only when every threshold's unit is stated and none exceeds.
 */
function compareQuantity(scenario: Scenario, text: string): string | undefined {
  const thresholds = quantities(normalizeText(scenario.question));
  if (thresholds.length === 0 || scenario.options.length !== 2) return undefined;
  const stated = quantities(text).filter((item) => thresholds.some((threshold) => threshold.unit === item.unit));
  if (stated.length === 0) return undefined;
  const above = scenario.options.find(
    (option) => /超过|以上|高于|大于/u.test(option.label) && !/不超过|都不/u.test(option.label),
  );
  const below = scenario.options.find((option) => option !== above);
  if (!above || !below) return undefined;
  const exceeds = stated.some((item) =>
    thresholds.some((threshold) => threshold.unit === item.unit && item.value > threshold.value),
  );
  if (exceeds) return above.value;
  const everyUnit = thresholds.every((threshold) => stated.some((item) => item.unit === threshold.unit));
  return everyUnit ? below.value : undefined;
}

/** Character pairs of a text, letters and digits only. */
export function bigrams(text: string): Set<string> {
  const characters = Array.from(text.replace(/[^\p{L}\p{N}]/gu, ""));
  const grams = new Set<string>();
  for (let i = 0; i + 1 < characters.length; i++) grams.add(`${characters[i]}${characters[i + 1]}`);
  return grams;
}

/**
 * For the question just asked: the option whose label or keywords share clearly more character
 * pairs with the reply than any other option's ("户口在外省" → "户籍在外省", "在兰州市第一人民医院
 * 生的" → "在医院生的"), or none when it is not clear.
 */
function closestLabel(scenario: Scenario, text: string): string | undefined {
  const reply = bigrams(text);
  const scored = scenario.options
    .map((option) => {
      let shared = 0;
      for (const phrase of [option.label, ...(option.keywords ?? [])]) {
        let count = 0;
        for (const gram of bigrams(normalizeText(phrase))) if (reply.has(gram)) count += 1;
        shared = Math.max(shared, count);
      }
      return { value: option.value, shared };
    })
    .sort((a, b) => b.shared - a.shared);
  const [first, second] = scored;
  if (!first || first.shared < 2) return undefined;
  if (first.shared > (second?.shared ?? 0)) return first.value;
  // A tie between a "no" option and another: the reply's own negation decides.
  const no = negativeOption(scenario);
  const tied = scored.filter((entry) => entry.shared === first.shared).map((entry) => entry.value);
  if (no && tied.length === 2 && tied.includes(no))
    return NEGATION.test(text) ? no : tied.find((value) => value !== no);
  return undefined;
}
