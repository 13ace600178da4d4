// The intent model, trained from the examples file at start-up (about 0.15 s). Not cached: its word
// features come from the tokenizer, whose dictionary is built from the catalog, so a model kept on
// disk would go stale with every lexicon edit.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Tokenizer } from "../retrieval/index.js";
import {
  createIntentClassifier,
  type IntentClassifier,
  type IntentExample,
  IntentExampleSchema,
  memoizedFeatures,
  trainIntentModelInSlices,
} from "./intent-classifier.js";

/** The labelled examples the model learns from (never an evaluation set). */
const INTENT_EXAMPLES_FILE = path.join(import.meta.dirname, "training", "intent-examples.jsonl");
export interface LoadIntentClassifierOptions {
  tokenizer: Tokenizer;
  examplesFile?: string;
}

async function readIntentExamples(file = INTENT_EXAMPLES_FILE): Promise<IntentExample[]> {
  const lines = (await readFile(file, "utf8")).split("\n").filter((line) => line.trim());
  return lines.map((line, index) => {
    const parsed = IntentExampleSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
}

export async function loadIntentClassifier(options: LoadIntentClassifierOptions): Promise<IntentClassifier> {
  const examples = await readIntentExamples(options.examplesFile);
  // Each example's features are worked out once for both models.
  const featuresOf = memoizedFeatures(options.tokenizer);
  // In slices: a knowledge reload retrains them while the service serves.
  const model = await trainIntentModelInSlices(examples, { tokenizer: options.tokenizer, featuresOf });
  const injectionModel = await trainIntentModelInSlices(examples, {
    tokenizer: options.tokenizer,
    featuresOf,
    labels: INJECTION_LABELS,
    labelOf: (example) => (example.intent === "injection" ? "injection" : "other"),
  });
  return createIntentClassifier(model, options.tokenizer, injectionModel);
}

/** The injection model's classes: an attempt on the assistant, or any other message. */
const INJECTION_LABELS = ["injection", "other"] as const;
