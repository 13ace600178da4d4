import { detectFileKind, readImageSize } from "../../intake/index.js";
import type { OcrEngine, OcrResult } from "../../types.js";
import { OcrError } from "../ocr-error.js";

export interface FakeOcrEngine extends OcrEngine {
  /** The size and kind of each image it was asked to read, in order. */
  readonly calls: { kind?: string; width: number; height: number }[];
  closed: boolean;
}

/** An OCR engine that returns `answer` (or throws it, when it is an Error) and records its calls. */
export function createFakeOcrEngine(
  answer: Partial<OcrResult> | Error | ((call: number) => Partial<OcrResult> | Error) = {},
): FakeOcrEngine {
  const calls: FakeOcrEngine["calls"] = [];
  const engine: FakeOcrEngine = {
    calls,
    closed: false,
    async recognize(image) {
      const kind = detectFileKind(image);
      const size = kind && kind !== "pdf" ? readImageSize(image, kind) : undefined;
      calls.push({ kind, width: size?.width ?? 0, height: size?.height ?? 0 });
      const result = typeof answer === "function" ? answer(calls.length) : answer;
      if (result instanceof Error) throw result;
      return {
        lines: result.lines ?? [{ text: "姓 名 张 三", confidence: 0.9 }],
        confidence: result.confidence ?? 0.9,
        width: result.width ?? size?.width ?? 0,
        height: result.height ?? size?.height ?? 0,
      };
    },
    async close() {
      engine.closed = true;
    },
  };
  return engine;
}

export const workerCrash = () => new OcrError("worker_crashed", "OCR worker died: exit 1");
