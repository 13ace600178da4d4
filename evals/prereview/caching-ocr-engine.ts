// An OCR cache on disk for repeated evaluation runs: the same image bytes give the same tesseract
// result, so a rerun after a change to classification, fields or rules skips OCR it has done.
// Keyed by the image's SHA-256 and a version the caller bumps when OCR settings change.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { OcrEngine, OcrRecognizeOptions, OcrResult } from "../../src/prereview/index.js";

export interface CachingOcrEngine extends OcrEngine {
  stats(): { hits: number; misses: number };
}

export function createCachingOcrEngine(engine: OcrEngine, directory: string, version: string): CachingOcrEngine {
  let hits = 0;
  let misses = 0;
  let ready: Promise<unknown> | undefined;
  return {
    async recognize(image: Uint8Array, options?: OcrRecognizeOptions): Promise<OcrResult> {
      ready ??= mkdir(directory, { recursive: true });
      await ready;
      const mode = options?.pageSegmentationMode;
      const key = createHash("sha256")
        .update(mode ? `${version}|psm ${mode}|` : version)
        .update(image)
        .digest("hex");
      const file = path.join(directory, `${key}.json`);
      try {
        const cached = JSON.parse(await readFile(file, "utf8")) as OcrResult;
        hits++;
        return cached;
      } catch {
        misses++;
      }
      const result = await engine.recognize(image, options);
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(result));
      await rename(temporary, file);
      return result;
    },
    close: () => engine.close(),
    stats: () => ({ hits, misses }),
  };
}
