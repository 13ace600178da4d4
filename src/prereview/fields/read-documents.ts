import { type ClassifyPageOptions, recogniseDocuments } from "../classify/index.js";
import type { ExtractedFile, RecognisedDocument } from "../types.js";
import { extractFields } from "./extract-fields.js";

/** Recognises the documents of a file and reads their fields: classify, then extract. */
export function readDocuments(file: ExtractedFile, options: ClassifyPageOptions = {}): RecognisedDocument[] {
  return recogniseDocuments(file, options).map((document) => ({
    ...document,
    fields: extractFields(document, file.pages),
  }));
}
