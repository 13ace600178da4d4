import { describe, expect, it } from "vitest";
import { evenIllumination } from "./even-illumination.js";
import type { GreyImage } from "./grey-image.js";

/** Paper at 240 lit from full on the left to `light` on the right, with a dark stroke every 20 px. */
function shadedPage(light: number): GreyImage {
  const width = 400;
  const height = 200;
  const data = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const ink = x % 20 < 3 && y % 40 < 20;
      data[y * width + x] = (ink ? 30 : 240) * (1 - (1 - light) * (x / width));
    }
  return { width, height, data };
}

const at = (image: GreyImage, x: number, y: number) => image.data[y * image.width + x] as number;

describe("evenIllumination", () => {
  it("brings paper in shadow up to the brightness of lit paper", () => {
    const page = shadedPage(0.45);
    expect(at(page, 395, 30)).toBeLessThan(130);
    const even = evenIllumination(page);
    expect(Math.abs(at(even, 395, 30) - at(even, 15, 30))).toBeLessThanOrEqual(12);
    expect(at(even, 395, 30)).toBeGreaterThan(235);
  });

  it("keeps strokes in the shadow darker than the paper around them by most of the lit contrast", () => {
    const even = evenIllumination(shadedPage(0.45));
    // Lit: 30 on 240. In shadow, after evening: still a dark stroke on near-white paper.
    expect(at(even, 381, 10)).toBeLessThan(60);
    expect(at(even, 390, 10)).toBeGreaterThan(220);
  });

  it("leaves an evenly lit page as it is", () => {
    const page = shadedPage(1);
    const even = evenIllumination(page);
    const changed = page.data.reduce(
      (count, value, index) => count + (Math.abs(value - (even.data[index] as number)) > 16 ? 1 : 0),
      0,
    );
    expect(changed / page.data.length).toBeLessThan(0.01);
  });
});
