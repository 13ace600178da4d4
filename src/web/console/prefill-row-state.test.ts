import { describe, expect, it } from "vitest";
import { prefillRowState } from "./prefill-row-state.js";

const doubtful = {
  status: "needs_check" as const,
  value: "62010219630512001X",
  problem: { code: "id_check_digit" as const, message: "公民身份号码校验位不正确" },
};
const conflict = {
  status: "conflict" as const,
  note: "材料之间不一致：王建国（居民身份证）、王建囯（申请表），请核对后填写",
};

describe("prefillRowState", () => {
  it("shows prefill's status, problem and note while its value is shown", () => {
    expect(prefillRowState(doubtful, doubtful.value)).toEqual({
      status: "需核对",
      problem: "公民身份号码校验位不正确",
      confidence: true,
      changed: false,
    });
    expect(prefillRowState(conflict, "")).toMatchObject({ status: "来源不一致", note: conflict.note });
  });

  it("drops prefill's problem and note once the clerk types another value, keeping what prefill said", () => {
    expect(prefillRowState(doubtful, "620102196305120016")).toEqual({
      status: "已修改，待确认（原预填：需核对）",
      confidence: false,
      changed: true,
    });
    expect(prefillRowState(conflict, " 王建国 ")).toEqual({
      status: "已修改，待确认（原预填：来源不一致）",
      confidence: false,
      changed: true,
    });
    expect(prefillRowState(doubtful, "").status).toBe("已清空（确认时不保存此项）");
  });

  it("shows a saved edit or confirmation as the clerk's, without prefill's problem", () => {
    expect(prefillRowState(conflict, "王建国", { decision: "edit", value: "王建国" })).toEqual({
      status: "工作人员已修改（原预填：来源不一致）",
      confidence: false,
      changed: true,
    });
    expect(prefillRowState(doubtful, doubtful.value, { decision: "confirm", value: doubtful.value }).status).toBe(
      "工作人员已确认（原预填：需核对）",
    );
    expect(
      prefillRowState({ status: "filled", value: "13812345678" }, "13812345678", {
        decision: "confirm",
        value: "13812345678",
      }).status,
    ).toBe("工作人员已确认");
  });

  it("shows a value typed over a saved one as waiting for confirmation", () => {
    expect(prefillRowState(conflict, "王建囯", { decision: "edit", value: "王建国" }).status).toBe(
      "已修改，待确认（原预填：来源不一致）",
    );
  });
});
