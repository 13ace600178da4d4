// Intent learnt from labelled examples instead of keyword lists: a multinomial logistic regression
// over character 1–3-grams and jieba words, trained at start-up (or loaded from its cache) from
// src/agents/training/intent-examples.jsonl. No downloaded weights. Safety rules (injection, an
// explicit 转人工) stay deterministic, outside this model and before it; a second model, injection
// against everything else, only adds wordings no rule names (`decide-intent.ts`).
import { z } from "zod";
import { createSlicer, normalizeText, type Tokenizer } from "../retrieval/index.js";

export const LearnedIntentSchema = z.enum(["greeting", "handoff", "out_of_scope", "consult", "route"]);
export type LearnedIntent = z.infer<typeof LearnedIntentSchema>;
const LABELS = LearnedIntentSchema.options;

/**
 * An example is one of the service intents, or an attempt on the assistant's instructions
 * (`injection`), which a model of its own learns against all the others: the service intents'
 * model is trained on their examples alone, unchanged by the injection examples.
 */
export const IntentExampleSchema = z
  .object({ text: z.string().min(1), intent: z.union([LearnedIntentSchema, z.literal("injection")]) })
  .strict();
export type IntentExample = z.infer<typeof IntentExampleSchema>;

export interface IntentPrediction {
  intent: LearnedIntent;
  /** Probability of each intent, summing to 1. */
  probabilities: Record<LearnedIntent, number>;
  /** Probability that the message is an attempt on the assistant's instructions (its own model; 0 without one). */
  injection: number;
}

/** Any classifier of messages into the learnt intents: the model below, or a fake in tests. */
export interface IntentClassifier {
  classify(message: string): IntentPrediction;
}

/** The trained model as stored: feature vocabulary and one weight row per intent. */
export const IntentModelSchema = z.object({
  format: z.literal("intent-logreg/1"),
  labels: z.array(z.string()),
  features: z.array(z.string()),
  weights: z.array(z.array(z.number())),
  bias: z.array(z.number()),
});
export type IntentModel = z.infer<typeof IntentModelSchema>;

export interface TrainIntentClassifierOptions {
  tokenizer: Tokenizer;
  /** The classes, in order, and each example's class (default: the service intents, examples of one). */
  labels?: readonly string[];
  labelOf?: (example: IntentExample) => string | undefined;
  /** A message's features (default: computed here); two models trained on one file can share them. */
  featuresOf?: (text: string) => string[];
  /** Passes over the examples (default 30). */
  epochs?: number;
  /** L2 penalty per step (default 1e-4). */
  l2?: number;
  /** Adagrad base step (default 0.5). */
  learningRate?: number;
}

/** Features of a message: character n-grams (1–3) of the normalised text, jieba words, shape. */
function intentFeatures(message: string, tokenizer: Tokenizer): string[] {
  const text = normalizeText(message);
  const characters = Array.from(text.replace(/\s+/g, ""));
  const features = new Set<string>();
  for (let n = 1; n <= 3; n++)
    for (let i = 0; i + n <= characters.length; i++) features.add(`c${n}:${characters.slice(i, i + n).join("")}`);
  for (const word of tokenizer.tokenizeNormalized(text)) features.add(`w:${word}`);
  const han = characters.filter((character) => /\p{Script=Han}/u.test(character)).length;
  features.add(han === 0 ? "shape:no-han" : han <= 4 ? "shape:short" : han <= 15 ? "shape:medium" : "shape:long");
  if (/[?？吗呢]$/u.test(text)) features.add("shape:question");
  if (characters.length > 0) features.add(`first:${characters[0]}`);
  return [...features];
}

