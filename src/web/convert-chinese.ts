// Simplified → traditional display text for the widget's 简/繁 toggle. Done on the server: the
// opencc-js dictionaries (about 1 MB) would multiply the widget's size many times over. The widget
// keeps the simplified originals, so switching back needs no request.
import * as OpenCC from "opencc-js";

let toTraditional: ((text: string) => string) | undefined;

/** Converts display texts to traditional characters (opencc cn → tw), one result per text. */
export function convertToTraditional(texts: readonly string[]): string[] {
  const convert = (toTraditional ??= OpenCC.Converter({ from: "cn", to: "tw" }));
  return texts.map((text) => convert(text));
}
