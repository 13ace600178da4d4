// Groups unanswered questions by similar wording (characters and bigrams of the question without its
// question words, Jaccard), so maintainers see
// 「灵活就业怎么交社保」 and 「灵活就业人员社保怎么交」 as one gap in the knowledge base.
import { normalizeQuestionText } from "./normalize-question-text.js";

/**
 * Two wordings join one cluster when their character-and-bigram sets overlap at least this much
 * (Jaccard). 0.4 put the paraphrases in cluster-questions.test.ts together and kept the different
 * questions apart.
 */
export const CLUSTER_SIMILARITY = 0.4;

/** Words every question has: left out, or 「护照怎么办理」 and 「社保卡怎么办理」 would look alike. */
const QUESTION_WORDS = /怎么|怎样|如何|什么|哪里|哪儿|在哪|去哪|需要|可以|办理|请问|我想|我要|要|吗|呢|的|了|办|能/g;

export interface QuestionGroup {
  question: string;
  count: number;
  lastSeenAt: Date;
}

export interface QuestionCluster {
  label: string;
  count: number;
  examples: string[];
  lastSeenAt: Date;
}

function features(text: string): Set<string> {
  const folded = normalizeQuestionText(text);
  const core = folded.replace(QUESTION_WORDS, "") || folded;
  const grams = new Set<string>(core);
  for (let index = 0; index + 1 < core.length; index++) grams.add(core.slice(index, index + 2));
  return grams;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Most asked first: each group joins the first cluster whose label it resembles, or starts one. */
export function clusterQuestions(groups: readonly QuestionGroup[], similarity = CLUSTER_SIMILARITY): QuestionCluster[] {
  const sorted = [...groups].sort((a, b) => b.count - a.count || b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
  const clusters: (QuestionCluster & { grams: Set<string> })[] = [];
  for (const group of sorted) {
    const grams = features(group.question);
    const home = clusters.find((cluster) => jaccard(cluster.grams, grams) >= similarity);
    if (!home) {
      clusters.push({ label: group.question, count: group.count, examples: [], lastSeenAt: group.lastSeenAt, grams });
      continue;
    }
    home.count += group.count;
    if (home.examples.length < 5) home.examples.push(group.question);
    if (group.lastSeenAt > home.lastSeenAt) home.lastSeenAt = group.lastSeenAt;
  }
  return clusters
    .map(({ grams: _grams, ...cluster }) => cluster)
    .sort((a, b) => b.count - a.count || b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}
