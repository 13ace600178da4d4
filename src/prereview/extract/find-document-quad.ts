// Finds the four corners of a card or page photographed on a background: edges (Sobel, thinned),
// straight lines through them (a Hough transform voted along each edge's own gradient), and the
// quadrilateral of four such lines whose sides the edges follow best. Works on a small grey copy
// (about 480 px); the caller scales the corners back up.
import { boxBlurGrey, type GreyImage } from "./grey-image.js";
import type { Point } from "./homography.js";

export interface DocumentQuad {
  /** Top-left, top-right, bottom-right, bottom-left, in the pixels of the image searched. */
  corners: [Point, Point, Point, Point];
  /** The weakest side's share of its length that lies on an edge, 0..1. */
  support: number;
  /** The quad's area over the image's. */
  coverage: number;
}

/** Tuned on generated ID cards and A4 pages photographed on desks (light and dark), 480 px copies. */
const THRESHOLDS = {
  /** A Sobel magnitude (of the blurred copy) below this is no edge: about a 10-level step (a card's edge in shadow). */
  edgeMagnitude: 16,
  /**
   * Votes go to line angles this close (degrees) to an edge's gradient direction: along a
   * staircase (an unsmoothed edge at a slant) the local gradient swings by ±8°.
   */
  angleSpread: 8,
  /** Lines kept from the Hough space, strongest first. */
  lines: 24,
  /** A line needs at least this share of the image's shorter side in votes. */
  minLineVotes: 0.15,
  /** Opposite sides may converge this much (degrees): perspective up to about 25°. */
  maxOppositeAngle: 30,
  /** Adjacent sides meet at least at this angle. */
  minCornerAngle: 50,
  /** The quad covers at least this share of the image … */
  minCoverage: 0.12,
  /** … and each of its sides lies on edges over at least this share of its length … */
  minSupport: 0.55,
  /**
   * … with no gap inside longer than this share of it: two cards side by side have collinear top
   * and bottom edges, and the quad around both crosses the 4% gap between them.
   */
  maxSideGap: 0.025,
  /** Corners may lie this far (share of the image side) outside the image. */
  outside: 0.02,
  /**
   * Just outside a side and just inside it the grey levels differ by at least this share: a card
   * on a desk (#f3f1ea on #d8d6d0: 11%, in shadow too) rather than a table ruled on a page (paper on
   * both sides, under 2%).
   */
  minStepAcross: 0.05,
  /**
   * Around the documents (outside them all) edges are at most this dense relative to inside: a
   * desk (generated card photos: 0, shadow, glare and moiré included), not the rest of a page whose
   * ruled table was taken for a document (a filled-in form's title, ticks and signature outside its
   * table: 0.09–0.26).
   */
  maxOutsideEdgeDensity: 0.03,
} as const;

interface Line {
  /** Normal angle, radians in [0, π). */
  theta: number;
  rho: number;
  votes: number;
}

/**
 * The corners of up to `limit` documents, side by side or one above the other (both sides of an ID
 * card in one photo), best first; a further one must not overlap those found and be at least
 * `SECOND_DOCUMENT_SHARE` as large as the first. None when no four lines make a convincing
 * quadrilateral standing on a background.
 */
