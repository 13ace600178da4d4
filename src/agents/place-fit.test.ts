import { describe, expect, it } from "vitest";
import { placeFit, placesElsewhere, placeText, provincesAsked } from "./place-fit.js";

describe("placesElsewhere", () => {
  it("names the places an answer speaks of when none is the one asked about", () => {
    expect(placesElsewhere("上海查破产企业信息的窗口在哪", ["以北京为例，在北京市政务服务中心窗口申请。"])).toEqual({
      asked: ["上海"],
      elsewhere: ["北京"],
    });
  });

  it("takes where a person comes from for no place asked about", () => {
    expect(provincesAsked("其中有个是台湾过来的，给他交医保要多准备啥")).toBeUndefined();
    expect(provincesAsked("北京户口的孩子在上海上学要带什么")).toEqual(new Set(["上海"]));
    expect(provincesAsked("在台湾办的证明能用吗")).toEqual(new Set(["台湾"]));
    // 人社, 人才 are no origin: the place is asked about.
    expect(provincesAsked("深圳人才补贴怎么申请")).toEqual(new Set(["广东"]));
    expect(provincesAsked("北京人社局电话是多少")).toEqual(new Set(["北京"]));
    expect(provincesAsked("香港人来内地参保要带什么")).toBeUndefined();
  });

  it("lets an answer through that names the place asked about, its province, or no place", () => {
    expect(placesElsewhere("福州办退休要单独申请奖励吗", ["按福建的做法，免申即享。"])).toBeUndefined();
    expect(
      placesElsewhere("福建这边有什么限制", ["福建版本要求新生儿未满6个月。", "兰州版本为1岁以下。"]),
    ).toBeUndefined();
    expect(placesElsewhere("兰州办社保卡要带什么", ["申请人居民身份证。"])).toBeUndefined();
    expect(placesElsewhere("社保卡要带什么", ["以北京为例。"])).toBeUndefined();
  });
});

describe("placeFit", () => {
  it("prefers a sentence about the asked place and sets back one about another only", () => {
    expect(placeFit(provincesAsked("福建这边宝宝年龄有什么限制"), "福建版本要求新生儿未满6个月。")).toBe(1);
    expect(placeFit(provincesAsked("福建这边宝宝年龄有什么限制"), "兰州版本户口登记联办范围为1岁以下。")).toBe(-1);
    expect(placeFit(provincesAsked("福建这边宝宝年龄有什么限制"), "新生儿未满1周岁。")).toBe(0);
    expect(placeFit(provincesAsked("宝宝年龄有什么限制"), "兰州版本户口登记联办范围为1岁以下。")).toBe(0);
    // 「西安全」 names no 西安.
    expect(placeFit(provincesAsked("福建这边有什么要求"), "确保数据西安全可控。")).toBe(0);
  });
});

describe("placeText", () => {
  it("leaves out the words that name the document asked about", () => {
    expect(placeText({ text: "海南那篇解读里说部署了几批", namingWords: ["海南", "解读"] })).not.toContain("海南");
  });
});
