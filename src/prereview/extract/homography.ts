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

/**
 * The box whose `mapBox` is `box`, for a box small against the map's curvature (a line of text):
 * the map is taken as linear around the box's centre, so an upright line box on a flattened page
 * comes back from the wider box around its turned image on the photo. Falls back to the box around
 * the inversely mapped corners near a 45° turn, where the width and height cannot be told apart.
 */
export function unmapBox(h: Homography, box: Box): Box | undefined {
  const inverse = invertHomography(h);
  if (!inverse) return undefined;
  const centre = applyHomography(inverse, [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]);
  if (!centre) return undefined;
  const [cx, cy] = centre;
  const right = applyHomography(h, [cx + 0.5, cy]);
  const left = applyHomography(h, [cx - 0.5, cy]);
  const down = applyHomography(h, [cx, cy + 0.5]);
  const up = applyHomography(h, [cx, cy - 0.5]);
  if (!right || !left || !down || !up) return undefined;
  // |Jacobian|: how far one unit of width or height reaches along x and y of the photo.
  const [a, b, c, d] = [
    Math.abs(right[0] - left[0]),
    Math.abs(down[0] - up[0]),
    Math.abs(right[1] - left[1]),
    Math.abs(down[1] - up[1]),
  ];
  const determinant = a * d - b * c;
  const boxWidth = box.x1 - box.x0;
  const boxHeight = box.y1 - box.y0;
  const width = (d * boxWidth - b * boxHeight) / determinant;
  const height = (a * boxHeight - c * boxWidth) / determinant;
  if (determinant < 0.2 * a * d || !(width > 0) || !(height > 0)) return mapBox(inverse, box);
  // Under perspective the middle of the photo box is not the image of the line's middle: move the
  // estimate until the box around its image is centred where `box` is.
  let [x, y] = centre;
  const target: Point = [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2];
  for (let step = 0; step < 3; step++) {
    const mapped = mapBox(h, { x0: x - width / 2, y0: y - height / 2, x1: x + width / 2, y1: y + height / 2 });
    const wanted = applyHomography(inverse, target);
    const got = mapped && applyHomography(inverse, [(mapped.x0 + mapped.x1) / 2, (mapped.y0 + mapped.y1) / 2]);
    if (!wanted || !got) break;
    x += wanted[0] - got[0];
    y += wanted[1] - got[1];
  }
  return { x0: x - width / 2, y0: y - height / 2, x1: x + width / 2, y1: y + height / 2 };
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
