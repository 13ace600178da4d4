// tesseract.js reads `<langPath>/<language>.traineddata.gz`, one directory for all languages.
// The @tesseract.js-data packages ship one language each, so with two languages we gather links
// to both files in a directory under the cache path.
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The integer-quantised LSTM models: smaller and faster than `4.0.0`, and put no spaces between Chinese characters. */
export const TESSDATA_VARIANT = "4.0.0_best_int";

/** The directory holding `<language>.traineddata.gz` from `@tesseract.js-data/<language>`. */
export function languageDataDirectory(language: string): string {
  if (!/^[a-z_]+$/.test(language)) throw new Error(`invalid tesseract language name: ${language}`);
  const index = require.resolve(`@tesseract.js-data/${language}/index.js`);
  const directory = join(dirname(index), TESSDATA_VARIANT);
  // tesseract.js never settles a worker whose language file is missing, so check first.
  if (!existsSync(join(directory, `${language}.traineddata.gz`)))
    throw new Error(`@tesseract.js-data/${language} has no ${TESSDATA_VARIANT}/${language}.traineddata.gz`);
  return directory;
}

/** A langPath serving all the languages: the package directory for one, a directory of links under `cachePath` for more. */
export function resolveLanguagePath(languages: readonly string[], cachePath: string): string {
  if (languages.length === 0) throw new Error("at least one tesseract language is needed");
  const [first] = languages as [string, ...string[]];
  if (languages.length === 1) return languageDataDirectory(first);
  const directory = join(cachePath, `lang-${TESSDATA_VARIANT}-${languages.join("+")}`);
  mkdirSync(directory, { recursive: true });
  for (const language of languages) {
    const file = `${language}.traineddata.gz`;
    const target = join(directory, file);
    if (existsSync(target)) continue;
    const source = join(languageDataDirectory(language), file);
    try {
      symlinkSync(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      copyFileSync(source, target); // file systems without symlinks
    }
  }
  return directory;
}
