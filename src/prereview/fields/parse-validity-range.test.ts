import { describe, expect, it } from "vitest";
import { parseValidityRange } from "./parse-validity-range.js";

describe("parseValidityRange", () => {
  it.each([
    ["2016.05.12-2036.05.12", { validFrom: "2016-05-12", validUntil: "2036-05-12" }],
    ["2016.05.12-长期", { validFrom: "2016-05-12", validUntil: "长期" }],
    ["2016.05.12一长期", { validFrom: "2016-05-12", validUntil: "长期" }],
    ["2016.05.12 - 长 朗", { validFrom: "2016-05-12", validUntil: "长期" }],
    ["20160512-20360512", { validFrom: "2016-05-12", validUntil: "2036-05-12" }],
    ["2015年05月12日至长期", { validFrom: "2015-05-12", validUntil: "长期" }],
    ["2015年05月12日至2035年05月11日", { validFrom: "2015-05-12", validUntil: "2035-05-11" }],
    ["至2030年01月01日", { validUntil: "2030-01-01" }],
    ["长期", { validUntil: "长期" }],
    ["2016.O5.l2-2O36.05.12", { validFrom: "2016-05-12", validUntil: "2036-05-12" }],
  ])("reads %s", (text, expected) => {
    expect(parseValidityRange(text)).toEqual(expected);
  });

  it("reads nothing from text without dates", () => {
    expect(parseValidityRange("北京市公安局")).toEqual({});
  });
});
