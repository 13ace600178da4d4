import { describe, expect, it } from "vitest";
import { drawQuadPhoto, textBars } from "./__fixtures__/draw-quad-photo.js";
import { findDocumentsInPhoto, flattenDocument } from "./flatten-document.js";
import { applyHomography, type Point } from "./homography.js";

const corners: [Point, Point, Point, Point] = [
  [180, 130],
  [800, 210],
  [760, 600],
  [140, 530],
];
const photo = drawQuadPhoto({ width: 960, height: 720, corners, lightAtRight: 0.6 });

describe("findDocumentsInPhoto", () => {
  it("finds the card's corners in the photo's own pixels, within 6 px", () => {
    const [quad, second] = findDocumentsInPhoto(photo);
    expect(quad).toBeDefined();
    expect(second).toBeUndefined();
    quad?.corners.forEach(([x, y], index) => {
      const [ex, ey] = corners[index] as Point;
      expect(Math.hypot(x - ex, y - ey)).toBeLessThanOrEqual(6);
    });
  });

  it("finds nothing to flatten when the page fills the photo", () => {
    const full = drawQuadPhoto({
      width: 960,
      height: 720,
      corners: [
        [4, 3],
        [956, 3],
        [956, 717],
        [4, 717],
      ],
      sheet: { width: 952, height: 714 },
    });
    expect(findDocumentsInPhoto(full)).toEqual([]);
  });
});

describe("flattenDocument", () => {
  const [quad] = findDocumentsInPhoto(photo);
  if (!quad) throw new Error("no quad in the fixture");

  it("snaps a card-like quad to the ID card's 85.6 × 54 proportions", () => {
    const flat = flattenDocument(photo, quad);
    expect(flat).toBeDefined();
    expect((flat?.image.width ?? 0) / (flat?.image.height ?? 1)).toBeCloseTo(85.6 / 54, 1);
  });

  it("puts the text where it is on the card, upright and evenly lit", () => {
    const flat = flattenDocument(photo, quad);
    if (!flat) throw new Error("not flattened");
    const scale = flat.image.width / 856;
    const at = (x: number, y: number) =>
      flat.image.data[Math.round(y * scale) * flat.image.width + Math.round(x * scale)] as number;
    for (const bar of textBars({ width: 856, height: 540 })) {
      expect(at((bar.x0 + bar.x1) / 2, (bar.y0 + bar.y1) / 2)).toBeLessThan(90);
      // Between two words of a row: paper, as light on the shaded right as on the left.
      expect(at(bar.x1 + 12, (bar.y0 + bar.y1) / 2)).toBeGreaterThan(225);
    }
  });

  it("turns the flat copy a half turn, swapping what is top and bottom", () => {
    const upright = flattenDocument(photo, quad);
    const turned = flattenDocument(photo, quad, { turn: 2 });
    if (!upright || !turned) throw new Error("not flattened");
    const { width, height } = upright.image;
    expect([turned.image.width, turned.image.height]).toEqual([width, height]);
    let differences = 0;
    for (let y = 0; y < height; y += 7)
      for (let x = 0; x < width; x += 7) {
        const a = upright.image.data[y * width + x] as number;
        const b = turned.image.data[(height - 1 - y) * width + (width - 1 - x)] as number;
        if (Math.abs(a - b) > 40) differences++;
      }
    expect(differences / ((width / 7) * (height / 7))).toBeLessThan(0.03);
  });

  it("maps the flat copy's corners onto the photo's document corners", () => {
    const flat = flattenDocument(photo, quad);
    if (!flat) throw new Error("not flattened");
    const { width, height } = flat.image;
    const mapped = (
      [
        [0, 0],
        [width, 0],
        [width, height],
        [0, height],
      ] as Point[]
    ).map((point) => applyHomography(flat.toPhoto, point) ?? [Number.NaN, Number.NaN]);
    mapped.forEach(([x, y], index) => {
      const [qx, qy] = quad.corners[index] as Point;
      expect(Math.hypot(x - qx, y - qy)).toBeLessThan(1e-6);
    });
  });
});
