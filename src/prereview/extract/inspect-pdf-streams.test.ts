import { describe, expect, it } from "vitest";
import { makePdf } from "../intake/__fixtures__/make-pdf.js";
import { inspectPdfStreams } from "./inspect-pdf-streams.js";

const MB = 1024 * 1024;
const limits = { maxInflatedBytes: 4 * MB, maxImagePixels: 40_000_000 };

describe("inspectPdfStreams", () => {
  it("measures an ordinary PDF's content without complaint", async () => {
    const result = await inspectPdfStreams(makePdf({ inflatedBytes: 100_000 }), limits);
    expect(result).toEqual({ status: "ok", streams: 1, inflatedBytes: 100_000 });
  });

  it("stops a compression bomb at the budget, not at its full size", async () => {
    const bomb = makePdf({ inflatedBytes: 64 * MB });
    expect(bomb.length).toBeLessThan(MB);
    const result = await inspectPdfStreams(bomb, limits);
    expect(result.status).toBe("inflated_too_large");
    if (result.status !== "inflated_too_large") return;
    expect(result.inflatedBytes).toBeGreaterThan(limits.maxInflatedBytes);
    // Inflating stopped within a chunk or two of the budget.
    expect(result.inflatedBytes).toBeLessThan(limits.maxInflatedBytes + MB);
  });

  it("adds the streams of all pages and objects against one budget", async () => {
    const result = await inspectPdfStreams(makePdf({ inflatedBytes: 3 * MB }), { ...limits, maxInflatedBytes: 2 * MB });
    expect(result.status).toBe("inflated_too_large");
  });

  it("refuses an image that declares more pixels than the limit, unopened", async () => {
    const result = await inspectPdfStreams(makePdf({ image: { width: 100_000, height: 100_000 } }), limits);
    expect(result).toEqual({ status: "too_many_pixels", width: 100_000, height: 100_000 });
  });

  it("holds an image stream to its own declared size, however large the overall budget", async () => {
    const honest = makePdf({ image: { width: 1000, height: 1000, dataBytes: 1_000_000 } });
    expect((await inspectPdfStreams(honest, limits)).status).toBe("ok");
    const lying = makePdf({ image: { width: 10, height: 10, dataBytes: 8 * MB } });
    expect((await inspectPdfStreams(lying, { ...limits, maxInflatedBytes: 64 * MB })).status).toBe(
      "inflated_too_large",
    );
  });

  it("counts nothing for bytes that are not a PDF's streams", async () => {
    const result = await inspectPdfStreams(Buffer.from("%PDF-1.7\nnot really a pdf\n%%EOF"), limits);
    expect(result).toEqual({ status: "ok", streams: 0, inflatedBytes: 0 });
  });
});
