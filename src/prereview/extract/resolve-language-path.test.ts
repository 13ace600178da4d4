import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { languageDataDirectory, resolveLanguagePath } from "./resolve-language-path.js";

const cachePath = mkdtempSync(join(tmpdir(), "banshi-lang-"));
afterAll(() => rmSync(cachePath, { recursive: true, force: true }));

describe("resolveLanguagePath", () => {
  it("uses the package's own directory for one language", () => {
    const path = resolveLanguagePath(["chi_sim"], cachePath);
    expect(path).toBe(languageDataDirectory("chi_sim"));
    expect(path).toMatch(/@tesseract\.js-data[/\\]chi_sim[/\\]4\.0\.0_best_int$/);
    expect(existsSync(join(path, "chi_sim.traineddata.gz"))).toBe(true);
  });

  it("gathers several languages into one directory under the cache path, idempotently", () => {
    const first = resolveLanguagePath(["eng", "chi_sim"], cachePath);
    const second = resolveLanguagePath(["eng", "chi_sim"], cachePath);
    expect(second).toBe(first);
    expect(first.startsWith(cachePath)).toBe(true);
    expect(existsSync(join(first, "eng.traineddata.gz"))).toBe(true);
    expect(existsSync(join(first, "chi_sim.traineddata.gz"))).toBe(true);
  });

  it("refuses language names that are not plain identifiers or not installed", () => {
    expect(() => resolveLanguagePath(["../etc"], cachePath)).toThrow(/invalid/);
    expect(() => resolveLanguagePath(["klingon"], cachePath)).toThrow();
    expect(() => resolveLanguagePath([], cachePath)).toThrow();
  });
});
