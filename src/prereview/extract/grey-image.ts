// A single-channel image as plain numbers, and the few whole-image operations the photo steps
// share (from RGBA, area downscaling, box blur). Pure: decoding and encoding stay in prepare-image.ts.

export interface GreyImage {
  width: number;
  height: number;
  /** Row-major grey levels 0..255, `width * height` of them. */
  data: Uint8ClampedArray;
}

/** Luma (Rec. 601) of RGBA pixels; alpha is ignored (callers draw on white first). */
export function greyFromRgba(rgba: ArrayLike<number>, width: number, height: number): GreyImage {
  const data = new Uint8ClampedArray(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4)
    data[i] = 0.299 * (rgba[j] as number) + 0.587 * (rgba[j + 1] as number) + 0.114 * (rgba[j + 2] as number);
  return { width, height, data };
}

/** Greys as opaque RGBA, for a canvas to encode. */
export function rgbaFromGrey(image: GreyImage): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; i < image.data.length; i++, j += 4) {
    const grey = image.data[i] as number;
    rgba[j] = grey;
    rgba[j + 1] = grey;
    rgba[j + 2] = grey;
    rgba[j + 3] = 255;
  }
  return rgba;
}

/** Scales down by averaging whole source pixels per target pixel so the longer side is at most `longSide`. */
export function downscaleGrey(image: GreyImage, longSide: number): GreyImage {
  const factor = Math.max(1, Math.ceil(Math.max(image.width, image.height) / longSide));
  if (factor === 1) return image;
  const width = Math.max(1, Math.floor(image.width / factor));
  const height = Math.max(1, Math.floor(image.height / factor));
  const data = new Uint8ClampedArray(width * height);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * image.width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += image.data[row + dx] as number;
      }
      data[y * width + x] = sum / area;
    }
  }
  return { width, height, data };
}

/** A (2·radius+1)² box blur, edges clamped; separable, so cost does not grow with the radius. */
export function boxBlurGrey(image: GreyImage, radius: number): GreyImage {
  const { width, height } = image;
  const horizontal = new Float32Array(width * height);
  const size = 2 * radius + 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let dx = -radius; dx <= radius; dx++) sum += image.data[row + clamp(dx, 0, width - 1)] as number;
    for (let x = 0; x < width; x++) {
      horizontal[row + x] = sum / size;
      sum +=
        (image.data[row + clamp(x + radius + 1, 0, width - 1)] as number) -
        (image.data[row + clamp(x - radius, 0, width - 1)] as number);
    }
  }
  const data = new Uint8ClampedArray(width * height);
  for (let x = 0; x < width; x++) {
    let sum = 0;
    for (let dy = -radius; dy <= radius; dy++) sum += horizontal[clamp(dy, 0, height - 1) * width + x] as number;
    for (let y = 0; y < height; y++) {
      data[y * width + x] = sum / size;
      sum +=
        (horizontal[clamp(y + radius + 1, 0, height - 1) * width + x] as number) -
        (horizontal[clamp(y - radius, 0, height - 1) * width + x] as number);
    }
  }
  return { width, height, data };
}

/** The level below which `share` of a histogram's `count` values lie. */
export function histogramPercentile(histogram: Uint32Array, count: number, share: number): number {
  const target = count * share;
  let seen = 0;
  for (let level = 0; level < histogram.length; level++) {
    seen += histogram[level] as number;
    if (seen >= target) return level;
  }
  return histogram.length - 1;
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}