export function findDocumentQuads(image: GreyImage, limit = 2): DocumentQuad[] {
  const edges = detectEdges(image);
  const blurred = boxBlurGrey(image, 1);
  const lines = houghLines(edges, image.width, image.height);
  const pairs = [...parallelPairs(lines, image)];
  const minCorner = (THRESHOLDS.minCornerAngle * Math.PI) / 180;
  const candidates: { quad: DocumentQuad; score: number }[] = [];
  for (let i = 0; i < pairs.length; i++) {
    const [a1, a2] = pairs[i] as [Line, Line];
    for (let j = i + 1; j < pairs.length; j++) {
      const [b1, b2] = pairs[j] as [Line, Line];
      if (angleBetween(a1.theta, b1.theta) < minCorner || angleBetween(a2.theta, b2.theta) < minCorner) continue;
      const corners = [intersect(a1, b1), intersect(a1, b2), intersect(a2, b2), intersect(a2, b1)];
      if (corners.some((corner) => !corner || !inside(corner, image))) continue;
      const ordered = orderCorners(corners as Point[]);
      const coverage = polygonArea(ordered) / (image.width * image.height);
      if (coverage < THRESHOLDS.minCoverage || !isConvex(ordered)) continue;
      const supports = ordered.map((corner, index) =>
        sideSupport(edges, image.width, image.height, corner, ordered[(index + 1) % 4] as Point),
      );
      const support = Math.min(...supports);
      if (support < THRESHOLDS.minSupport || !standsOnBackground(blurred, ordered)) continue;
      // Long, well-supported sides win: the document's outline rather than a row of text inside it.
      const score = supports.reduce(
        (sum, value, index) => sum + value * distance(ordered[index] as Point, ordered[(index + 1) % 4] as Point),
        0,
      );
      candidates.push({ quad: { corners: ordered, support, coverage }, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const found: DocumentQuad[] = [];
  for (const { quad } of candidates) {
    if (found.length >= limit) break;
    const first = found[0];
    if (first && quad.coverage < SECOND_DOCUMENT_SHARE * first.coverage) continue;
    if (found.some((other) => overlaps(other, quad))) continue;
    found.push(quad);
  }
  return quietAround(edges, image, found) ? found : [];
}

/** Whether edges outside all the quads (their outlines aside) are sparse next to those inside them. */
function quietAround(edges: Edges, image: GreyImage, quads: readonly DocumentQuad[]): boolean {
  if (quads.length === 0) return true;
  // Edges this close to an outline are the outline (a card's edge, its printed border).
  const margin = Math.max(3, 0.02 * Math.min(image.width, image.height));
  let inside = 0;
  let outside = 0;
  for (const i of edges.pixels) {
    const point: Point = [i % image.width, Math.floor(i / image.width)];
    if (quads.some((quad) => distanceToOutline(quad.corners, point) < margin)) continue;
    if (quads.some((quad) => insideConvex(quad.corners, point))) inside++;
    else outside++;
  }
  const insideArea = quads.reduce((sum, quad) => sum + polygonArea(quad.corners), 0);
  const outsideArea = image.width * image.height - insideArea;
  if (outsideArea <= 0 || insideArea <= 0) return true;
  return outside / outsideArea <= THRESHOLDS.maxOutsideEdgeDensity * (inside / insideArea);
}

function distanceToOutline(corners: readonly Point[], [x, y]: Point): number {
  let nearest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < corners.length; i++) {
    const [ax, ay] = corners[i] as Point;
    const [bx, by] = corners[(i + 1) % corners.length] as Point;
    const length = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length));
    nearest = Math.min(nearest, Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))));
  }
  return nearest;
}

/** A second document is at least this share of the first's area (two sides of one card are equal). */
const SECOND_DOCUMENT_SHARE = 0.5;

/** Whether two quads share area: a corner or the centre of one lies inside the other. */
function overlaps(a: DocumentQuad, b: DocumentQuad): boolean {
  const centre = (quad: DocumentQuad): Point => [
    quad.corners.reduce((sum, [x]) => sum + x, 0) / 4,
    quad.corners.reduce((sum, [, y]) => sum + y, 0) / 4,
  ];
  const within = (quad: DocumentQuad, point: Point) => insideConvex(quad.corners, point);
  return (
    within(a, centre(b)) ||
    within(b, centre(a)) ||
    b.corners.some((corner) => within(a, corner)) ||
    a.corners.some((corner) => within(b, corner))
  );
}

/**
 * Whether the quad's outline separates it from something else (a desk), not paper from the same
 * paper: at least two sides, and half of those with room outside them in the image, show a step of
 * `minStepAcross` between the median grey just outside and just inside.
 */
