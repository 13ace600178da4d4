import { describe, expect, it } from "vitest";
import { drawQuadPhoto } from "./__fixtures__/draw-quad-photo.js";
import { findDocumentQuads, orderCorners } from "./find-document-quad.js";

const findDocumentQuad = (photo: Parameters<typeof findDocumentQuads>[0]) => findDocumentQuads(photo, 1)[0];
import type { Point } from "./homography.js";

function expectCornersNear(found: readonly Point[] | undefined, expected: readonly Point[], tolerance: number) {
  expect(found).toBeDefined();
  expected.forEach(([x, y], index) => {
    const [fx, fy] = (found as Point[])[index] as Point;
    expect(Math.hypot(fx - x, fy - y)).toBeLessThanOrEqual(tolerance);
  });
}

describe("findDocumentQuads: one card", () => {
  it("finds the corners of a card turned and tilted on a desk, within 3 px", () => {
    const corners: [Point, Point, Point, Point] = [
      [92, 61],
      [398, 104],
      [371, 290],
      [70, 248],
    ];
    const photo = drawQuadPhoto({ width: 480, height: 360, corners });
    expectCornersNear(findDocumentQuad(photo)?.corners, corners, 3);
  });

  it("finds them with the light falling off to half on one side", () => {
    const corners: [Point, Point, Point, Point] = [
      [60, 50],
      [420, 80],
      [430, 300],
      [50, 320],
    ];
    const photo = drawQuadPhoto({ width: 480, height: 360, corners, lightAtRight: 0.5 });
    expectCornersNear(findDocumentQuad(photo)?.corners, corners, 3);
  });

  it("reports the card's share of the photo and how well its sides lie on edges", () => {
    const corners: [Point, Point, Point, Point] = [
      [100, 80],
      [380, 80],
      [380, 260],
      [100, 260],
    ];
    const quad = findDocumentQuad(drawQuadPhoto({ width: 480, height: 360, corners }));
    expect(quad?.coverage).toBeCloseTo((280 * 180) / (480 * 360), 1);
    expect(quad?.support).toBeGreaterThan(0.9);
  });

  it("finds nothing on an evenly lit sheet with no outline", () => {
    const photo = drawQuadPhoto({
      width: 480,
      height: 360,
      corners: [
        [0, 0],
        [480, 0],
        [480, 360],
        [0, 360],
      ],
      desk: 240,
    });
    expect(findDocumentQuad({ ...photo, data: photo.data.map(() => 240) })).toBeUndefined();
  });

  it("finds nothing on a form page whose grey-filled table has the title and signature around it", () => {
    const table: [Point, Point, Point, Point] = [
      [40, 80],
      [300, 80],
      [300, 260],
      [40, 260],
    ];
    const page = drawQuadPhoto({ width: 340, height: 480, corners: table, desk: 252, paper: 232 });
    const ink = (x0: number, y0: number, x1: number, y1: number) => {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) page.data[y * page.width + x] = 30;
    };
    ink(90, 30, 250, 50); // the title
    for (let row = 0; row < 5; row++)
      for (let word = 0; word < 4; word++) ink(40 + word * 70, 290 + row * 24, 90 + word * 70, 300 + row * 24); // ticks and text
    ink(40, 430, 140, 445); // the signature
    expect(findDocumentQuads(page)).toEqual([]);
  });

  it("finds nothing when the card is a small part of the photo", () => {
    const corners: [Point, Point, Point, Point] = [
      [200, 150],
      [260, 150],
      [260, 190],
      [200, 190],
    ];
    expect(findDocumentQuad(drawQuadPhoto({ width: 480, height: 360, corners }))).toBeUndefined();
  });
});

describe("findDocumentQuads", () => {
  it("finds both cards photographed side by side, each within 3 px", () => {
    const left: [Point, Point, Point, Point] = [
      [20, 100],
      [230, 90],
      [235, 225],
      [25, 235],
    ];
    const right: [Point, Point, Point, Point] = [
      [250, 110],
      [460, 115],
      [455, 250],
      [245, 245],
    ];
    const photo = drawQuadPhoto({ width: 480, height: 360, corners: left, others: [right] });
    const found = findDocumentQuads(photo);
    expect(found).toHaveLength(2);
    const byLeft = [...found].sort((a, b) => (a.corners[0] as Point)[0] - (b.corners[0] as Point)[0]);
    expectCornersNear(byLeft[0]?.corners, left, 3);
    expectCornersNear(byLeft[1]?.corners, right, 3);
  });

  it("finds two cards lying level side by side, not one quad around both", () => {
    const left: [Point, Point, Point, Point] = [
      [20, 110],
      [225, 110],
      [225, 240],
      [20, 240],
    ];
    const right: [Point, Point, Point, Point] = [
      [255, 110],
      [460, 110],
      [460, 240],
      [255, 240],
    ];
    const photo = drawQuadPhoto({ width: 480, height: 360, corners: left, others: [right] });
    const found = findDocumentQuads(photo).sort((a, b) => (a.corners[0] as Point)[0] - (b.corners[0] as Point)[0]);
    expect(found).toHaveLength(2);
    expectCornersNear(found[0]?.corners, left, 3);
    expectCornersNear(found[1]?.corners, right, 3);
  });

  it("finds one card when there is one, not a second inside it", () => {
    const corners: [Point, Point, Point, Point] = [
      [60, 50],
      [420, 80],
      [430, 300],
      [50, 320],
    ];
    expect(findDocumentQuads(drawQuadPhoto({ width: 480, height: 360, corners }))).toHaveLength(1);
  });
});

describe("orderCorners", () => {
  it("orders corners clockwise from the one nearest the top-left", () => {
    expect(
      orderCorners([
        [10, 90],
        [90, 10],
        [5, 5],
        [95, 95],
      ]),
    ).toEqual([
      [5, 5],
      [90, 10],
      [95, 95],
      [10, 90],
    ]);
  });
});
