import { DEFAULT_LIMITS } from "../../config.js";

/** What a pre-review accepts. Each limit protects the server; exceeding one is a file finding, not a crash. */
export interface PrereviewLimits {
  /** Largest single file in bytes. Default 20 MiB. */
  maxFileBytes: number;
  /** Most files in one case. Default 20. */
  maxFiles: number;
  /** Largest sum of file sizes in one case, in bytes. Default 100 MiB. */
  maxTotalBytes: number;
  /** Most pages read from one PDF or multi-page TIFF. Default 30. */
  maxPdfPages: number;
  /**
   * Most pixels (width × height, from the header, before decoding) in one image. Default 40 million:
   * a 12-megapixel phone photo passes, a decompression bomb does not.
   */
  maxImagePixels: number;
  /** An image whose shorter side is below this many pixels is flagged `small_image`. Default 200. */
  minImageSide: number;
  /**
   * Most bytes a PDF's compressed streams (page content, fonts, object streams) may inflate to
   * together; images are held to their own pixel size. Default 64 MiB: the text and fonts of a
   * 30-page document take a few MB, while a 1 MB compression bomb inflates to 1 GB.
   */
  maxInflatedBytes: number;
  /** Wall time to read one file (render, OCR, waiting for the OCR pool included). Default 120 s. */
  fileTimeLimitMs: number;
  /** Wall time to read all files of one case, second readings included. Default 600 s. */
  caseTimeLimitMs: number;
  /** JS heap of the thread that reads one file, in MB (`resourceLimits.maxOldGenerationSizeMb`). Default 512. */
  readerMemoryMb: number;
}

export const defaultPrereviewLimits: Readonly<PrereviewLimits> = Object.freeze({
  maxFileBytes: DEFAULT_LIMITS.prereview.maxFileBytes,
  maxFiles: DEFAULT_LIMITS.prereview.maxFiles,
  maxTotalBytes: 100 * 1024 * 1024,
  maxPdfPages: 30,
  maxImagePixels: 40_000_000,
  minImageSide: 200,
  maxInflatedBytes: 64 * 1024 * 1024,
  fileTimeLimitMs: 120_000,
  caseTimeLimitMs: 600_000,
  readerMemoryMb: 512,
});

/** The defaults with the given limits replaced. */
export function resolvePrereviewLimits(limits: Partial<PrereviewLimits> = {}): PrereviewLimits {
  const resolved = { ...defaultPrereviewLimits };
  for (const [key, value] of Object.entries(limits) as [keyof PrereviewLimits, number | undefined][]) {
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}
