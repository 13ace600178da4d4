// The intent model, trained from the examples file when the examples (or the feature code) change
// and kept as JSON beside the search index; loaded from there otherwise.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Tokenizer } from "../retrieval/index.js";
import {
  createIntentClassifier,
  type IntentClassifier,
  type IntentExample,
  IntentExampleSchema,
  IntentModelSchema,
  trainIntentModel,
} from "./intent-classifier.js";

/** The labelled examples the model learns from (never an evaluation set). */
export const INTENT_EXAMPLES_FILE = path.join(import.meta.dirname, "training", "intent-examples.jsonl");
/** Bump when features or training change, so stored models are retrained. */
const MODEL_VERSION = "1";

export interface LoadIntentClassifierOptions {
  tokenizer: Tokenizer;
  /** Where the trained model is kept (e.g. `DATA_DIR/index`); without it, trained in memory each time. */
  cacheDir?: string;
  examplesFile?: string;
}

export async function readIntentExamples(file = INTENT_EXAMPLES_FILE): Promise<IntentExample[]> {
  const lines = (await readFile(file, "utf8")).split("\n").filter((line) => line.trim());
  return lines.map((line, index) => {
    const parsed = IntentExampleSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
}

export async function loadIntentClassifier(options: LoadIntentClassifierOptions): Promise<IntentClassifier> {
  const file = options.examplesFile ?? INTENT_EXAMPLES_FILE;
  const source = await readFile(file, "utf8");
  const hash = createHash("sha256").update(MODEL_VERSION).update(source).digest("hex").slice(0, 16);
  const cached = options.cacheDir ? path.join(options.cacheDir, `intent-model-${hash}.json`) : undefined;
  if (cached) {
    try {
      const model = IntentModelSchema.parse(JSON.parse(await readFile(cached, "utf8")));
      return createIntentClassifier(model, options.tokenizer);
    } catch {
      // Missing or unreadable: train below.
    }
  }
  const model = trainIntentModel(await readIntentExamples(file), { tokenizer: options.tokenizer });
  if (cached && options.cacheDir) {
    await mkdir(options.cacheDir, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(model));
    await rename(temporary, cached);
  }
  return createIntentClassifier(model, options.tokenizer);
}
