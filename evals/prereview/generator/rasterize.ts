// Drawing → @napi-rs/canvas. The only file that draws with canvas (degrade.ts post-processes pixels).
import { type Canvas, createCanvas, GlobalFonts, type SKRSContext2D } from "@napi-rs/canvas";
import type { DrawItem, Drawing } from "./drawing.js";
import { FONT_FAMILY, fontFile } from "./fonts.js";

let registered = false;

/** Registers Noto Sans Hans regular and bold as family `SC` (once per process). */
export function registerFonts(): void {
  if (registered) return;
  for (const weight of ["regular", "bold"] as const) {
    if (!GlobalFonts.registerFromPath(fontFile(weight), FONT_FAMILY))
      throw new Error(`could not register the font ${fontFile(weight)}`);
  }
  registered = true;
}

export function rasterize(drawing: Drawing): Canvas {
  registerFonts();
  const canvas = createCanvas(drawing.width, drawing.height);
  const context = canvas.getContext("2d");
  context.fillStyle = drawing.background;
  context.fillRect(0, 0, drawing.width, drawing.height);
  for (const item of drawing.items) drawItem(context, item);
  return canvas;
}

function drawItem(context: SKRSContext2D, item: DrawItem): void {
  context.save();
  switch (item.kind) {
    case "text": {
      context.font = `${item.weight === "bold" ? "bold " : ""}${item.size}px ${FONT_FAMILY}`;
      context.fillStyle = item.color ?? "#000000";
      context.textAlign = item.align ?? "left";
      context.textBaseline = "alphabetic";
      context.letterSpacing = `${item.letterSpacing ?? 0}px`;
      context.translate(item.x, item.y);
      if (item.rotate) context.rotate((item.rotate * Math.PI) / 180);
      context.fillText(item.text, 0, 0);
      break;
    }
    case "rect":
      if (item.fill) {
        context.fillStyle = item.fill;
        context.fillRect(item.x, item.y, item.width, item.height);
      }
      if (item.stroke) {
        context.strokeStyle = item.stroke;
        context.lineWidth = item.lineWidth ?? 1;
        context.strokeRect(item.x, item.y, item.width, item.height);
      }
      break;
    case "path": {
      context.beginPath();
      for (const [index, [x, y]] of item.points.entries()) {
        if (index === 0) context.moveTo(x, y);
        else context.lineTo(x, y);
      }
      if (item.closed) context.closePath();
      if (item.fill) {
        context.fillStyle = item.fill;
        context.fill();
      }
      if (item.stroke) {
        context.strokeStyle = item.stroke;
        context.lineWidth = item.lineWidth ?? 1;
        context.stroke();
      }
      break;
    }
    case "ellipse":
      context.beginPath();
      context.ellipse(item.cx, item.cy, item.rx, item.ry, 0, 0, Math.PI * 2);
      if (item.fill) {
        context.fillStyle = item.fill;
        context.fill();
      }
      if (item.stroke) {
        context.strokeStyle = item.stroke;
        context.lineWidth = item.lineWidth ?? 1;
        context.stroke();
      }
      break;
  }
  context.restore();
}
