// Scan- and photo-like degradation of a rendered page: rotation, blur, noise, paper tint, uneven
// light, a desk around a photographed card, downscaling. Noise comes from the seeded PRNG.
import { type Canvas, createCanvas } from "@napi-rs/canvas";
import type { Random } from "./random.js";

export interface DegradeOptions {
  /** Clockwise degrees. */
  rotation?: number;
  /** Gaussian blur radius in pixels. */
  blur?: number;
  /** Standard deviation of luminance noise on a 0–255 scale. */
  noise?: number;
  /** Fraction of pixels turned into dark or light specks. */
  speckle?: number;
  /** Paper tint multiplied over the page, e.g. `#f1ead6`. */
  tint?: string;
  /** Uneven light: 0 none, 1 strong darkening towards one corner. */
  shading?: number;
  /** Puts the page on a background (a card photographed on a desk). */
  background?: { color: string; margin: number };
  /** Final width in pixels (aspect kept). */
  width?: number;
  /** JPEG quality (1–100) when encoded as JPEG; low values add block artefacts. */
  jpegQuality?: number;
}

export type DegradePreset = "clean" | "scan" | "photo" | "poor" | "unreadable";

export const DEGRADE_PRESETS: readonly DegradePreset[] = ["clean", "scan", "photo", "poor", "unreadable"];

/** Draws concrete options for a preset. `unreadable` is tiny (160 px wide) or very blurred. */
export function degradationPreset(
  preset: DegradePreset,
  random: Random,
  kind: "card" | "page" = "page",
): DegradeOptions {
  const signed = (limit: number) => (random.next() * 2 - 1) * limit;
  switch (preset) {
    case "clean":
      return { jpegQuality: 92 };
    case "scan":
      return {
        rotation: signed(1.2),
        noise: 2 + random.next() * 3,
        speckle: random.next() * 0.0015,
        tint: random.pick(["#f6f2e6", "#f2efe8", "#f8f5ee"]),
        jpegQuality: random.int(70, 88),
      };
    case "photo":
      return {
        rotation: signed(3),
        blur: random.next() * 0.6,
        noise: 2 + random.next() * 3,
        shading: 0.15 + random.next() * 0.2,
        // Light desks only: on a dark desk tesseract's global threshold drops the card's blue labels.
        background:
          kind === "card"
            ? { color: random.pick(["#d8d6d0", "#e4dfd5", "#cfd4d8", "#dcd3c4"]), margin: random.int(40, 90) }
            : undefined,
        jpegQuality: random.int(72, 90),
      };
    case "poor":
      return {
        rotation: signed(2.5),
        blur: 0.5 + random.next() * 0.3,
        noise: 5 + random.next() * 3,
        speckle: 0.0008,
        tint: "#efe7d2",
        jpegQuality: random.int(40, 60),
      };
    case "unreadable":
      return random.chance(0.5)
        ? { width: 160, blur: 0.6, jpegQuality: 60 }
        : { blur: kind === "card" ? 14 : 12, noise: 12, width: kind === "card" ? 640 : 800, jpegQuality: 40 };
  }
}

/** A short description for reports, e.g. `photo rot=-1.8 blur=0.4 q=81`. */
export function describeDegradation(preset: DegradePreset, options: DegradeOptions, jpeg = true): string {
  const parts: string[] = [preset];
  if (options.rotation) parts.push(`rot=${options.rotation.toFixed(1)}`);
  if (options.blur) parts.push(`blur=${options.blur.toFixed(1)}`);
  if (options.noise) parts.push(`noise=${options.noise.toFixed(0)}`);
  if (options.width) parts.push(`w=${options.width}`);
  if (options.jpegQuality && jpeg) parts.push(`q=${options.jpegQuality}`);
  return parts.join(" ");
}

export function degrade(source: Canvas, options: DegradeOptions, random: Random): Canvas {
  const margin = options.background?.margin ?? 0;
  const width = source.width + 2 * margin;
  const height = source.height + 2 * margin;
  let canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = options.background?.color ?? "#ffffff";
  context.fillRect(0, 0, width, height);
  context.save();
  context.translate(width / 2, height / 2);
  if (options.rotation) context.rotate((options.rotation * Math.PI) / 180);
  if (options.blur) context.filter = `blur(${options.blur}px)`;
  context.drawImage(source, -source.width / 2, -source.height / 2);
  context.restore();
  context.filter = "none";
  if (options.tint) {
    context.globalCompositeOperation = "multiply";
    context.fillStyle = options.tint;
    context.fillRect(0, 0, width, height);
    context.globalCompositeOperation = "source-over";
  }
  if (options.shading) {
    const corner = random.int(0, 3);
    const [x0, y0] = [corner % 2 === 0 ? 0 : width, corner < 2 ? 0 : height];
    const gradient = context.createLinearGradient(x0, y0, width - x0, height - y0);
    const dark = Math.round(255 * (1 - options.shading));
    gradient.addColorStop(0, "#ffffff");
    gradient.addColorStop(1, `rgb(${dark},${dark},${dark})`);
    context.globalCompositeOperation = "multiply";
    context.fillStyle = gradient;
    context.fillRect(0, 0, width, height);
    context.globalCompositeOperation = "source-over";
  }
  if (options.noise || options.speckle) addNoise(canvas, options.noise ?? 0, options.speckle ?? 0, random);
  if (options.width && options.width < width) {
    const scaled = createCanvas(options.width, Math.max(1, Math.round((height * options.width) / width)));
    const scaledContext = scaled.getContext("2d");
    scaledContext.imageSmoothingEnabled = true;
    scaledContext.imageSmoothingQuality = "high";
    scaledContext.drawImage(canvas, 0, 0, scaled.width, scaled.height);
    canvas = scaled;
  }
  return canvas;
}

/** Standard normal samples, drawn once: per pixel one uniform draw picks a sample. */
const NORMAL_TABLE = (() => {
  const table = new Float32Array(4096);
  for (let i = 0; i < table.length; i++) {
    // Box–Muller over an even grid of radii and golden-ratio angles: a normal sample set, no PRNG needed.
    const u = (i + 0.5) / table.length;
    table[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * ((i * 0.618033988749895) % 1));
  }
  return table;
})();

function addNoise(canvas: Canvas, sigma: number, speckle: number, random: Random): void {
  const context = canvas.getContext("2d");
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  // Uint8ClampedArray clamps on assignment, so no explicit clamping is needed.
  const data = image.data;
  const size = NORMAL_TABLE.length;
  const scaled = new Int16Array(size);
  for (let i = 0; i < size; i++) scaled[i] = Math.round(sigma * (NORMAL_TABLE[i] as number));
  const dark = speckle * 0.7;
  const spread = size / (1 - speckle);
  for (let i = 0; i < data.length; i += 4) {
    const u = random.next();
    const delta = u < speckle ? (u < dark ? -160 : 120) : (scaled[((u - speckle) * spread) | 0] as number);
    if (delta === 0) continue;
    data[i] = (data[i] as number) + delta;
    data[i + 1] = (data[i + 1] as number) + delta;
    data[i + 2] = (data[i + 2] as number) + delta;
  }
  context.putImageData(image, 0, 0);
}
