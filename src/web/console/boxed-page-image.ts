/// <reference lib="dom" />
// A page image with an evidence box drawn where a value was read: the report's evidence view and
// the new case's prefilled values (on the uploader's own file, before anything is submitted).
import type { Evidence } from "./api.js";
import { h } from "../shared/dom.js";

const SVG = "http://www.w3.org/2000/svg";

export interface BoxedPageImageOptions {
  alt: string;
  /** The image's address (an object URL or the API's page image). */
  url: Promise<string>;
  box: Evidence["box"];
  /** Pixel size the box is in; default the image's own size. */
  size?: { width: number; height: number };
  /** Shown instead of the image when it cannot be loaded. */
  failure: string;
}

/** `.page` with the image and an SVG box; `data-box-drawn="true"` once the box is on it. */
export function renderBoxedPageImage(options: BoxedPageImageOptions): HTMLElement {
  const img = h("img", { alt: options.alt });
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("aria-hidden", "true");
  const frame = h("div", { class: "page" }, img);
  frame.append(svg);
  void options.url
    .then((url) => {
      img.addEventListener(
        "load",
        () => {
          const { box } = options;
          if (!box) return;
          const width = options.size?.width ?? img.naturalWidth;
          const height = options.size?.height ?? img.naturalHeight;
          svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
          svg.setAttribute("preserveAspectRatio", "none");
          const rect = document.createElementNS(SVG, "rect");
          const pad = 6;
          rect.setAttribute("class", "box");
          rect.setAttribute("x", String(box.x0 - pad));
          rect.setAttribute("y", String(box.y0 - pad));
          rect.setAttribute("width", String(box.x1 - box.x0 + 2 * pad));
          rect.setAttribute("height", String(box.y1 - box.y0 + 2 * pad));
          svg.append(rect);
          frame.dataset.boxDrawn = "true";
        },
        { once: true },
      );
      img.src = url;
    })
    .catch(() => frame.replaceChildren(h("p", { class: "muted" }, options.failure)));
  return frame;
}
