// A document page as a list of drawing operations in pixels (origin top-left). The same drawing is
// rasterised with @napi-rs/canvas for images and written as vector text for text-layer PDFs, so both
// carry the same layout and the same printed labels.

export type FontWeight = "regular" | "bold";

export interface TextItem {
  kind: "text";
  /** Anchor point on the baseline. */
  x: number;
  y: number;
  text: string;
  /** Font size in pixels. */
  size: number;
  color?: string;
  weight?: FontWeight;
  align?: "left" | "center" | "right";
  /** Extra space after each character, in pixels. */
  letterSpacing?: number;
  /** Clockwise rotation about the anchor, degrees. */
  rotate?: number;
}

export interface RectItem {
  kind: "rect";
  x: number;
  y: number;
  width: number;
  height: number;
  fill?: string;
  stroke?: string;
  lineWidth?: number;
}

/** A polyline, or a polygon when `closed`. */
export interface PathItem {
  kind: "path";
  points: readonly (readonly [number, number])[];
  stroke?: string;
  fill?: string;
  lineWidth?: number;
  closed?: boolean;
}

export interface EllipseItem {
  kind: "ellipse";
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  fill?: string;
  stroke?: string;
  lineWidth?: number;
}

export type DrawItem = TextItem | RectItem | PathItem | EllipseItem;

export interface Drawing {
  width: number;
  height: number;
  /** Pixels per inch the layout assumes: fixes the PDF page size (cards 300, A4 150). */
  dpi: number;
  background: string;
  items: DrawItem[];
}

export function text(
  x: number,
  y: number,
  value: string,
  size: number,
  options: Omit<TextItem, "kind" | "x" | "y" | "text" | "size"> = {},
): TextItem {
  return { kind: "text", x, y, text: value, size, ...options };
}

export function rect(
  x: number,
  y: number,
  width: number,
  height: number,
  options: Omit<RectItem, "kind" | "x" | "y" | "width" | "height">,
): RectItem {
  return { kind: "rect", x, y, width, height, ...options };
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke = "#000000", lineWidth = 2): PathItem {
  return {
    kind: "path",
    points: [
      [x1, y1],
      [x2, y2],
    ],
    stroke,
    lineWidth,
  };
}

/** Width estimate used for wrapping: CJK and full-width forms 1 em, ASCII about 0.56 em. */
export function estimateWidth(value: string, size: number, letterSpacing = 0): number {
  let width = 0;
  for (const character of value)
    width += ((character.codePointAt(0) as number) < 0x2e80 ? 0.56 : 1) * size + letterSpacing;
  return width;
}

/** Splits text into lines no wider than `maxWidth` (character wrapping, as printed certificates do). */
export function wrapText(value: string, maxWidth: number, size: number, letterSpacing = 0): string[] {
  const lines: string[] = [];
  let current = "";
  for (const character of value) {
    if (current && estimateWidth(current + character, size, letterSpacing) > maxWidth) {
      lines.push(current);
      current = "";
    }
    current += character;
  }
  if (current) lines.push(current);
  return lines;
}

/** A round red seal: ring, star and the authority's name along the upper arc. */
export function seal(cx: number, cy: number, radius: number, name: string, bottom = "", color = "#d42a2a"): DrawItem[] {
  const items: DrawItem[] = [
    { kind: "ellipse", cx, cy, rx: radius, ry: radius, stroke: color, lineWidth: radius * 0.06 },
    text(cx, cy + radius * 0.22, "★", radius * 0.6, { color, align: "center" }),
  ];
  const characters = [...name];
  const sweep = Math.min(250, characters.length * 24);
  const size = Math.min(radius * 0.26, ((radius * 0.7 * Math.PI * sweep) / 180 / characters.length) * 0.95);
  characters.forEach((character, index) => {
    const angle = -sweep / 2 + (sweep * (index + 0.5)) / characters.length;
    const radians = (angle * Math.PI) / 180;
    const r = radius * 0.7;
    items.push(
      text(cx + r * Math.sin(radians), cy - r * Math.cos(radians), character, size, {
        color,
        align: "center",
        rotate: angle,
        weight: "bold",
      }),
    );
  });
  if (bottom) items.push(text(cx, cy + radius * 0.62, bottom, radius * 0.2, { color, align: "center" }));
  return items;
}

/** A grey photo placeholder with a head-and-shoulders silhouette. */
export function photo(x: number, y: number, width: number, height: number): DrawItem[] {
  const cx = x + width / 2;
  const bottom = y + height;
  const shoulders: [number, number][] = [];
  for (let step = 0; step <= 24; step++) {
    const angle = Math.PI + (Math.PI * step) / 24;
    shoulders.push([cx + width * 0.42 * Math.cos(angle), bottom + height * 0.34 * Math.sin(angle)]);
  }
  return [
    rect(x, y, width, height, { fill: "#d9dde2" }),
    { kind: "ellipse", cx, cy: y + height * 0.4, rx: width * 0.2, ry: height * 0.2, fill: "#a9b0b8" },
    { kind: "path", points: shoulders, fill: "#a9b0b8", closed: true },
  ];
}

/** Faint wavy background lines, as on security paper. */
export function guilloche(width: number, height: number, color: string, spacing = 28, amplitude = 10): PathItem[] {
  const paths: PathItem[] = [];
  for (let row = -amplitude; row < height + amplitude; row += spacing) {
    const points: [number, number][] = [];
    for (let x = 0; x <= width; x += 20)
      points.push([x, row + amplitude * Math.sin((x / width) * Math.PI * 6 + row / 40)]);
    paths.push({ kind: "path", points, stroke: color, lineWidth: 1 });
  }
  return paths;
}