function standsOnBackground(image: GreyImage, corners: readonly Point[]): boolean {
  const offset = Math.max(3, 0.025 * Math.min(image.width, image.height));
  const cx = corners.reduce((sum, [x]) => sum + x, 0) / corners.length;
  const cy = corners.reduce((sum, [, y]) => sum + y, 0) / corners.length;
  const at = (x: number, y: number) => {
    const px = Math.round(x);
    const py = Math.round(y);
    return px < 0 || py < 0 || px >= image.width || py >= image.height
      ? undefined
      : (image.data[py * image.width + px] as number);
  };
  let measured = 0;
  let stepped = 0;
  for (let i = 0; i < corners.length; i++) {
    const [ax, ay] = corners[i] as Point;
    const [bx, by] = corners[(i + 1) % corners.length] as Point;
    const length = Math.hypot(bx - ax, by - ay);
    let [nx, ny] = [(by - ay) / length, -(bx - ax) / length];
    // Outward: away from the quad's centre.
    if (nx * ((ax + bx) / 2 - cx) + ny * ((ay + by) / 2 - cy) < 0) [nx, ny] = [-nx, -ny];
    const outside: number[] = [];
    const inside: number[] = [];
    for (let k = 1; k < 20; k++) {
      const t = 0.1 + (0.8 * k) / 20;
      const x = ax + (bx - ax) * t;
      const y = ay + (by - ay) * t;
      const out = at(x + nx * offset, y + ny * offset);
      const into = at(x - nx * offset, y - ny * offset);
      if (out === undefined || into === undefined) continue;
      outside.push(out);
      inside.push(into);
    }
    if (outside.length < 10) continue;
    measured++;
    const a = median(outside);
    const b = median(inside);
    if (Math.abs(a - b) >= THRESHOLDS.minStepAcross * Math.max(a, b, 1)) stepped++;
  }
  return stepped >= 2 && stepped * 2 >= measured;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

interface Edges {
  /** Gradient direction (radians, −π..π) of each edge pixel, NaN elsewhere. */
  direction: Float32Array;
  /** Indexes of edge pixels. */
  pixels: Int32Array;
}

/** Sobel on a blurred copy, thinned to the local maxima across the edge. */
function detectEdges(image: GreyImage): Edges {
  const { width, height } = image;
  const blurred = boxBlurGrey(boxBlurGrey(image, 1), 1).data;
  const magnitude = new Float32Array(width * height);
  const angle = new Float32Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const at = (offset: number) => blurred[i + offset] as number;
      const gx = at(-width + 1) + 2 * at(1) + at(width + 1) - at(-width - 1) - 2 * at(-1) - at(width - 1);
      const gy = at(width - 1) + 2 * at(width) + at(width + 1) - at(-width - 1) - 2 * at(-width) - at(-width + 1);
      magnitude[i] = Math.hypot(gx, gy);
      angle[i] = Math.atan2(gy, gx);
    }
  }
  const direction = new Float32Array(width * height).fill(Number.NaN);
  const pixels: number[] = [];
  for (let y = 2; y < height - 2; y++) {
    for (let x = 2; x < width - 2; x++) {
      const i = y * width + x;
      const value = magnitude[i] as number;
      if (value < THRESHOLDS.edgeMagnitude) continue;
      const a = angle[i] as number;
      const dx = Math.round(Math.cos(a));
      const dy = Math.round(Math.sin(a));
      const step = dy * width + dx;
      if (value < (magnitude[i + step] as number) || value < (magnitude[i - step] as number)) continue;
      direction[i] = a;
      pixels.push(i);
    }
  }
  return { direction, pixels: Int32Array.from(pixels) };
}

