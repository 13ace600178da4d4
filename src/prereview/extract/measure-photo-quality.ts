// How readable a photo of a document is to a person, measured from its pixels: the sharpness of
// its edges, its contrast, its size, glare, how far it was tilted and whether the frame cut it.
// The rules weigh these (rules/judge-readability.ts) to tell "re-take it, and how" from "legible,
// a clerk reads what OCR could not". Pure.
import type { PageText, TextLine } from "../types.js";
import { boxBlurGrey, downscaleGrey, type GreyImage, histogramPercentile } from "./grey-image.js";
import { insideConvex } from "./find-document-quad.js";
import type { Point } from "./homography.js";

export type PhotoQuality = NonNullable<PageText["photo"]>;

/** Measured on a copy at most this long, so sharpness means the same on a 1 and a 12 megapixel photo. */
const MEASURE_SIDE = 800;
/** Text boxes or document corners this close to the frame (share of its side) mean the frame cut the document. */
const EDGE_SHARE = 0.01;

export interface MeasurePhotoQualityOptions {
  /** Each document's corners in the photo, when found (top-left, top-right, bottom-right, bottom-left). */
  documents?: readonly (readonly Point[])[];
  /** The lines read, boxes in the photo's pixels. */
  lines?: readonly TextLine[];
}

export function measurePhotoQuality(photo: GreyImage, options: MeasurePhotoQualityOptions = {}): PhotoQuality {
  const small = downscaleGrey(photo, MEASURE_SIDE);
  // Sensor and JPEG noise is steep too; a 3 × 3 mean removes most of it and keeps real edges steep.
  const smooth = boxBlurGrey(small, 1).data;
  const factor = photo.width / small.width;
  const documents = options.documents?.length ? options.documents : undefined;
  const scaled = documents?.map((corners) => corners.map(([x, y]) => [x / factor, y / factor] as Point));
  const inside = scaled
    ? (x: number, y: number) => scaled.some((corners) => insideConvex(corners, [x + 0.5, y + 0.5]))
    : () => true;

  const levels = new Uint32Array(256);
  // Across (x) and down (y) apart: motion blur flattens edges in one direction only.
  const gradientsX = new Uint32Array(256);
  const gradientsY = new Uint32Array(256);
  let count = 0;
  const { width, height, data } = small;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      if (!inside(x, y)) continue;
      const i = y * width + x;
      const grey = data[i] as number;
      levels[grey] = (levels[grey] as number) + 1;
      // Half the central difference: a sharp step of height c gives about c/3 after the mean, a blurred one much less.
      const gx = Math.round(Math.abs((smooth[i + 1] as number) - (smooth[i - 1] as number)) / 2);
      const gy = Math.round(Math.abs((smooth[i + width] as number) - (smooth[i - width] as number)) / 2);
      gradientsX[gx] = (gradientsX[gx] as number) + 1;
      gradientsY[gy] = (gradientsY[gy] as number) + 1;
      count++;
    }
  }
  const dark = histogramPercentile(levels, count, 0.02);
  const light = histogramPercentile(levels, count, 0.98);
  const paper = histogramPercentile(levels, count, 0.5);
  const spread = Math.max(1, light - dark);
  // Pixels clearly brighter than the paper, which glare is and paper is not.
  const glareFrom = Math.max(250, paper + 12);
  let glare = 0;
  for (let level = glareFrom; level < 256; level++) glare += levels[level] as number;

  return {
    sharpness: round(
      Math.min(histogramPercentile(gradientsX, count, 0.995), histogramPercentile(gradientsY, count, 0.995)) / spread,
    ),
    contrast: round(spread / 255),
    resolution: Math.round(
      documents ? Math.min(...documents.map(documentShortSide)) : Math.min(photo.width, photo.height),
    ),
    glare: round(count === 0 ? 0 : glare / count),
    tilt: round(documents ? Math.max(...documents.map(tilt)) : 0),
    cutOff: cutByFrame(photo, options),
  };
}

/** The mean length of the document's two shorter opposite sides. */
function documentShortSide(corners: readonly Point[]): number {
  const [a, b, c, d] = corners as [Point, Point, Point, Point];
  const across = (distance(a, b) + distance(d, c)) / 2;
  const down = (distance(a, d) + distance(b, c)) / 2;
  return Math.min(across, down);
}

/** How unequal opposite sides are (0 square on, 0.3 when one is 30% longer): the tilt towards the camera. */
function tilt(corners: readonly Point[]): number {
  const [a, b, c, d] = corners as [Point, Point, Point, Point];
  const ratio = (p: number, q: number) => Math.max(p, q) / Math.max(1e-9, Math.min(p, q)) - 1;
  return Math.max(ratio(distance(a, b), distance(d, c)), ratio(distance(a, d), distance(b, c)));
}

function cutByFrame(photo: GreyImage, options: MeasurePhotoQualityOptions): boolean {
  const marginX = EDGE_SHARE * photo.width;
  const marginY = EDGE_SHARE * photo.height;
  const near = (x: number, y: number) =>
    x <= marginX || y <= marginY || x >= photo.width - marginX || y >= photo.height - marginY;
  if (options.documents?.some((corners) => corners.some(([x, y]) => near(x, y)))) return true;
  return (options.lines ?? []).some(
    ({ box }) =>
      box !== undefined &&
      (box.x0 <= marginX || box.y0 <= marginY || box.x1 >= photo.width - marginX || box.y1 >= photo.height - marginY),
  );
}

function distance([ax, ay]: Point, [bx, by]: Point): number {
  return Math.hypot(bx - ax, by - ay);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
