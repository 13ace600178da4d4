import { describe, expect, it } from "vitest";
import { FileProblemSchema } from "../types.js";
import { describeFileProblem } from "./describe-file-problem.js";
import { resolvePrereviewLimits } from "./prereview-limits.js";

describe("describeFileProblem", () => {
  it("has a Chinese sentence for every file problem", () => {
    for (const problem of FileProblemSchema.options) {
      const message = describeFileProblem(problem);
      expect(message, problem).toMatch(/\p{Script=Han}/u);
      expect(message, problem).toMatch(/。$/);
    }
  });

  it("puts the facts and the limits into the message", () => {
    const limits = resolvePrereviewLimits({ maxPdfPages: 10 });
    expect(describeFileProblem("too_many_pages", { pageCount: 42 }, limits)).toBe(
      "文件页数过多（42 页），单个文件不能超过 10 页，请拆分后分别上传。",
    );
    expect(describeFileProblem("too_large", { bytes: 25 * 1024 * 1024 })).toBe(
      "文件过大（25 MB），单个文件不能超过 20 MB，请压缩后重新上传。",
    );
    expect(describeFileProblem("too_many_pixels", { width: 10000, height: 9000 })).toContain("10000×9000");
  });
});
