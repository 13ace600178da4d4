// Reads a photographed document through its flat copy: find the card or page in the photo, flatten
// it (flatten-document.ts), OCR it, and turn it a half or quarter turn when the reading says it was
// upside down or sideways. Boxes come back in the photo's pixels (through the homography), so the
// console draws evidence where the applicant sees it. A photo with no document outline is left to
// the plain reading.
import type { PageText } from "../types.js";
import { findDocumentInPhoto, flattenDocument, type QuarterTurn } from "./flatten-document.js";
import type { GreyImage } from "./grey-image.js";
import { mapBox } from "./homography.js";
import { encodeGreyImage } from "./prepare-image.js";

export interface ReadFlattenedPhotoOptions {
  /** The photo as prepared for OCR (upright per EXIF, scaled to the pixel budget), grey. */
  photo: GreyImage;
  /** Reads one encoded image as a page (readOcrPage with the file's settings). */
  read: (image: Uint8Array, width: number, height: number) => Promise<PageText>;
  /** A reading at least this sure is taken without trying other turns. */
  goodConfidence: number;
  /** Below this, the sideways turns are tried too. */
  minConfidence: number;
}

/**
 * The best reading of the photo's document, boxes, width and height in the photo's pixels, with
 * `document` saying where it was found; undefined when the photo shows no document outline.
 */
export async function readFlattenedPhoto(options: ReadFlattenedPhotoOptions): Promise<PageText | undefined> {
  const quad = findDocumentInPhoto(options.photo);
  if (!quad) return undefined;
  let best: PageText | undefined;
  // Upright first; upside down next (a card photographed from the other side of the desk); sideways
  // only when neither reads, since most documents are photographed in landscape or portrait as held.
  for (const turn of [0, 2, 1, 3] as QuarterTurn[]) {
    if (best && best.confidence >= options.goodConfidence) break;
    if (turn === 1 && best && best.confidence >= options.minConfidence) break;
    const flat = flattenDocument(options.photo, quad, { turn });
    if (!flat) return undefined;
    const page = await options.read(await encodeGreyImage(flat.image), flat.image.width, flat.image.height);
    if (best && page.confidence <= best.confidence) continue;
    const { width, height } = options.photo;
    best = {
      ...page,
      width,
      height,
      document: { corners: quad.corners.map(([x, y]) => [x, y]), turn },
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
