// Evens out uneven light (a shadow across a card, a dark corner) before tesseract binarises the
// page with one global threshold: each pixel is divided by the paper's brightness around it,
// estimated as a bright percentile per cell of a coarse grid and interpolated between cells.
import { type GreyImage, histogramPercentile } from "./grey-image.js";

/** Cells across the shorter side; text strokes are far smaller than a cell, shadows far larger. */
const CELLS_ACROSS = 8;
/** The percentile of a cell's greys taken as its paper: bright, but above glare specks. */
const PAPER_PERCENTILE = 0.9;

export function evenIllumination(image: GreyImage): GreyImage {
  const { width, height } = image;
  const cell = Math.max(8, Math.floor(Math.min(width, height) / CELLS_ACROSS));
  const columns = Math.max(1, Math.round(width / cell));
  const rows = Math.max(1, Math.round(height / cell));
  const paper = new Float32Array(columns * rows);
  const histogram = new Uint32Array(256);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      histogram.fill(0);
      const x0 = Math.floor((column * width) / columns);
      const x1 = Math.floor(((column + 1) * width) / columns);
      const y0 = Math.floor((row * height) / rows);
      const y1 = Math.floor(((row + 1) * height) / rows);
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const grey = image.data[y * width + x] as number;
          histogram[grey] = (histogram[grey] as number) + 1;
        }
      paper[row * columns + column] = histogramPercentile(histogram, (x1 - x0) * (y1 - y0), PAPER_PERCENTILE);
    }
  }
  const data = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) {
    // Cell centres sit at (index + 0.5) cells; interpolate between the two nearest in each direction.
    const gy = Math.min(rows - 1, Math.max(0, ((y + 0.5) * rows) / height - 0.5));
    const r0 = Math.floor(gy);
    const r1 = Math.min(rows - 1, r0 + 1);
    const fy = gy - r0;
    for (let x = 0; x < width; x++) {
      const gx = Math.min(columns - 1, Math.max(0, ((x + 0.5) * columns) / width - 0.5));
      const c0 = Math.floor(gx);
      const c1 = Math.min(columns - 1, c0 + 1);
      const fx = gx - c0;
      const top = (paper[r0 * columns + c0] as number) * (1 - fx) + (paper[r0 * columns + c1] as number) * fx;
      const bottom = (paper[r1 * columns + c0] as number) * (1 - fx) + (paper[r1 * columns + c1] as number) * fx;
      const background = Math.max(1, top * (1 - fy) + bottom * fy);
      data[y * width + x] = (255 * (image.data[y * width + x] as number)) / background;
    }
  }
  return { width, height, data };
}
