import { describe, expect, it } from "vitest";
import type { PageText } from "../types.js";
import { drawQuadPhoto } from "./__fixtures__/draw-quad-photo.js";
import type { Point } from "./homography.js";
import { readFlattenedPhoto } from "./read-flattened-photo.js";

const corners: [Point, Point, Point, Point] = [
  [180, 130],
  [800, 210],
  [760, 600],
  [140, 530],
];
const photo = drawQuadPhoto({ width: 960, height: 720, corners });

/** A reader that reports one line covering the whole image it is given, at the confidences listed per call. */
function fakeReader(confidences: number[]) {
  const calls: { width: number; height: number }[] = [];
  const read = async (_image: Uint8Array, width: number, height: number): Promise<PageText> => {
    calls.push({ width, height });
    return {
      page: 1,
      source: "ocr",
      lines: [{ text: "姓名张三", confidence: 0.9, box: { x0: 0, y0: 0, x1: width, y1: height } }],
      confidence: confidences[calls.length - 1] ?? 0,
      width,
      height,
      quality: [],
      milliseconds: 1,
    };
  };
  return { read, calls };
}

describe("readFlattenedPhoto", () => {
  it("reads the flat card once when the upright reading is sure, with boxes mapped back onto the photo", async () => {
    const reader = fakeReader([0.9]);
    const page = await readFlattenedPhoto({ photo, read: reader.read, minConfidence: 0.6 });
    expect(reader.calls).toHaveLength(1);
    expect(page).toMatchObject({ width: 960, height: 720, documents: [{ turn: 0 }] });
    // The whole flat card is, on the photo, the box around the card's four corners.
    const box = page?.lines[0]?.box;
    expect(box?.x0).toBeCloseTo(140, -1);
    expect(box?.y0).toBeCloseTo(130, -1);
    expect(box?.x1).toBeCloseTo(800, -1);
    expect(box?.y1).toBeCloseTo(600, -1);
    for (const [index, [x, y]] of (page?.documents?.[0]?.corners ?? []).entries())
      expect(Math.hypot(x - (corners[index] as Point)[0], y - (corners[index] as Point)[1])).toBeLessThanOrEqual(6);
  });

  it("keeps the half-turned reading when the upright one reads like text upside down", async () => {
    const reader = fakeReader([0.2, 0.88]);
    const page = await readFlattenedPhoto({ photo, read: reader.read, minConfidence: 0.6 });
    expect(reader.calls).toHaveLength(2);
    expect(page?.documents?.[0]?.turn).toBe(2);
    expect(page?.confidence).toBe(0.88);
  });

  it("does not turn an upright card read unsurely (blurred, small), which costs an OCR per turn", async () => {
    const reader = fakeReader([0.6]);
    const page = await readFlattenedPhoto({ photo, read: reader.read, minConfidence: 0.6 });
    expect(reader.calls).toHaveLength(1);
    expect(page?.documents?.[0]?.turn).toBe(0);
  });

  it("tries the quarter turns only when neither upright nor upside down reads", async () => {
    const reader = fakeReader([0.1, 0.2, 0.3, 0.7]);
    const page = await readFlattenedPhoto({ photo, read: reader.read, minConfidence: 0.6 });
    expect(reader.calls).toHaveLength(4);
    expect(reader.calls[2]?.width).toBe(reader.calls[0]?.height);
    expect(page?.documents?.[0]?.turn).toBe(3);
  });

  it("reads both cards of a photo of front and back, left one first, each with its own corners", async () => {
    const left: [Point, Point, Point, Point] = [
      [40, 200],
      [460, 180],
      [470, 450],
      [50, 470],
    ];
    const right: [Point, Point, Point, Point] = [
      [500, 220],
      [920, 230],
      [910, 500],
      [490, 490],
    ];
    const both = drawQuadPhoto({ width: 960, height: 720, corners: left, others: [right] });
    const reader = fakeReader([0.9, 0.8]);
    const page = await readFlattenedPhoto({ photo: both, read: reader.read, minConfidence: 0.6 });
    expect(reader.calls).toHaveLength(2);
    expect(page?.documents).toHaveLength(2);
    expect(page?.lines.map((line) => Math.round(((line.box?.x0 ?? 0) + (line.box?.x1 ?? 0)) / 2 / 100))).toEqual([
      3, 7,
    ]);
    expect(page?.confidence).toBeCloseTo(0.85, 5);
  });

  it("reads nothing when the photo shows no document outline", async () => {
    const reader = fakeReader([0.9]);
    const blank = { ...photo, data: photo.data.map(() => 230) };
    expect(await readFlattenedPhoto({ photo: blank, read: reader.read, minConfidence: 0.6 })).toBeUndefined();
    expect(reader.calls).toHaveLength(0);
  });
});
