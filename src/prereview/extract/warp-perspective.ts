// Resamples an image through a homography (bilinear): flattens a photographed document onto an
// upright rectangle, and lets the evaluation generator photograph a card at an angle. Pure.
import { applyHomography, type Homography } from "./homography.js";

export interface PixelBuffer {
  width: number;
  height: number;
  /** 1 (grey) or 4 (RGBA) bytes per pixel, rows without padding. */
  channels: 1 | 4;
  data: Uint8ClampedArray;
}

export interface WarpPerspectiveOptions {
  /** Maps each output pixel's centre to where it is read in the source. */
  outputToSource: Homography;
  width: number;
  height: number;
  /** The value of every channel where the output falls outside the source. Default 255 (white). */
  fill?: number;
  /** For RGBA: leave alpha 0 outside the source instead of `fill`, so the result can be drawn over a background. */
  transparentOutside?: boolean;
}

export function warpPerspective(source: PixelBuffer, options: WarpPerspectiveOptions): PixelBuffer {
  const { width, height, outputToSource } = options;
  const { channels } = source;
  const fill = options.fill ?? 255;
  const data = new Uint8ClampedArray(width * height * channels);
  const row = source.width * channels;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const out = (y * width + x) * channels;
      const mapped = applyHomography(outputToSource, [x + 0.5, y + 0.5]);
      const sx = mapped ? mapped[0] - 0.5 : -2;
      const sy = mapped ? mapped[1] - 0.5 : -2;
      if (sx < -0.5 || sy < -0.5 || sx > source.width - 0.5 || sy > source.height - 0.5) {
        for (let c = 0; c < channels; c++) data[out + c] = fill;
        if (channels === 4 && options.transparentOutside) data[out + 3] = 0;
        continue;
      }
      const x0 = Math.max(0, Math.min(source.width - 1, Math.floor(sx)));
      const y0 = Math.max(0, Math.min(source.height - 1, Math.floor(sy)));
      const x1 = Math.min(source.width - 1, x0 + 1);
      const y1 = Math.min(source.height - 1, y0 + 1);
      const fx = Math.max(0, Math.min(1, sx - x0));
      const fy = Math.max(0, Math.min(1, sy - y0));
      const a = y0 * row + x0 * channels;
      const b = y0 * row + x1 * channels;
      const c = y1 * row + x0 * channels;
      const d = y1 * row + x1 * channels;
      for (let k = 0; k < channels; k++) {
        const top = (source.data[a + k] as number) * (1 - fx) + (source.data[b + k] as number) * fx;
        const bottom = (source.data[c + k] as number) * (1 - fx) + (source.data[d + k] as number) * fx;
        data[out + k] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { width, height, channels, data };
}
