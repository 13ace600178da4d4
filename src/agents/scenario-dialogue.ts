import { applicableScenarios, type Bundle, type Scenario, type ScenarioAnswers } from "../catalog/index.js";
import { normalizeText } from "../retrieval/index.js";

const NEGATION_BEFORE = /(不是|没有|不用|不要|不需要|不会|不|没|未|非|无)$/u;
const NEGATIVE_LABEL = /^(否|不|没|无|未)/u;
const NEGATIVE_VALUE = /^(no|none|not)(-|$)/u;
const BARE_YES = /^(是|是的|对|对的|有|有的|要|需要|好|好的|嗯|确定|要的)([。！!.,，\s]|$)/u;
// For a two-way question just asked: a reply that says no somewhere, or that affirms an action.
const NEGATION = /(不|没|无|未|别)/u;
const AFFIRMATIVE = /(要|需要|有|是|对|接|办|装|设|卖|开通|启用|交过|交了|缴过)/u;
const BARE_NO = /^(否|不是|没有|不要|不需要|不用|无|没|不)/u;

/** The option that says "no", when exactly one does. */
function negativeOption(scenario: Scenario): string | undefined {
  const negatives = scenario.options.filter(
    (option) => NEGATIVE_LABEL.test(option.label) || NEGATIVE_VALUE.test(option.value),
  );
  return negatives.length === 1 ? negatives[0]?.value : undefined;
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
  const text = normalizeText(message);
  const found: ScenarioAnswers = {};
  for (;;) {
    const answers = { ...known, ...found };
    let added = false;
    for (const scenario of applicableScenarios(bundle, answers)) {
      if (answers[scenario.id] !== undefined) continue;
      const matches: { value: string; at: number; end: number }[] = [];
      let negated: string | undefined;
      for (const option of scenario.options) {
        for (const phrase of [option.label, ...(option.keywords ?? [])]) {
          const normalized = normalizeText(phrase);
          // One-character labels ("是", "否") would match inside any sentence; bare yes/no is handled below.
          const at = normalized.length >= 2 ? text.indexOf(normalized) : -1;
          if (at < 0) continue;
          if (!NEGATION_BEFORE.test(normalized) && NEGATION_BEFORE.test(text.slice(Math.max(0, at - 3), at))) {
            negated = option.value;
            continue;
          }
          matches.push({ value: option.value, at, end: at + normalized.length });
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
              other.end - other.at > match.end - match.at,
          ),
      );
      const values = new Set(standing.map((match) => match.value));
      let value = values.size === 1 ? [...values][0] : undefined;
      if (!value && negated && scenario.options.length === 2)
        value = scenario.options.find((option) => option.value !== negated)?.value;
      // A bare yes or no answers the question just asked only when the reply speaks of nothing else:
      // 「有公积金」 is not a yes to the 独生子女 question.
      if (!value && scenario.id === options.awaiting) {
        const bare = !speaksOfSomethingElse(scenario, text);
        const no = negativeOption(scenario);
        const yes =
          scenario.options.length === 2 ? scenario.options.find((option) => option.value !== no)?.value : undefined;
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

/** Whether a reply holds words that are not about this question (nor yes/no filler). */
function speaksOfSomethingElse(scenario: Scenario, text: string): boolean {
  const rest = text.replace(/[^\p{Script=Han}a-z0-9]/gu, "").replace(FILLER, "");
  if (rest.length === 0) return false;
  const about = normalizeText(
    [
      scenario.question,
      scenario.help ?? "",
      ...scenario.options.flatMap((option) => [option.label, ...(option.keywords ?? [])]),
    ].join(""),
  );
  const shared = [...rest].filter((character) => about.includes(character)).length;
  return shared / rest.length < 0.5;
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
