// A PDF's compressed streams, measured before pdf.js or mupdf touch them: a 1 MB PDF whose page
// content inflates to 1 GB once took 215 s and 1.5 GB of memory to read. Each Flate stream is
// inflated with a ceiling on its output, so a bomb costs at most the budget, never its full size.
import { constants, createInflate } from "node:zlib";

export interface InspectPdfStreamsOptions {
  /** Most bytes all non-image streams may inflate to together. */
  maxInflatedBytes: number;
  /** Most pixels of one image in the PDF (its /Width × /Height). */
  maxImagePixels: number;
}

export type InspectPdfStreamsResult =
  | { status: "ok"; streams: number; inflatedBytes: number }
  /** `inflatedBytes`: at least this much (inflating stopped at the budget). */
  | { status: "inflated_too_large"; inflatedBytes: number }
  | { status: "too_many_pixels"; width: number; height: number };

/** An image stream may inflate to its pixels' size and this much more (headers, padding, predictors). */
const IMAGE_SLACK_BYTES = 1024 * 1024;

const STREAM_KEYWORD = /stream(?:\r\n|\n|\r)/g;

/**
 * Inflates every FlateDecode stream (the first filter of its chain) within the budget and reads
 * the declared size of every image. Streams behind another first filter (ASCII85, LZW) are not
 * measured here; the reading thread's time and memory limits still bound them.
 */
export async function inspectPdfStreams(
  bytes: Uint8Array,
  options: InspectPdfStreamsOptions,
): Promise<InspectPdfStreamsResult> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString("latin1");
  let inflatedBytes = 0;
  let streams = 0;
  STREAM_KEYWORD.lastIndex = 0;
  for (let match = STREAM_KEYWORD.exec(text); match; match = STREAM_KEYWORD.exec(text)) {
    const keyword = match.index;
    if (text.slice(Math.max(0, keyword - 3), keyword) === "end") continue;
    const dictionary = dictionaryBefore(text, keyword);
    if (dictionary === undefined) continue;
    streams += 1;
    const dataStart = keyword + match[0].length;
    const dataEnd = streamEnd(text, dictionary, dataStart);
    STREAM_KEYWORD.lastIndex = dataEnd;

    const image = /\/Subtype\s*\/Image\b/.test(dictionary);
    let allowance = options.maxInflatedBytes - inflatedBytes;
    if (image) {
      const width = integerEntry(dictionary, "W(?:idth)?");
      const height = integerEntry(dictionary, "H(?:eight)?");
      if (width !== undefined && height !== undefined) {
        if (width * height > options.maxImagePixels) return { status: "too_many_pixels", width, height };
        const components = /\/DeviceRGB|\/RGB\b|\/ICCBased|\/Lab\b/.test(dictionary)
          ? 3
          : /\/DeviceCMYK|\/CMYK\b/.test(dictionary)
            ? 4
            : 1;
        const bitsPerComponent = integerEntry(dictionary, "B(?:itsPerComponent|PC)") ?? 8;
        // Predictors add a byte a row; ICC and CMYK may be more components than guessed: slack covers both.
        allowance = Math.ceil((width * components * bitsPerComponent) / 8 + 1) * height * 2 + IMAGE_SLACK_BYTES;
      }
    }
    if (!firstFilterIsFlate(dictionary)) continue;
    const inflated = await inflatedSize(buffer.subarray(dataStart, dataEnd), Math.max(0, allowance));
    if (inflated > allowance)
      return { status: "inflated_too_large", inflatedBytes: image ? inflated : inflatedBytes + inflated };
    if (!image) inflatedBytes += inflated;
  }
  return { status: "ok", streams, inflatedBytes };
}

/** The `<< … >>` right before `stream` (white space between), or undefined when there is none. */
function dictionaryBefore(text: string, keyword: number): string | undefined {
  let end = keyword - 1;
  while (end >= 0 && /\s/.test(text[end] ?? "")) end--;
  if (text[end] !== ">" || text[end - 1] !== ">") return undefined;
  let depth = 0;
  // Dictionaries of real streams are small; a runaway search is cut off.
  for (let index = end; index > 0 && end - index < 65_536; index--) {
    if (text[index] === ">" && text[index - 1] === ">") {
      depth++;
      index--;
    } else if (text[index] === "<" && text[index - 1] === "<") {
      depth--;
      index--;
      if (depth === 0) return text.slice(index, end + 1);
    }
  }
  return undefined;
}

/** Where the stream's data ends: its direct /Length when that lands on `endstream`, else the next `endstream`. */
function streamEnd(text: string, dictionary: string, dataStart: number): number {
  const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
  if (length) {
    const end = dataStart + Number(length[1]);
    if (/^\s*endstream/.test(text.slice(end, end + 20))) return end;
  }
  const next = text.indexOf("endstream", dataStart);
  return next === -1 ? text.length : next;
}

function integerEntry(dictionary: string, key: string): number | undefined {
  const match = new RegExp(`/${key}\\s+(\\d{1,9})(?!\\s+\\d+\\s+R)\\b`).exec(dictionary);
  return match ? Number(match[1]) : undefined;
}

function firstFilterIsFlate(dictionary: string): boolean {
  const filter = /\/Filter\s*(\[\s*)?\/(\w+)/.exec(dictionary);
  return filter?.[2] === "FlateDecode" || filter?.[2] === "Fl";
}

/**
 * Inflated size of one stream, counted chunk by chunk and dropped, stopping past `limit`: the
 * output is never held. Damaged data counts what inflates before the damage (pdf.js and mupdf
 * stop there too).
 */
function inflatedSize(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    let size = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(size);
    };
    inflate.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish();
        inflate.destroy();
      }
    });
    inflate.on("end", finish);
    inflate.on("error", finish);
    inflate.on("close", finish);
    inflate.end(data);
  });
}
