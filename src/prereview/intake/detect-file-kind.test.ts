import { describe, expect, it } from "vitest";
import { detectFileKind } from "./detect-file-kind.js";
import { concat, makeImage, makeTiff } from "./__fixtures__/make-images.js";

const ascii = (text: string) => new TextEncoder().encode(text);

describe("detectFileKind", () => {
  it("recognises each accepted kind by its magic bytes", () => {
    expect(detectFileKind(ascii("%PDF-1.7\n%âãÏÓ\n"))).toBe("pdf");
    expect(detectFileKind(makeImage("jpeg", 8, 8))).toBe("jpeg");
    expect(detectFileKind(makeImage("png", 8, 8))).toBe("png");
    expect(detectFileKind(makeImage("webp", 8, 8))).toBe("webp");
    expect(detectFileKind(makeTiff(2, 2, { littleEndian: true }))).toBe("tiff");
    expect(detectFileKind(makeTiff(2, 2, { littleEndian: false }))).toBe("tiff");
  });

  it("finds a PDF header after a few leading bytes", () => {
    expect(detectFileKind(concat(new Uint8Array([0xef, 0xbb, 0xbf, 0x0a]), ascii("%PDF-1.4\n")))).toBe("pdf");
    expect(detectFileKind(concat(new Uint8Array(2000), ascii("%PDF-1.4\n")))).toBeUndefined();
  });

  it("goes by the bytes, not the name: a PNG is a PNG whatever it is called", () => {
    const png = makeImage("png", 4, 4);
    expect(detectFileKind(png)).toBe("png");
  });

  it("recognises nothing in empty, random or text bytes", () => {
    expect(detectFileKind(new Uint8Array())).toBeUndefined();
    expect(detectFileKind(ascii("hello, world"))).toBeUndefined();
    const random = new Uint8Array(256).map((_, index) => (index * 73 + 41) % 256);
    expect(detectFileKind(random)).toBeUndefined();
    expect(detectFileKind(ascii("GIF89a"))).toBeUndefined();
  });

  it("does not mistake truncated headers for a kind", () => {
    expect(detectFileKind(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
    expect(detectFileKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    expect(detectFileKind(ascii("RIFF\0\0\0\0WEB"))).toBeUndefined();
    expect(detectFileKind(ascii("RIFF\0\0\0\0WAVE"))).toBeUndefined();
    expect(detectFileKind(ascii("%PDF"))).toBeUndefined();
    expect(detectFileKind(new Uint8Array([0x49, 0x49, 0x2a]))).toBeUndefined();
  });
});
