import { describe, expect, it } from "vitest";
import { applyHomography, invertHomography, mapBox, type Point, solveHomography, unmapBox } from "./homography.js";

const square: Point[] = [
  [0, 0],
  [100, 0],
  [100, 60],
  [0, 60],
];
const quad: Point[] = [
  [37, 22],
  [410, 71],
  [388, 301],
  [15, 260],
];

describe("solveHomography", () => {
  it("maps each of the four source points onto its target", () => {
    const h = solveHomography(square, quad);
    expect(h).toBeDefined();
    square.forEach((point, index) => {
      const mapped = applyHomography(h ?? [], point);
      expect(mapped?.[0]).toBeCloseTo((quad[index] as Point)[0], 6);
      expect(mapped?.[1]).toBeCloseTo((quad[index] as Point)[1], 6);
    });
  });

  it("gives the identity for identical point sets", () => {
    const h = solveHomography(quad, quad) ?? [];
    for (const [index, value] of [1, 0, 0, 0, 1, 0, 0, 0, 1].entries()) expect(h[index]).toBeCloseTo(value, 9);
  });

  it("has no answer when three points lie on one line", () => {
    expect(
      solveHomography(
        [
          [0, 0],
          [1, 1],
          [2, 2],
          [0, 5],
        ],
        quad,
      ),
    ).toBeUndefined();
  });
});

describe("invertHomography", () => {
  it("brings points back where they came from (round trip)", () => {
    const h = solveHomography(square, quad) ?? [];
    const inverse = invertHomography(h) ?? [];
    for (const point of [
      [12.5, 7.25],
      [99, 59],
      [50, 30],
      [0, 0],
    ] as Point[]) {
      const back = applyHomography(inverse, applyHomography(h, point) ?? [Number.NaN, Number.NaN]);
      expect(back?.[0]).toBeCloseTo(point[0], 6);
      expect(back?.[1]).toBeCloseTo(point[1], 6);
    }
  });
});

describe("mapBox", () => {
  it("returns the axis-aligned box around the four mapped corners, rounded outwards", () => {
    const h = solveHomography(square, quad) ?? [];
    expect(mapBox(h, { x0: 0, y0: 0, x1: 100, y1: 60 })).toEqual({ x0: 15, y0: 22, x1: 410, y1: 301 });
  });

  it("keeps a small box inside the mapped region of the sheet", () => {
    const h = solveHomography(square, quad) ?? [];
    const box = mapBox(h, { x0: 40, y0: 20, x1: 60, y1: 30 });
    const centre = applyHomography(h, [50, 25]) ?? [0, 0];
    expect(box?.x0).toBeLessThan(centre[0]);
    expect(box?.x1).toBeGreaterThan(centre[0]);
    expect(box?.y0).toBeLessThan(centre[1]);
    expect(box?.y1).toBeGreaterThan(centre[1]);
    expect((box?.x1 ?? 0) - (box?.x0 ?? 0)).toBeLessThan(120);
  });
});

describe("unmapBox", () => {
  // A card 1000 × 630 photographed turned about 8° with its right side farther away.
  const toPhoto =
    solveHomography(
      [
        [0, 0],
        [1000, 0],
        [1000, 630],
        [0, 630],
      ],
      [
        [216, 115],
        [1137, 310],
        [1058, 879],
        [118, 813],
      ],
    ) ?? [];

  it("gives back a line's box on the card from the wider box around it on the photo, within 3 px", () => {
    for (const line of [
      { x0: 290, y0: 520, x1: 700, y1: 566 },
      { x0: 185, y0: 80, x1: 260, y1: 118 },
      { x0: 185, y0: 320, x1: 660, y1: 360 },
    ]) {
      const onPhoto = mapBox(toPhoto, line);
      const back = unmapBox(toPhoto, onPhoto ?? line);
      expect(back).toBeDefined();
      for (const side of ["x0", "y0", "x1", "y1"] as const)
        expect(Math.abs((back?.[side] ?? 0) - line[side])).toBeLessThanOrEqual(3);
    }
  });

  it("is narrower than simply mapping the photo box back", () => {
    const line = { x0: 290, y0: 520, x1: 700, y1: 566 };
    const onPhoto = mapBox(toPhoto, line) ?? line;
    const naive = mapBox(invertHomography(toPhoto) ?? [], onPhoto) ?? line;
    const back = unmapBox(toPhoto, onPhoto) ?? naive;
    expect(back.y1 - back.y0).toBeLessThan((naive.y1 - naive.y0) / 2);
  });
});
