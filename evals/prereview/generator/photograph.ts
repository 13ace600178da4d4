// A phone photo of rendered documents: each card or page is tilted in 3D (a pinhole camera, so
// the far side shrinks as in a real photo), turned in the plane and laid on a desk; then the light
// (a shadow across one side, a glare spot), the camera (defocus or motion blur, a screen's moiré),
// the framing (cut off at an edge) and the file (width, JPEG quality) are applied.
import { type Canvas, createCanvas, ImageData } from "@napi-rs/canvas";
import { invertHomography, type Point, solveHomography, warpPerspective } from "../../../src/prereview/index.js";
import type { Random } from "./random.js";

export interface PhotoOptions {
  /** Tilt of the document away from the camera, degrees (0 = photographed square on). */
  perspective?: number;
  /** Which way it tilts: the side that is farther away. Default `right`. */
  farSide?: "left" | "right" | "top" | "bottom";
  /** In-plane rotation, clockwise degrees. */
  rotation?: number;
  /** Desk colour. Default a light grey-brown. */
  desk?: string;
  /** Margin of desk around the document(s), as a share of the document's width. Default 0.12. */
  margin?: number;
  /** Darkening towards one side, 0 none … 1 black; the side is drawn from the random source. */
  shadow?: number;
  /** A white glare spot, its radius as a share of the document's width, 0 none. */
  glare?: number;
  /** Gaussian (defocus) blur, pixels of the final image. */
  defocus?: number;
  /** Motion blur length, pixels of the final image. */
  motion?: number;
  /** A photo of a screen: strength 0..1 of a fine interference pattern. */
  moire?: number;
  /** Share (0..0.5) of the document's width cut off by the frame's right edge. */
  cutOff?: number;
  /** Final width in pixels. Default the document's width with its margins. */
  width?: number;
}

export interface Photograph {
  canvas: Canvas;
  /** Each document's corners in the final image (top-left, top-right, bottom-right, bottom-left of the document). */
  corners: Point[][];
}

/** Photographs one document, or several side by side on one desk (two cards in one photo). */
export function photograph(documents: readonly Canvas[], options: PhotoOptions, random: Random): Photograph {
  const first = documents[0];
  if (!first) throw new Error("photograph needs at least one document");
  const unit = first.width;
  const margin = (options.margin ?? 0.12) * unit;
  const placed = documents.map((document) => projectCorners(document, options));
  // Lay the documents out left to right, each in its own bounding box.
  const boxes = placed.map((corners) => bounds(corners));
  const gap = 0.08 * unit;
  const width = Math.ceil(boxes.reduce((sum, box) => sum + box.width, 0) + gap * (boxes.length - 1) + 2 * margin);
  const height = Math.ceil(Math.max(...boxes.map((box) => box.height)) + 2 * margin);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = options.desk ?? "#d9d4ca";
  context.fillRect(0, 0, width, height);
  let left = margin;
  const corners = documents.map((document, index) => {
    const box = boxes[index] as ReturnType<typeof bounds>;
    const top = margin + (height - 2 * margin - box.height) / 2;
    const at = (placed[index] as Point[]).map(([x, y]) => [x - box.x + left, y - box.y + top] as Point);
    drawWarped(canvas, document, at);
    left += box.width + gap;
    return at;
  });
  if (options.shadow) shade(canvas, options.shadow, random);
  if (options.glare) glare(canvas, options.glare * unit, random);
  if (options.moire) moire(canvas, options.moire);
  let result = canvas;
  if (options.defocus || options.motion)
    result = blur(result, options.defocus ?? 0, options.motion ?? 0, width / (options.width ?? width));
  if (options.cutOff) {
    const keep = Math.round(width - margin - options.cutOff * unit);
    result = crop(result, keep, height);
  }
  const factor = options.width && options.width < result.width ? options.width / result.width : 1;
  if (factor < 1) result = scale(result, options.width as number);
  return {
    canvas: result,
    corners: corners.map((points) => points.map(([x, y]) => [x * factor, y * factor] as Point)),
  };
}

/** The document's corners after a pinhole-camera tilt and an in-plane turn, around the origin. */
function projectCorners(document: Canvas, options: PhotoOptions): Point[] {
  const w = document.width;
  const h = document.height;
  const tilt = ((options.perspective ?? 0) * Math.PI) / 180;
  const turn = ((options.rotation ?? 0) * Math.PI) / 180;
  const distance = 2 * Math.max(w, h);
  const far = options.farSide ?? "right";
  const corners: Point[] = [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ];
  return corners.map(([x, y]) => {
    // Depth grows towards the far side; the camera looks along z at the document's centre.
    const along = far === "right" ? x : far === "left" ? -x : far === "bottom" ? y : -y;
    const depth = distance + along * Math.sin(tilt);
    const flatAlong = along * Math.cos(tilt);
    const [px, py] =
      far === "right" || far === "left"
        ? [(far === "right" ? flatAlong : -flatAlong) * (distance / depth), y * (distance / depth)]
        : [x * (distance / depth), (far === "bottom" ? flatAlong : -flatAlong) * (distance / depth)];
    return [px * Math.cos(turn) - py * Math.sin(turn), px * Math.sin(turn) + py * Math.cos(turn)] as Point;
  });
}

