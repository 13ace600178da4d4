import { describe, expect, it } from "vitest";
import { idNumberFor } from "../rules/__fixtures__/case-builder.js";
import { checkFieldValue } from "./check-field-value.js";

const reference = "2026-06-01";

describe("checkFieldValue", () => {
  it("names an impossible date", () => {
    expect(checkFieldValue({ name: "birthDate", type: "date" }, "1990-02-30", reference)?.code).toBe("date_impossible");
    expect(checkFieldValue({ name: "birthDate", type: "date" }, "1990-02-28", reference)).toBeUndefined();
  });

  it("names a birth date after the reference date", () => {
    expect(checkFieldValue({ name: "childBirthDate", type: "date" }, "2026-07-01", reference)?.code).toBe(
      "date_in_future",
    );
  });

  it("names a wrong ID check character and says which one the number calls for", () => {
    const valid = idNumberFor("1965-02-10", "男");
    const wrong = valid.slice(0, 17) + (valid[17] === "1" ? "2" : "1");
    const problem = checkFieldValue({ name: "idNumber", type: "id_number" }, wrong, reference);
    expect(problem?.code).toBe("id_check_digit");
    expect(problem?.message).toContain(`应为${valid[17]}`);
    expect(checkFieldValue({ name: "idNumber", type: "id_number" }, valid, reference)).toBeUndefined();
  });

  it("names an ID number of the wrong length", () => {
    expect(checkFieldValue({ name: "idNumber", type: "id_number" }, "62010219650210", reference)?.code).toBe(
      "id_format",
    );
  });

  it("checks credit codes, phones and choices", () => {
    expect(checkFieldValue({ name: "creditCode", type: "credit_code" }, "91620102MA7XK3P2L1", reference)?.code).toBe(
      "credit_code",
    );
    expect(checkFieldValue({ name: "phone", type: "phone" }, "13812345678", reference)).toBeUndefined();
    expect(checkFieldValue({ name: "phone", type: "phone" }, "1381234", reference)?.code).toBe("phone");
    const sex = { name: "sex", type: "choice" as const, choices: [{ value: "男", label: "男" }] };
    expect(checkFieldValue(sex, "男", reference)).toBeUndefined();
    expect(checkFieldValue(sex, "M", reference)?.code).toBe("choice");
  });
});