/** Trains the model; deterministic for the same examples (fixed shuffling). */
export function trainIntentModel(
  examples: readonly IntentExample[],
  options: TrainIntentClassifierOptions,
): IntentModel {
  const steps = trainingSteps(examples, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same model as `trainIntentModel`, trained in slices that give the event loop back between them:
 * a reload retrains it while the service serves (116–254 ms in one piece on this machine).
 */
export async function trainIntentModelInSlices(
  examples: readonly IntentExample[],
  options: TrainIntentClassifierOptions & { sliceMs?: number },
): Promise<IntentModel> {
  const slicer = createSlicer(options.sliceMs);
  const steps = trainingSteps(examples, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slicer.pause();
  }
}

/** Training as steps (an example's features, one example's update): the callers decide when to pause. */
function* trainingSteps(
  examples: readonly IntentExample[],
  options: TrainIntentClassifierOptions,
): Generator<void, IntentModel> {
  const epochs = options.epochs ?? 30;
  const l2 = options.l2 ?? 1e-4;
  const rate = options.learningRate ?? 0.5;
  const labels = options.labels ?? LABELS;
  const labelOf = options.labelOf ?? ((example: IntentExample) => example.intent);
  const featuresOf = options.featuresOf ?? ((text: string) => intentFeatures(text, options.tokenizer));
  const vocabulary = new Map<string, number>();
  const rows: { label: number; features: number[] }[] = [];
  for (const example of examples) {
    const label = labels.indexOf(labelOf(example) ?? "");
    if (label < 0) continue;
    rows.push({
      label,
      features: featuresOf(example.text).map((feature) => {
        let id = vocabulary.get(feature);
        if (id === undefined) vocabulary.set(feature, (id = vocabulary.size));
        return id;
      }),
    });
    yield;
  }
  const classes = labels.length;
  const weights = Array.from({ length: classes }, () => new Float64Array(vocabulary.size));
  const squared = Array.from({ length: classes }, () => new Float64Array(vocabulary.size).fill(1e-8));
  const bias = new Float64Array(classes);
  const biasSquared = new Float64Array(classes).fill(1e-8);
  const order = rows.map((_, index) => index);
  let seed = 20261204;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const rowIndex of order) {
      const row = rows[rowIndex] as (typeof rows)[number];
      const probabilities = softmax(weights.map((w, k) => (bias[k] as number) + sum(row.features, w)));
      for (let k = 0; k < classes; k++) {
        const gradient = (probabilities[k] as number) - (k === row.label ? 1 : 0);
        const w = weights[k] as Float64Array;
        const g2 = squared[k] as Float64Array;
        for (const feature of row.features) {
          const step = gradient + l2 * (w[feature] as number);
          g2[feature] = (g2[feature] as number) + step * step;
          w[feature] = (w[feature] as number) - (rate * step) / Math.sqrt(g2[feature] as number);
        }
        biasSquared[k] = (biasSquared[k] as number) + gradient * gradient;
        bias[k] = (bias[k] as number) - (rate * gradient) / Math.sqrt(biasSquared[k] as number);
      }
      yield;
    }
  }
  const round = (value: number) => Math.round(value * 1e5) / 1e5;
  return {
    format: "intent-logreg/1",
    labels: [...labels],
    features: [...vocabulary.keys()],
    weights: weights.map((row) => Array.from(row, round)),
    bias: Array.from(bias, round),
  };
}

/** Probabilities of a model's classes for a message's features. */
function scoreModel(model: IntentModel, index: ReadonlyMap<string, number>, features: readonly string[]) {
  const positions = features.flatMap((feature) => {
    const position = index.get(feature);
    return position === undefined ? [] : [position];
  });
  const probabilities = softmax(model.weights.map((row, k) => (model.bias[k] ?? 0) + sum(positions, row)));
  return Object.fromEntries(model.labels.map((label, k) => [label, probabilities[k] ?? 0])) as Record<string, number>;
}

/** A classifier from a trained (or stored) model of the service intents, and optionally an injection model. */
export function createIntentClassifier(
  model: IntentModel,
  tokenizer: Tokenizer,
  injectionModel?: IntentModel,
): IntentClassifier {
  const indexOf = (trained: IntentModel) => new Map(trained.features.map((feature, position) => [feature, position]));
  const index = indexOf(model);
  const injectionIndex = injectionModel && indexOf(injectionModel);
  return {
    classify(message) {
      // The message's features once, for both models.
      const features = intentFeatures(message, tokenizer);
      const result = Object.fromEntries(LABELS.map((label) => [label, 0])) as Record<LearnedIntent, number>;
      Object.assign(result, scoreModel(model, index, features));
      let best = LABELS[0] as LearnedIntent;
      for (const label of LABELS) if (result[label] > result[best]) best = label;
      const injection =
        injectionModel && injectionIndex ? (scoreModel(injectionModel, injectionIndex, features).injection ?? 0) : 0;
      return { intent: best, probabilities: result, injection };
    },
  };
}

/** A message's features for the intent models, computed once per text (training both models on one file). */
export function memoizedFeatures(tokenizer: Tokenizer): (text: string) => string[] {
  const seen = new Map<string, string[]>();
  return (text) => {
    let features = seen.get(text);
    if (!features) seen.set(text, (features = intentFeatures(text, tokenizer)));
    return features;
  };
}

/** A classifier for tests: the intent a function names, with probability 1. */
export function createFixedIntentClassifier(decide: (message: string) => LearnedIntent): IntentClassifier {
  return {
    classify(message) {
      const intent = decide(message);
      const probabilities = Object.fromEntries(LABELS.map((label) => [label, label === intent ? 1 : 0])) as Record<
        LearnedIntent,
        number
      >;
      return { intent, probabilities, injection: 0 };
    },
  };
}

function sum(features: readonly number[], weights: ArrayLike<number>): number {
  let total = 0;
  for (const feature of features) total += weights[feature] ?? 0;
  return total;
}

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / total);
}