function bounds(corners: readonly Point[]): { x: number; y: number; width: number; height: number } {
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** Draws `document` onto `canvas` with its corners (clockwise from top-left) at `corners`. */
function drawWarped(canvas: Canvas, document: Canvas, corners: Point[]): void {
  const source: Point[] = [
    [0, 0],
    [document.width, 0],
    [document.width, document.height],
    [0, document.height],
  ];
  const box = bounds(corners);
  const x0 = Math.floor(box.x);
  const y0 = Math.floor(box.y);
  const width = Math.ceil(box.x + box.width) - x0;
  const height = Math.ceil(box.y + box.height) - y0;
  // The patch's pixel (x, y) is the photo's (x0 + x, y0 + y).
  const toPatch = solveHomography(
    source,
    corners.map(([x, y]) => [x - x0, y - y0] as Point),
  );
  const outputToSource = toPatch && invertHomography(toPatch);
  if (!outputToSource) throw new Error("degenerate document corners");
  const pixels = document.getContext("2d").getImageData(0, 0, document.width, document.height);
  const patch = warpPerspective(
    { width: document.width, height: document.height, channels: 4, data: pixels.data },
    { outputToSource, width, height, transparentOutside: true },
  );
  const layer = createCanvas(width, height);
  layer.getContext("2d").putImageData(new ImageData(patch.data, width, height), 0, 0);
  canvas.getContext("2d").drawImage(layer, x0, y0);
}

function shade(canvas: Canvas, strength: number, random: Random): void {
  const context = canvas.getContext("2d");
  const side = random.int(0, 3);
  const [x0, y0, x1, y1] = [
    [0, 0, canvas.width, 0],
    [canvas.width, 0, 0, 0],
    [0, 0, 0, canvas.height],
    [0, canvas.height, 0, 0],
  ][side] as [number, number, number, number];
  const gradient = context.createLinearGradient(x0, y0, x1, y1);
  const dark = Math.round(255 * (1 - strength));
  gradient.addColorStop(0, `rgb(${dark},${dark},${dark})`);
  gradient.addColorStop(1, "#ffffff");
  context.globalCompositeOperation = "multiply";
  context.fillStyle = gradient;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.globalCompositeOperation = "source-over";
}

function glare(canvas: Canvas, radius: number, random: Random): void {
  const context = canvas.getContext("2d");
  const x = canvas.width * (0.3 + 0.4 * random.next());
  const y = canvas.height * (0.3 + 0.4 * random.next());
  const gradient = context.createRadialGradient(x, y, 0, x, y, radius);
  gradient.addColorStop(0, "rgba(255,255,255,0.97)");
  gradient.addColorStop(0.45, "rgba(255,255,255,0.85)");
  gradient.addColorStop(1, "rgba(255,255,255,0)");
  context.fillStyle = gradient;
  context.fillRect(0, 0, canvas.width, canvas.height);
}

/** Two slightly turned fine gratings multiplied over the photo: the beat pattern of a screen. */
function moire(canvas: Canvas, strength: number): void {
  const context = canvas.getContext("2d");
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  const data = image.data;
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      const wave = Math.sin(x * 2.1 + y * 0.15) * Math.sin(x * 0.12 - y * 2.05);
      const factor = 1 - strength * 0.35 * (1 + wave) * 0.5;
      const i = (y * canvas.width + x) * 4;
      data[i] = (data[i] as number) * factor;
      data[i + 1] = (data[i + 1] as number) * factor;
      data[i + 2] = (data[i + 2] as number) * factor;
    }
  }
  context.putImageData(image, 0, 0);
}

/** Defocus and motion blur, given in pixels of the final image (`ratio` source pixels per final pixel). */
function blur(canvas: Canvas, defocus: number, motion: number, ratio: number): Canvas {
  const out = createCanvas(canvas.width, canvas.height);
  const context = out.getContext("2d");
  if (defocus) context.filter = `blur(${defocus * ratio}px)`;
  if (!motion) {
    context.drawImage(canvas, 0, 0);
    return out;
  }
  const steps = Math.max(2, Math.round(motion * ratio));
  context.globalAlpha = 1;
  context.drawImage(canvas, 0, 0);
  for (let step = 1; step < steps; step++) {
    context.globalAlpha = 1 / (step + 1);
    context.drawImage(canvas, step - steps / 2, 0);
  }
  return out;
}

function crop(canvas: Canvas, width: number, height: number): Canvas {
  const out = createCanvas(width, height);
  out.getContext("2d").drawImage(canvas, 0, 0);
  return out;
}

function scale(canvas: Canvas, width: number): Canvas {
  const out = createCanvas(width, Math.max(1, Math.round((canvas.height * width) / canvas.width)));
  const context = out.getContext("2d");
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = "high";
  context.drawImage(canvas, 0, 0, out.width, out.height);
  return out;
}