function houghLines(edges: Edges, width: number, height: number): Line[] {
  const thetaBins = 180;
  const maxRho = Math.ceil(Math.hypot(width, height));
  const rhoBins = 2 * maxRho + 1;
  const accumulator = new Uint32Array(thetaBins * rhoBins);
  const cos = Float64Array.from({ length: thetaBins }, (_, t) => Math.cos((t * Math.PI) / thetaBins));
  const sin = Float64Array.from({ length: thetaBins }, (_, t) => Math.sin((t * Math.PI) / thetaBins));
  for (const i of edges.pixels) {
    const x = i % width;
    const y = (i - x) / width;
    const normal = (((edges.direction[i] as number) % Math.PI) + Math.PI) % Math.PI;
    const centre = Math.round((normal * thetaBins) / Math.PI);
    for (let d = -THRESHOLDS.angleSpread; d <= THRESHOLDS.angleSpread; d++) {
      const t = (((centre + d) % thetaBins) + thetaBins) % thetaBins;
      const rho = Math.round(x * (cos[t] as number) + y * (sin[t] as number));
      const cell = t * rhoBins + rho + maxRho;
      accumulator[cell] = (accumulator[cell] as number) + 1;
    }
  }
  const minVotes = THRESHOLDS.minLineVotes * Math.min(width, height);
  const peaks: Line[] = [];
  for (let t = 0; t < thetaBins; t++) {
    for (let r = 0; r < rhoBins; r++) {
      const votes = accumulator[t * rhoBins + r] as number;
      if (votes < minVotes || !isLocalMaximum(accumulator, thetaBins, rhoBins, t, r, votes)) continue;
      peaks.push({ theta: (t * Math.PI) / thetaBins, rho: r - maxRho, votes });
    }
  }
  peaks.sort((a, b) => b.votes - a.votes);
  // Near-duplicates (one edge voting in neighbouring cells) would crowd out other sides.
  const lines: Line[] = [];
  for (const peak of peaks) {
    if (lines.length >= THRESHOLDS.lines) break;
    if (lines.some((line) => angleBetween(line.theta, peak.theta) < 0.05 && sameRho(line, peak) < 6)) continue;
    lines.push(peak);
  }
  return lines;
}

function isLocalMaximum(
  accumulator: Uint32Array,
  thetaBins: number,
  rhoBins: number,
  t: number,
  r: number,
  votes: number,
): boolean {
  for (let dt = -3; dt <= 3; dt++) {
    const tt = (((t + dt) % thetaBins) + thetaBins) % thetaBins;
    // Wrapping past 180° flips the sign of rho.
    const wrapped = t + dt < 0 || t + dt >= thetaBins;
    for (let dr = -4; dr <= 4; dr++) {
      const rr = wrapped ? rhoBins - 1 - (r + dr) : r + dr;
      if (rr < 0 || rr >= rhoBins || (dt === 0 && dr === 0)) continue;
      const other = accumulator[tt * rhoBins + rr] as number;
      if (other > votes || (other === votes && (dt < 0 || (dt === 0 && dr < 0)))) return false;
    }
  }
  return true;
}

/** The distance between two lines' rho, allowing for the flip at θ = 0/π. */
function sameRho(a: Line, b: Line): number {
  const flipped = Math.abs(a.theta - b.theta) > Math.PI / 2;
  return Math.abs(a.rho - (flipped ? -b.rho : b.rho));
}

/** Unordered pairs of lines that could be opposite sides: nearly parallel and well apart. */
function* parallelPairs(lines: readonly Line[], image: GreyImage): Generator<[Line, Line]> {
  const minGap = 0.15 * Math.min(image.width, image.height);
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i] as Line;
      const b = lines[j] as Line;
      if (angleBetween(a.theta, b.theta) > (THRESHOLDS.maxOppositeAngle * Math.PI) / 180) continue;
      if (sameRho(a, b) < minGap) continue;
      yield [a, b];
    }
  }
}

/** The angle between two lines' directions, 0..π/2. */
function angleBetween(a: number, b: number): number {
  const difference = Math.abs(a - b) % Math.PI;
  return Math.min(difference, Math.PI - difference);
}

function intersect(a: Line, b: Line): Point | undefined {
  const [ca, sa, cb, sb] = [Math.cos(a.theta), Math.sin(a.theta), Math.cos(b.theta), Math.sin(b.theta)];
  const determinant = ca * sb - sa * cb;
  if (Math.abs(determinant) < 1e-6) return undefined;
  return [(a.rho * sb - b.rho * sa) / determinant, (ca * b.rho - cb * a.rho) / determinant];
}

