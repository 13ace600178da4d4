import { describe, expect, it } from "vitest";
import { makeImage, makePngHeader } from "./__fixtures__/make-images.js";
import { checkCaseLimits } from "./check-case-limits.js";
import { inspectFile } from "./inspect-file.js";
import { defaultPrereviewLimits, resolvePrereviewLimits } from "./prereview-limits.js";

const pdf = new TextEncoder().encode("%PDF-1.7\n");

describe("inspectFile", () => {
  it("accepts an image and reports its size", () => {
    expect(inspectFile({ bytes: makeImage("png", 300, 200) })).toEqual({
      kind: "png",
      width: 300,
      height: 200,
      mislabelled: false,
    });
  });

  it("refuses an empty file with a Chinese message", () => {
    const result = inspectFile({ bytes: new Uint8Array() });
    expect(result.problem).toBe("empty");
    expect(result.problemMessage).toBe("文件为空，请重新上传。");
  });

  it("refuses unknown bytes and names the accepted types", () => {
    const result = inspectFile({ bytes: new TextEncoder().encode("PK\u0003\u0004 a zip") });
    expect(result.problem).toBe("unsupported_type");
    expect(result.problemMessage).toContain("PDF、JPG、PNG、WebP、TIFF");
  });

  it("refuses a file over the size limit", () => {
    const limits = resolvePrereviewLimits({ maxFileBytes: 1024 });
    const result = inspectFile({ bytes: new Uint8Array([...pdf, ...new Uint8Array(2000)]) }, limits);
    expect(result).toMatchObject({ kind: "pdf", problem: "too_large" });
    expect(result.problemMessage).toContain("1 KB");
  });

  it("refuses a pixel bomb from its header without decoding it", () => {
    const bomb = makePngHeader(100_000, 100_000);
    expect(bomb.length).toBeLessThan(100);
    const result = inspectFile({ bytes: bomb });
    expect(result).toMatchObject({ kind: "png", problem: "too_many_pixels", width: 100_000, height: 100_000 });
    expect(result.problemMessage).toContain("4000 万");
  });

  it("calls an image whose header cannot be read corrupt", () => {
    expect(inspectFile({ bytes: makeImage("jpeg", 20, 20).subarray(0, 40) }).problem).toBe("corrupt");
  });

  it("accepts mislabelled files by their real kind and says they were mislabelled", () => {
    const png = makeImage("png", 30, 30);
    expect(inspectFile({ bytes: png, originalName: "scan.pdf" })).toMatchObject({ kind: "png", mislabelled: true });
    expect(inspectFile({ bytes: png, claimedMimeType: "image/jpeg" })).toMatchObject({
      kind: "png",
      mislabelled: true,
    });
    expect(inspectFile({ bytes: pdf, claimedMimeType: "application/pdf", originalName: "a.PDF" }).mislabelled).toBe(
      false,
    );
    expect(
      inspectFile({ bytes: png, claimedMimeType: "application/octet-stream", originalName: "photo" }).mislabelled,
    ).toBe(false);
  });
});

describe("checkCaseLimits", () => {
  it("accepts a case within the limits", () => {
    expect(checkCaseLimits([{ bytes: pdf }])).toEqual({ ok: true });
  });

  it("refuses too many files or too many bytes in total", () => {
    const files = Array.from({ length: defaultPrereviewLimits.maxFiles + 1 }, () => ({ bytes: pdf }));
    expect(checkCaseLimits(files).problem).toBe("too_many_files");
    expect(checkCaseLimits([{ bytes: new Uint8Array(600) }], { maxFiles: 5, maxTotalBytes: 500 }).problem).toBe(
      "too_large_total",
    );
  });
});
