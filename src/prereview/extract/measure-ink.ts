// How much of an image differs from its background: tells a blank page (or a photo of a blank
// sheet) from a page whose text OCR could not read.

export interface PixelLayout {
  width: number;
  height: number;
  /** Bytes per row. */
  stride: number;
  /** Bytes per pixel: 1 grey, 3 RGB, 4 RGBA; the first three are averaged. */
  channels: number;
}

/** Sample every 3rd pixel of every 3rd row: plenty for a fraction, 9× cheaper than all. */
const STEP = 3;
/** A sample this far from the background's grey level counts as ink. */
const INK_DISTANCE = 64;

/**
 * The fraction (0..1) of sampled pixels that differ clearly from the background, taken as the
 * median grey level. A blank scan is below about 0.0005; a page with a few words is above 0.001.
 */
export function measureInk(pixels: ArrayLike<number>, layout: PixelLayout): number {
  const { width, height, stride, channels } = layout;
  const histogram = new Uint32Array(256);
  const greys: number[] = [];
  for (let y = 0; y < height; y += STEP) {
    for (let x = 0; x < width; x += STEP) {
      const offset = y * stride + x * channels;
      const grey =
        channels >= 3
          ? Math.round(
              ((pixels[offset] as number) + (pixels[offset + 1] as number) + (pixels[offset + 2] as number)) / 3,
            )
          : (pixels[offset] as number);
      histogram[grey] = (histogram[grey] as number) + 1;
      greys.push(grey);
    }
  }
  if (greys.length === 0) return 0;
  const background = median(histogram, greys.length);
  let ink = 0;
  for (const grey of greys) if (Math.abs(grey - background) > INK_DISTANCE) ink++;
  return ink / greys.length;
}

function median(histogram: Uint32Array, count: number): number {
  let seen = 0;
  for (let level = 0; level < 256; level++) {
    seen += histogram[level] as number;
    if (seen * 2 >= count) return level;
  }
  return 255;
}
