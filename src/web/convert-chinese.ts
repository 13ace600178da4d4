// Simplified → traditional display text for the widget's 简/繁 toggle. Done on the server: the
// opencc-js dictionaries (about 1 MB) would multiply the widget's size many times over. The widget
// keeps the simplified originals, so switching back needs no request.
import { toTraditionalChinese } from "../retrieval/index.js";

/** Converts display texts to traditional characters (opencc cn → tw), one result per text. */
export function convertToTraditional(texts: readonly string[]): string[] {
  return texts.map((text) => toTraditionalChinese(text));
}
