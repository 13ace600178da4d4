import { describe, expect, it } from "vitest";
import { checkGrounding, extractFacts } from "./check-grounding.js";

describe("extractFacts", () => {
  it("finds numbers with their units and document numbers", () => {
    expect(extractFacts("承诺5个工作日办结，依据国发〔2024〕3号。")).toEqual(["国发〔2024〕3号", "5个工作日"]);
    expect(extractFacts("面积超过300平方米或投资额超过30万元")).toEqual(["300平方米", "30万元"]);
    // Numbers written in Chinese are facts too.
    expect(extractFacts("新生儿未满一周岁")).toEqual(["一周岁"]);
    expect(extractFacts("三个工作日内")).toEqual(["三个工作日"]);
    expect(extractFacts("需要带上户口簿。")).toEqual([]);
    expect(extractFacts("3个工作日内同步")).toEqual(["3个工作日"]);
  });

  it("sees full-width digits as digits", () => {
    expect(extractFacts("５个工作日")).toEqual(["5个工作日"]);
  });
});

describe("checkGrounding", () => {
  const quote = "承诺办结时限：5个工作日";

  it("keeps a sentence whose numbers are in its quote", () => {
    const result = checkGrounding([{ text: "这项业务承诺5个工作日办结。", quotes: [quote] }]);
    expect(result.unsupported).toEqual([]);
    expect(result.supported).toHaveLength(1);
  });

  it("rejects a sentence whose number is not in its quote (an invented time limit)", () => {
    const result = checkGrounding([{ text: "这项业务承诺3个工作日办结。", quotes: [quote] }]);
    expect(result.supported).toEqual([]);
    expect(result.unsupported[0]).toMatchObject({ reason: "fact_not_in_quote", facts: ["3个工作日"] });
  });

  it("rejects a sentence with no citation, even without numbers", () => {
    const result = checkGrounding([{ text: "需要带上户口簿。", quotes: [] }]);
    expect(result.unsupported[0]?.reason).toBe("no_citation");
  });

  it("rejects an invented document number", () => {
    const result = checkGrounding([
      { text: "依据国发〔2025〕9号办理。", quotes: ["国务院关于……的指导意见（国发〔2024〕3号）"] },
    ]);
    expect(result.unsupported[0]?.facts).toEqual(["国发〔2025〕9号"]);
  });

  it("matches traditional quotes after normalisation", () => {
    const result = checkGrounding([{ text: "2022年底前完成。", quotes: ["2022年底前，國家、省、市、縣四級"] }]);
    expect(result.supported).toHaveLength(1);
  });
});