function inside([x, y]: Point, image: GreyImage): boolean {
  const marginX = THRESHOLDS.outside * image.width;
  const marginY = THRESHOLDS.outside * image.height;
  return x >= -marginX && y >= -marginY && x <= image.width - 1 + marginX && y <= image.height - 1 + marginY;
}

/** Clockwise from the corner nearest the image's top-left. */
export function orderCorners(corners: readonly Point[]): [Point, Point, Point, Point] {
  const cx = corners.reduce((sum, [x]) => sum + x, 0) / corners.length;
  const cy = corners.reduce((sum, [, y]) => sum + y, 0) / corners.length;
  const clockwise = [...corners].sort((a, b) => Math.atan2(a[1] - cy, a[0] - cx) - Math.atan2(b[1] - cy, b[0] - cx));
  let first = 0;
  clockwise.forEach(([x, y], index) => {
    const [fx, fy] = clockwise[first] as Point;
    if (x + y < fx + fy) first = index;
  });
  return [0, 1, 2, 3].map((k) => clockwise[(first + k) % 4] as Point) as [Point, Point, Point, Point];
}

/** Whether a point lies inside a convex polygon (on the same side of every edge). */
export function insideConvex(corners: readonly Point[], [x, y]: Point): boolean {
  let sign = 0;
  for (let i = 0; i < corners.length; i++) {
    const [ax, ay] = corners[i] as Point;
    const [bx, by] = corners[(i + 1) % corners.length] as Point;
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross === 0) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

function polygonArea(points: readonly Point[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i] as Point;
    const [x1, y1] = points[(i + 1) % points.length] as Point;
    twice += x0 * y1 - x1 * y0;
  }
  return Math.abs(twice) / 2;
}

function isConvex(points: readonly Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < points.length; i++) {
    const [ax, ay] = points[i] as Point;
    const [bx, by] = points[(i + 1) % points.length] as Point;
    const [cx, cy] = points[(i + 2) % points.length] as Point;
    const cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
    if (cross === 0) return false;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

function distance([ax, ay]: Point, [bx, by]: Point): number {
  return Math.hypot(bx - ax, by - ay);
}

/**
 * The share of points along a side (every 2 px) with an edge pixel within 1 px whose gradient is
 * across the side; 0 when, even within 3 px, the side has a gap inside it longer than `maxSideGap`.
 */
function sideSupport(edges: Edges, width: number, height: number, from: Point, to: Point): number {
  const length = distance(from, to);
  const samples = Math.max(2, Math.floor(length / 2));
  const normal = Math.atan2(to[1] - from[1], to[0] - from[0]) + Math.PI / 2;
  const tolerance = (12 * Math.PI) / 180;
  const edgeNear = (x: number, y: number, reach: number) => {
    for (let dy = -reach; dy <= reach; dy++)
      for (let dx = -reach; dx <= reach; dx++) {
        const px = x + dx;
        const py = y + dy;
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        const direction = edges.direction[py * width + px] as number;
        if (!Number.isNaN(direction) && angleBetween(direction, normal) <= tolerance) return true;
      }
    return false;
  };
  let supported = 0;
  let seen = false;
  let gap = 0;
  let longestGap = 0;
  for (let s = 0; s <= samples; s++) {
    const x = Math.round(from[0] + ((to[0] - from[0]) * s) / samples);
    const y = Math.round(from[1] + ((to[1] - from[1]) * s) / samples);
    if (edgeNear(x, y, 1)) supported++;
    // A gap between supported stretches: the side runs across something that is not an edge.
    if (edgeNear(x, y, 3)) {
      if (seen) longestGap = Math.max(longestGap, gap);
      seen = true;
      gap = 0;
    } else gap++;
  }
  if (longestGap > Math.max(4, THRESHOLDS.maxSideGap * samples)) return 0;
  return supported / (samples + 1);
}
