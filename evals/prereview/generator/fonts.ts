// Locates the Noto Sans Hans fonts of @embedpdf/fonts-sc. Its exports map hides package.json, so the
// folder is found from the file its entry point resolves to.
import { createRequire } from "node:module";
import path from "node:path";
import type { FontWeight } from "./drawing.js";

/** The canvas font family name the fonts are registered under. */
export const FONT_FAMILY = "SC";

let fontsDirectory: string | undefined;

export function fontsFolder(): string {
  if (!fontsDirectory) {
    const entry = createRequire(import.meta.url).resolve("@embedpdf/fonts-sc");
    fontsDirectory = path.join(path.dirname(entry), "..", "fonts");
  }
  return fontsDirectory;
}

export function fontFile(weight: FontWeight): string {
  return path.join(fontsFolder(), weight === "bold" ? "NotoSansHans-Bold.otf" : "NotoSansHans-Regular.otf");
}
