import { createCanvas, loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { makeImage, withExifOrientation } from "../intake/__fixtures__/make-images.js";
import { readImageSize } from "../intake/index.js";
import { renderBlank, renderCard } from "./__fixtures__/render-documents.js";
import { measureImageInk, prepareImageForOcr } from "./prepare-image.js";

/** Where the red square (top-left in the stored pixels) ended up. */
async function redCorner(png: Uint8Array): Promise<string> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  const red = (x: number, y: number) => {
    const offset = (y * image.width + x) * 4;
    return (data[offset] as number) > 200 && (data[offset + 1] as number) < 80;
  };
  const corners: [string, number, number][] = [
    ["top-left", 2, 2],
    ["top-right", image.width - 3, 2],
    ["bottom-left", 2, image.height - 3],
    ["bottom-right", image.width - 3, image.height - 3],
  ];
  return corners.find(([, x, y]) => red(x, y))?.[0] ?? "none";
}

describe("prepareImageForOcr", () => {
  it("passes an upright image within the size limit through untouched", async () => {
    const png = renderCard(700);
    const prepared = await prepareImageForOcr(png, { width: 700, height: 442 });
    expect(prepared.image).toBe(png);
    expect(prepared.steps).toEqual([]);
  });

  it("scales an image over the pixel budget down to it", async () => {
    const prepared = await prepareImageForOcr(makeImage("png", 3000, 2000), { width: 3000, height: 2000 });
    expect(prepared.steps).toEqual(["downscale"]);
    expect(prepared.width * prepared.height).toBeLessThanOrEqual(4_200_000);
    expect(prepared.width).toBeGreaterThan(2500);
  });

  it("scales the longer side down to maxLongSide", async () => {
    const prepared = await prepareImageForOcr(makeImage("jpeg", 2400, 1200), {
      width: 2400,
      height: 1200,
      maxLongSide: 1200,
    });
    expect(prepared).toMatchObject({ width: 1200, height: 600, steps: ["downscale"] });
    expect(readImageSize(prepared.image, "png")).toEqual({ width: 1200, height: 600 });
  });

  // @napi-rs/canvas applies EXIF orientation while decoding; prepareImageForOcr relies on it.
  // If this fails after an upgrade, prepare-image must rotate by itself.
  it("turns photos upright for each EXIF orientation (via @napi-rs/canvas's decoder)", async () => {
    const jpeg = makeImage("jpeg", 80, 40);
    const expected: Record<number, [string, number, number]> = {
      1: ["top-left", 80, 40],
      3: ["bottom-right", 80, 40],
      6: ["top-right", 40, 80],
      8: ["bottom-left", 40, 80],
    };
    for (const [orientation, [corner, width, height]] of Object.entries(expected)) {
      const rotated = withExifOrientation(jpeg, Number(orientation), orientation === "6");
      const prepared = await prepareImageForOcr(rotated, {
        width: 80,
        height: 40,
        orientation: Number(orientation) as 1,
      });
      expect([await redCorner(prepared.image), prepared.width, prepared.height], `orientation ${orientation}`).toEqual([
        corner,
        width,
        height,
      ]);
    }
  });

  it("rejects bytes it cannot decode", async () => {
    await expect(
      prepareImageForOcr(new Uint8Array([0xff, 0xd8, 0xff, 0x00]), { width: 10, height: 10, orientation: 6 }),
    ).rejects.toThrow();
  });
});

describe("measureImageInk", () => {
  it("tells a blank sheet from a card with text", async () => {
    expect(await measureImageInk(renderBlank(600, 400))).toBe(0);
    expect(await measureImageInk(renderCard(600))).toBeGreaterThan(0.01);
  });
});
