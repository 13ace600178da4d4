// A synthetic grey "photo" of a document: a desk, a sheet whose corners are known, dark text bars
// laid out on the sheet (so they follow its perspective), and light falling off to one side.
import type { GreyImage } from "../grey-image.js";
import { applyHomography, invertHomography, type Point, solveHomography } from "../homography.js";

export interface QuadPhotoOptions {
  width: number;
  height: number;
  /** The sheet's corners in the photo: top-left, top-right, bottom-right, bottom-left. */
  corners: [Point, Point, Point, Point];
  /** More sheets of the same layout on the desk (both sides of a card in one photo). */
  others?: [Point, Point, Point, Point][];
  /** The sheet's own size, in which the text bars are laid out. Default 856 × 540 (an ID card). */
  sheet?: { width: number; height: number };
  /** Brightness at the right edge relative to the left, 0..1. Default 1 (even light). */
  lightAtRight?: number;
  desk?: number;
  paper?: number;
}

/** Text bars on the sheet, in sheet pixels: rows of words. */
export function textBars(sheet: {
  width: number;
  height: number;
}): { x0: number; y0: number; x1: number; y1: number }[] {
  const bars = [];
  for (let row = 0; row < 6; row++) {
    const y0 = sheet.height * (0.12 + row * 0.13);
    for (let word = 0; word < 4; word++) {
      const x0 = sheet.width * (0.08 + word * 0.15);
      bars.push({ x0, y0, x1: x0 + sheet.width * 0.1, y1: y0 + sheet.height * 0.06 });
    }
  }
  return bars;
}

export function drawQuadPhoto(options: QuadPhotoOptions): GreyImage {
  const { width, height, corners } = options;
  const sheet = options.sheet ?? { width: 856, height: 540 };
  const toSheets = [corners, ...(options.others ?? [])].map((quad) => {
    const toSheet = invertHomography(
      solveHomography(
        [
          [0, 0],
          [sheet.width, 0],
          [sheet.width, sheet.height],
          [0, sheet.height],
        ],
        quad,
      ) ?? [],
    );
    if (!toSheet) throw new Error("degenerate corners");
    return toSheet;
  });
  const bars = textBars(sheet);
  const data = new Uint8ClampedArray(width * height);
  const light = options.lightAtRight ?? 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const on = toSheets
        .map((toSheet) => applyHomography(toSheet, [x + 0.5, y + 0.5]) ?? ([-1, -1] as Point))
        .find(([u, v]) => u >= 0 && v >= 0 && u < sheet.width && v < sheet.height);
      const [u, v] = on ?? [-1, -1];
      const onSheet = on !== undefined;
      const inText = onSheet && bars.some((bar) => u >= bar.x0 && u < bar.x1 && v >= bar.y0 && v < bar.y1);
      const level = inText ? 40 : onSheet ? (options.paper ?? 240) : (options.desk ?? 195);
      data[y * width + x] = level * (1 - (1 - light) * (x / width));
    }
  }
  return { width, height, data };
}
