import { describe, expect, it } from "vitest";
import { makeImage, makePngHeader, makeTiff, makeVp8Header, makeVp8lHeader } from "./__fixtures__/make-images.js";
import { readImageSize } from "./read-image-size.js";

describe("readImageSize", () => {
  it("reads PNG, JPEG and WebP (VP8X) sizes from images made by @napi-rs/canvas", () => {
    expect(readImageSize(makeImage("png", 321, 123), "png")).toEqual({ width: 321, height: 123 });
    expect(readImageSize(makeImage("jpeg", 321, 123), "jpeg")).toEqual({ width: 321, height: 123 });
    expect(readImageSize(makeImage("webp", 321, 123), "webp")).toEqual({ width: 321, height: 123 });
  });

  it("reads lossy (VP8) and lossless (VP8L) WebP headers", () => {
    expect(readImageSize(makeVp8Header(640, 480), "webp")).toEqual({ width: 640, height: 480 });
    expect(readImageSize(makeVp8lHeader(16383, 2), "webp")).toEqual({ width: 16383, height: 2 });
  });

  it("reads TIFF sizes in both byte orders and with SHORT or LONG fields", () => {
    expect(readImageSize(makeTiff(37, 21, { littleEndian: true }), "tiff")).toEqual({ width: 37, height: 21 });
    expect(readImageSize(makeTiff(37, 21, { littleEndian: false }), "tiff")).toEqual({ width: 37, height: 21 });
    expect(readImageSize(makeTiff(37, 21, { shortDimensions: true }), "tiff")).toEqual({ width: 37, height: 21 });
  });

  it("reads a bomb's claimed size without decoding its body", () => {
    expect(readImageSize(makePngHeader(100_000, 100_000), "png")).toEqual({ width: 100_000, height: 100_000 });
  });

  it("skips JPEG segments before the frame header (EXIF, tables)", () => {
    const jpeg = makeImage("jpeg", 50, 40);
    // canvas JPEGs carry JFIF and quantisation tables before SOF0
    expect(readImageSize(jpeg, "jpeg")).toEqual({ width: 50, height: 40 });
  });

  it("gives undefined for truncated headers instead of throwing", () => {
    expect(readImageSize(makeImage("png", 10, 10).subarray(0, 20), "png")).toBeUndefined();
    expect(readImageSize(makeImage("jpeg", 10, 10).subarray(0, 30), "jpeg")).toBeUndefined();
    expect(readImageSize(makeVp8Header(10, 10).subarray(0, 26), "webp")).toBeUndefined();
    expect(readImageSize(makeTiff(10, 10).subarray(0, 12), "tiff")).toBeUndefined();
    expect(readImageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01]), "jpeg")).toBeUndefined();
  });

  it("gives undefined for a zero-sized image", () => {
    expect(readImageSize(makePngHeader(0, 10), "png")).toBeUndefined();
  });
});
