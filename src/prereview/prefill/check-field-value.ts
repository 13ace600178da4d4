import type { FormField } from "../../catalog/index.js";
import { isRealDate } from "../rules/dates.js";
import { validateCreditCode } from "../validate-credit-code.js";
import { validateIdNumber } from "../validate-id-number.js";
import type { ValueProblem } from "./prefill-result.js";

/** Mainland mobile numbers, or a landline with its area code. */
const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/**
 * Checks a value against its form field's type: a real date not after the reference date for birth
 * dates, an ID number's structure and check character, a credit code's check character, a phone
 * number, a listed choice. Returns the problem, or undefined for a value that passes.
 */
export function checkFieldValue(
  field: Pick<FormField, "name" | "type" | "choices">,
  value: string,
  referenceDate: string,
): ValueProblem | undefined {
  switch (field.type) {
    case "date":
      if (!isRealDate(value)) return { code: "date_impossible", message: `“${value}”不是有效的日期` };
      if (/birth/i.test(field.name) && value > referenceDate)
        return { code: "date_in_future", message: `出生日期${value}晚于申请日期${referenceDate}` };
      return undefined;
    case "id_number": {
      const check = validateIdNumber(value, new Date(`${referenceDate}T23:59:59Z`));
      if (check.valid) return undefined;
      if (check.problem === "check_digit")
        return {
          code: "id_check_digit",
          message: `公民身份号码的校验位不正确（按前17位应为${check.expectedCheck}），请核对号码`,
        };
      if (check.problem === "birth_date")
        return { code: "id_birth_date", message: "公民身份号码中的出生日期不是有效日期，请核对号码" };
      return { code: "id_format", message: "公民身份号码应为18位（最后一位可为X）" };
    }
    case "credit_code":
      return validateCreditCode(value).valid
        ? undefined
        : { code: "credit_code", message: "统一社会信用代码的格式或校验位不正确，请核对" };
    case "phone":
      return PHONE.test(value.replace(/\s/g, ""))
        ? undefined
        : { code: "phone", message: "联系电话应为11位手机号码或带区号的固定电话" };
    case "choice":
      return !field.choices || field.choices.some((choice) => choice.value === value)
        ? undefined
        : { code: "choice", message: `“${value}”不是可选的值` };
    default:
      return undefined;
  }
}
