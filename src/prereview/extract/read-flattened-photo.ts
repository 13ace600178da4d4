// Reads a photographed document through its flat copy: find the card or page in the photo (or both
// cards, when front and back were photographed together), flatten each (flatten-document.ts), OCR
// it, and turn it a half or quarter turn when the reading says it was upside down or sideways.
// Boxes come back in the photo's pixels (through the homography), so the console draws evidence
// where the applicant sees it. A photo with no document outline is left to the plain reading.
import type { PageText } from "../types.js";
import type { DocumentQuad } from "./find-document-quad.js";
import { findDocumentsInPhoto, flattenDocument, type QuarterTurn } from "./flatten-document.js";
import type { GreyImage } from "./grey-image.js";
import { mapBox, type Point } from "./homography.js";
import { encodeGreyImage } from "./prepare-image.js";

export interface ReadFlattenedPhotoOptions {
  /** The photo as prepared for OCR (upright per EXIF, scaled to the pixel budget), grey. */
  photo: GreyImage;
  /** Reads one encoded image as a page (readOcrPage with the file's settings). */
  read: (image: Uint8Array, width: number, height: number) => Promise<PageText>;
  /** A joined reading of several documents below this is `low_confidence`. */
  minConfidence: number;
}

/**
 * Turns are tried while the best reading is below these: upside-down cards read at 0.16–0.18 and
 * sideways ones lower, upright ones (even blurred or small) at 0.6 or more; each turn is one more OCR.
 */
const TURN_BELOW = { halfTurn: 0.5, quarterTurn: 0.4 };

/**
 * The best reading of the photo's documents as one page (lines of each document in turn, boxes,
 * width and height in the photo's pixels, `documents` saying where each was found); undefined when
 * the photo shows no document outline.
 */
export async function readFlattenedPhoto(options: ReadFlattenedPhotoOptions): Promise<PageText | undefined> {
  const quads = readingOrder(findDocumentsInPhoto(options.photo));
  const pages: PageText[] = [];
  for (const quad of quads) {
    const page = await readDocument(options, quad);
    if (!page) return undefined;
    pages.push(page);
  }
  const [first] = pages;
  if (!first || pages.length === 1) return first;
  const lines = pages.flatMap((page) => page.lines);
  // Mean word confidence of the whole photo, each document weighted by its lines.
  const confidence =
    lines.length === 0 ? 0 : pages.reduce((sum, page) => sum + page.confidence * page.lines.length, 0) / lines.length;
  const quality: PageText["quality"] = first.quality.filter((problem) => problem === "small_image");
  if (lines.length === 0) quality.unshift(...first.quality.filter((problem) => problem !== "small_image"));
  else if (confidence < options.minConfidence) quality.unshift("low_confidence");
  return {
    ...first,
    lines,
    confidence,
    quality,
    documents: pages.flatMap((page) => page.documents ?? []),
    milliseconds: Math.max(...pages.map((page) => page.milliseconds)),
  };
}

/** One document read flat: upright first, upside down next, sideways only when neither reads. */
async function readDocument(options: ReadFlattenedPhotoOptions, quad: DocumentQuad): Promise<PageText | undefined> {
  const { width, height } = options.photo;
  let best: PageText | undefined;
  // Most documents are photographed in landscape or portrait as held; upside down is a card
  // photographed from the other side of the desk.
  for (const turn of [0, 2, 1, 3] as QuarterTurn[]) {
    if (best && best.confidence >= (turn === 2 ? TURN_BELOW.halfTurn : TURN_BELOW.quarterTurn)) break;
    const flat = flattenDocument(options.photo, quad, { turn });
    if (!flat) return undefined;
    const page = await options.read(await encodeGreyImage(flat.image), flat.image.width, flat.image.height);
    if (best && page.confidence <= best.confidence) continue;
    best = {
      ...page,
      width,
      height,
      documents: [{ corners: quad.corners.map(([x, y]) => [x, y]), turn }],
      lines: page.lines.map((line) => {
        const box = line.box && mapBox(flat.toPhoto, line.box);
        const { box: _, ...rest } = line;
        return box
          ? {
              ...rest,
              box: {
                x0: Math.max(0, box.x0),
                y0: Math.max(0, box.y0),
                x1: Math.min(width, box.x1),
                y1: Math.min(height, box.y1),
              },
            }
          : rest;
      }),
    };
  }
  return best;
}

/** Top to bottom, or left to right when side by side (their middles within half a height). */
function readingOrder(quads: DocumentQuad[]): DocumentQuad[] {
  const centre = (quad: DocumentQuad): Point => [
    quad.corners.reduce((sum, [x]) => sum + x, 0) / 4,
    quad.corners.reduce((sum, [, y]) => sum + y, 0) / 4,
  ];
  const height = (quad: DocumentQuad) =>
    Math.max(...quad.corners.map(([, y]) => y)) - Math.min(...quad.corners.map(([, y]) => y));
  return [...quads].sort((a, b) => {
    const [ax, ay] = centre(a);
    const [bx, by] = centre(b);
    return Math.abs(ay - by) < Math.min(height(a), height(b)) / 2 ? ax - bx : ay - by;
  });
}
