import { describe, expect, it } from "vitest";
import { makeImage, withExifOrientation } from "./__fixtures__/make-images.js";
import { orientationSwapsSides, readJpegOrientation } from "./read-exif-orientation.js";
import { readImageSize } from "./read-image-size.js";

describe("readJpegOrientation", () => {
  const jpeg = makeImage("jpeg", 40, 20);

  it("reads every orientation from little- and big-endian EXIF", () => {
    for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8]) {
      expect(readJpegOrientation(withExifOrientation(jpeg, orientation, true))).toBe(orientation);
      expect(readJpegOrientation(withExifOrientation(jpeg, orientation, false))).toBe(orientation);
    }
  });

  it("is upright (1) without EXIF, with an out-of-range value or a truncated block", () => {
    expect(readJpegOrientation(jpeg)).toBe(1);
    expect(readJpegOrientation(withExifOrientation(jpeg, 9))).toBe(1);
    expect(readJpegOrientation(withExifOrientation(jpeg, 6).subarray(0, 20))).toBe(1);
    expect(readJpegOrientation(new Uint8Array([1, 2, 3]))).toBe(1);
  });

  it("leaves the header size readable after the EXIF segment", () => {
    expect(readImageSize(withExifOrientation(jpeg, 6), "jpeg")).toEqual({ width: 40, height: 20 });
  });

  it("knows which orientations swap width and height", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].filter((value) => orientationSwapsSides(value as 1))).toEqual([5, 6, 7, 8]);
  });
});
