import { describe, expect, it } from "vitest";
import { differOnlyByHomophones, soundAlike } from "./homophones.js";

describe("homophones", () => {
  it("hears characters that share a toneless reading, including a second reading", () => {
    expect(soundAlike("芳", "方")).toBe(true);
    expect(soundAlike("敏", "民")).toBe(true);
    expect(soundAlike("长", "常")).toBe(true); // 长 is also zhang
    expect(soundAlike("廖", "雇")).toBe(false);
  });

  it("accepts a pinyin typing slip and rejects an OCR-like slip, a longer name or no difference", () => {
    expect(differOnlyByHomophones("段方月", "段芳月")).toBe(true);
    expect(differOnlyByHomophones("任海君", "任海军")).toBe(true);
    expect(differOnlyByHomophones("雇龙博", "廖龙博")).toBe(false);
    expect(differOnlyByHomophones("范兴明", "范兴建")).toBe(false);
    expect(differOnlyByHomophones("段芳", "段芳月")).toBe(false);
    expect(differOnlyByHomophones("段芳月", "段芳月")).toBe(false);
    expect(differOnlyByHomophones("AB1", "AB2")).toBe(false);
  });
});
