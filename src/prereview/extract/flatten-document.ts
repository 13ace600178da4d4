// A photographed document made flat and upright: its quadrilateral found on a small copy, the
// photo resampled onto a rectangle of the document's proportions (an ID card's 85.6 × 54 mm when
// the quad is close to it), and the light evened out. The homography back to the photo comes with
// it, so what OCR finds on the flat copy can be shown where it is on the photo. Pure.
import { downscaleGrey, type GreyImage } from "./grey-image.js";
import { evenIllumination } from "./even-illumination.js";
import { type DocumentQuad, findDocumentQuads } from "./find-document-quad.js";
import { type Homography, type Point, solveHomography } from "./homography.js";
import { warpPerspective } from "./warp-perspective.js";

/** Quarter turns (clockwise) applied to the flat copy. */
export type QuarterTurn = 0 | 1 | 2 | 3;

export interface FlattenDocumentOptions {
  /** Quarter turns of the output, for documents photographed sideways or upside down. Default 0. */
  turn?: QuarterTurn;
  /** Long-to-short side ratios of documents the flat copy snaps to. Default ID-1 cards (85.6 × 54 mm) and ISO A pages. */
  aspectRatios?: readonly number[];
}

export interface FlattenedDocument {
  image: GreyImage;
  /** Maps a point of `image` onto the photo. */
  toPhoto: Homography;
  quad: DocumentQuad;
}

/** The photo's side, in pixels, on which the quad is searched. */
const SEARCH_SIDE = 480;
/** A measured side ratio within this share of a known one is taken to be that document's. */
const SNAP_TOLERANCE = 0.12;
/** A quad whose corners all lie this close (share of the side) to the photo's corners is the whole photo: nothing to flatten. */
const WHOLE_FRAME = 0.03;

const DOCUMENT_ASPECT_RATIOS: readonly number[] = [85.6 / 54, Math.SQRT2];

/**
 * The documents (one, or two side by side or one above the other) whose outlines the photo shows,
 * in the photo's pixels; none when no outline is found or the one found already fills the photo
 * upright (a scan).
 */
export function findDocumentsInPhoto(photo: GreyImage): DocumentQuad[] {
  const small = downscaleGrey(photo, SEARCH_SIDE);
  const factor = photo.width / small.width;
  const frame: Point[] = [
    [0, 0],
    [photo.width, 0],
    [photo.width, photo.height],
    [0, photo.height],
  ];
  const quads = findDocumentQuads(small).map((found) => ({
    ...found,
    corners: found.corners.map(
      ([x, y]) => [(x + 0.5) * factor, (y + 0.5) * factor] as Point,
    ) as DocumentQuad["corners"],
  }));
  const fillsFrame = (quad: DocumentQuad) =>
    quad.corners.every(
      ([x, y], index) =>
        Math.abs(x - (frame[index] as Point)[0]) <= WHOLE_FRAME * photo.width &&
        Math.abs(y - (frame[index] as Point)[1]) <= WHOLE_FRAME * photo.height,
    );
  return quads.length === 1 && fillsFrame(quads[0] as DocumentQuad) ? [] : quads;
}

/** The flat, upright, evenly lit document inside `quad` (corners in the photo's pixels). */
export function flattenDocument(
  photo: GreyImage,
  quad: DocumentQuad,
  options: FlattenDocumentOptions = {},
): FlattenedDocument | undefined {
  const [topLeft, topRight, bottomRight, bottomLeft] = quad.corners;
  let width = (length(topLeft, topRight) + length(bottomLeft, bottomRight)) / 2;
  let height = (length(topLeft, bottomLeft) + length(topRight, bottomRight)) / 2;
  const long = Math.max(width, height);
  const ratio = long / Math.min(width, height);
  const known = (options.aspectRatios ?? DOCUMENT_ASPECT_RATIOS).find(
    (candidate) => Math.abs(ratio - candidate) <= SNAP_TOLERANCE * candidate,
  );
  if (known) [width, height] = width >= height ? [long, long / known] : [long / known, long];
  const turn = options.turn ?? 0;
  if (turn % 2 === 1) [width, height] = [height, width];
  width = Math.round(width);
  height = Math.round(height);
  const rectangle: Point[] = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ];
  // Output corner i shows the photo's corner i − turn: a quarter turn clockwise per step.
  const corners = rectangle.map((_, index) => quad.corners[(index - turn + 4) % 4] as Point);
  const toPhoto = solveHomography(rectangle, corners);
  if (!toPhoto || width < 8 || height < 8) return undefined;
  const flat = warpPerspective({ ...photo, channels: 1 }, { outputToSource: toPhoto, width, height });
  return { image: evenIllumination({ width, height, data: flat.data }), toPhoto, quad };
}

function length([ax, ay]: Point, [bx, by]: Point): number {
  return Math.hypot(bx - ax, by - ay);
}
