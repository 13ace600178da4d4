// The only pdf-parse importer: the text layer of each page of a PDF. Encrypted and damaged PDFs
// are results, not exceptions.
// First, as a side effect: records the built-ins that loading pdf-parse replaces (see the module).
import "./restore-native-builtins.js";
import { PDFParse } from "pdf-parse";
import { restoreNativeBuiltins } from "./restore-native-builtins.js";

restoreNativeBuiltins();

export type PdfTextLayerResult =
  | {
      status: "ok";
      pageCount: number;
      /** One entry per page in order, `page` 1-based; text lines separated by `\n`. */
      pages: { page: number; text: string }[];
    }
  | { status: "too_many_pages"; pageCount: number }
  /** `reason`: what pdf-parse said, for logs. */
  | { status: "encrypted"; reason: string }
  | { status: "corrupt"; reason: string };

export interface ReadPdfTextLayerOptions {
  /** More pages than this gives `too_many_pages` without reading any text. Default unlimited. */
  maxPages?: number;
}

/** Reads the text layer of every page. Pages without a text layer (scans) come back with empty text. */
export async function readPdfTextLayer(
  bytes: Uint8Array,
  options: ReadPdfTextLayerOptions = {},
): Promise<PdfTextLayerResult> {
  // A copy: pdf.js may transfer (detach) the buffer it is given, and the caller still needs the bytes.
  const parser = new PDFParse({ data: bytes.slice(), stopAtErrors: false });
  try {
    // `partial: [0]` names no page, so this only loads the document and counts its pages.
    const { total } = await parser.getText({ partial: [0] });
    if (options.maxPages !== undefined && total > options.maxPages)
      return { status: "too_many_pages", pageCount: total };
    const result = await parser.getText({ lineEnforce: true, cellSeparator: " ", pageJoiner: "" });
    return {
      status: "ok",
      pageCount: total,
      pages: result.pages.map((page) => ({ page: page.num, text: page.text })),
    };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return name === "PasswordException" ? { status: "encrypted", reason } : { status: "corrupt", reason };
  } finally {
    await parser.destroy().catch(() => undefined);
    // pdf.js loads its worker code (another legacy bundle with the same polyfills) on first use.
    restoreNativeBuiltins();
  }
}
