// Plane-to-plane perspective maps (3×3 homographies): solved from four point pairs, applied to
// points and boxes, inverted. Flattening a photographed document and mapping the boxes OCR found
// on the flat copy back onto the photo both go through one of these.
import type { Box } from "../types.js";

export type Point = readonly [x: number, y: number];

/** A homography, row-major, with the last entry 1: `[h0 … h8]` maps (x, y) to ((h0x+h1y+h2)/w, (h3x+h4y+h5)/w), w = h6x+h7y+h8. */
export type Homography = readonly number[];

/**
 * The homography that maps each `from[i]` onto `to[i]` (four pairs, no three points of either
 * side on one line). Undefined when the points are degenerate.
 */
export function solveHomography(from: readonly Point[], to: readonly Point[]): Homography | undefined {
  if (from.length !== 4 || to.length !== 4) throw new Error("a homography needs exactly four point pairs");
  // Eight equations in h0..h7 (h8 = 1), two per pair.
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i] as Point;
    const [u, v] = to[i] as Point;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  const solution = solveLinearSystem(rows);
  return solution ? [...solution, 1] : undefined;
}

/** Maps a point; undefined when it maps to infinity (on the horizon line). */
export function applyHomography(h: Homography, [x, y]: Point): Point | undefined {
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = h as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const w = h6 * x + h7 * y + h8;
  if (Math.abs(w) < 1e-12) return undefined;
  return [(h0 * x + h1 * y + h2) / w, (h3 * x + h4 * y + h5) / w];
}

/** The inverse map (adjugate, scaled so the last entry is 1); undefined when singular. */
export function invertHomography(h: Homography): Homography | undefined {
  const [a, b, c, d, e, f, g, k, l] = h as [number, number, number, number, number, number, number, number, number];
  const adjugate = [
    e * l - f * k,
    c * k - b * l,
    b * f - c * e,
    f * g - d * l,
    a * l - c * g,
    c * d - a * f,
    d * k - e * g,
    b * g - a * k,
    a * e - b * d,
  ];
  const determinant = a * (e * l - f * k) - b * (d * l - f * g) + c * (d * k - e * g);
  const last = adjugate[8] as number;
  if (Math.abs(determinant) < 1e-12 || Math.abs(last) < 1e-12) return undefined;
  return adjugate.map((value) => value / last);
}

/**
 * The axis-aligned box around a box's four mapped corners, rounded outwards. Undefined when a
 * corner maps to infinity.
 */
export function mapBox(h: Homography, box: Box): Box | undefined {
  const corners: Point[] = [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x1, box.y1],
    [box.x0, box.y1],
  ];
  const mapped = corners.map((corner) => applyHomography(h, corner));
  if (mapped.some((point) => point === undefined)) return undefined;
  const xs = mapped.map((point) => (point as Point)[0]);
  const ys = mapped.map((point) => (point as Point)[1]);
  return {
    x0: Math.floor(Math.min(...xs)),
    y0: Math.floor(Math.min(...ys)),
    x1: Math.ceil(Math.max(...xs)),
    y1: Math.ceil(Math.max(...ys)),
  };
}

/** Gauss–Jordan elimination with partial pivoting on an augmented n × (n+1) matrix. */
function solveLinearSystem(augmented: number[][]): number[] | undefined {
  const n = augmented.length;
  const m = augmented.map((row) => [...row]);
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++)
      if (Math.abs((m[row] as number[])[column] as number) > Math.abs((m[pivot] as number[])[column] as number))
        pivot = row;
    const pivotRow = m[pivot] as number[];
    const pivotValue = pivotRow[column] as number;
    if (Math.abs(pivotValue) < 1e-10) return undefined;
    m[pivot] = m[column] as number[];
    m[column] = pivotRow;
    for (let j = column; j <= n; j++) pivotRow[j] = (pivotRow[j] as number) / pivotValue;
    for (let row = 0; row < n; row++) {
      if (row === column) continue;
      const current = m[row] as number[];
      const factor = current[column] as number;
      if (factor === 0) continue;
      for (let j = column; j <= n; j++) current[j] = (current[j] as number) - factor * (pivotRow[j] as number);
    }
  }
  return m.map((row) => row[n] as number);
}
