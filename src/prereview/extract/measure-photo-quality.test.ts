import { describe, expect, it } from "vitest";
import { drawQuadPhoto } from "./__fixtures__/draw-quad-photo.js";
import { boxBlurGrey, downscaleGrey } from "./grey-image.js";
import type { Point } from "./homography.js";
import { measurePhotoQuality } from "./measure-photo-quality.js";

const square: [Point, Point, Point, Point] = [
  [120, 90],
  [840, 90],
  [840, 540],
  [120, 540],
];
const photo = drawQuadPhoto({ width: 960, height: 640, corners: square, sheet: { width: 720, height: 450 } });

describe("measurePhotoQuality", () => {
  it("finds a sharp photo sharper than the same photo defocused", () => {
    const sharp = measurePhotoQuality(photo, { documents: [square] });
    const blurred = measurePhotoQuality(boxBlurGrey(boxBlurGrey(photo, 6), 6), { documents: [square] });
    expect(sharp.sharpness).toBeGreaterThan(0.2);
    expect(blurred.sharpness).toBeLessThan(sharp.sharpness / 2);
  });

  it("measures the document's shorter side as its resolution, and the image's without an outline", () => {
    expect(measurePhotoQuality(photo, { documents: [square] }).resolution).toBe(450);
    expect(measurePhotoQuality(downscaleGrey(photo, 240)).resolution).toBe(160);
  });

  it("counts glare as the share of the document blown out brighter than its paper", () => {
    const glared = { ...photo, data: Uint8ClampedArray.from(photo.data) };
    for (let y = 200; y < 300; y++) for (let x = 300; x < 500; x++) glared.data[y * 960 + x] = 255;
    const quality = measurePhotoQuality(glared, { documents: [square] });
    expect(quality.glare).toBeCloseTo((100 * 200) / (720 * 450), 1);
    expect(measurePhotoQuality(photo, { documents: [square] }).glare).toBe(0);
  });

  it("measures tilt from unequal opposite sides", () => {
    const tilted: [Point, Point, Point, Point] = [
      [120, 90],
      [840, 150],
      [840, 480],
      [120, 540],
    ];
    expect(measurePhotoQuality(photo, { documents: [tilted] }).tilt).toBeCloseTo(450 / 330 - 1, 2);
    expect(measurePhotoQuality(photo, { documents: [square] }).tilt).toBe(0);
  });

  it("says the frame cut the document when a corner or a line of text touches its edge", () => {
    expect(measurePhotoQuality(photo, { documents: [square] }).cutOff).toBe(false);
    const cut: [Point, Point, Point, Point] = [
      [120, 90],
      [960, 90],
      [960, 540],
      [120, 540],
    ];
    expect(measurePhotoQuality(photo, { documents: [cut] }).cutOff).toBe(true);
    const line = { text: "住址广东省广州市", confidence: 0.8, box: { x0: 700, y0: 300, x1: 960, y1: 330 } };
    expect(measurePhotoQuality(photo, { lines: [line] }).cutOff).toBe(true);
  });
});
