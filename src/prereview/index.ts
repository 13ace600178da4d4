// Pre-review (智能预审). So far only the validators the rules need: GB 11643 ID numbers, GB 32100
// credit codes and the statutory retirement age after the 2025 reform.
export * from "./statutory-retirement-age.js";
export * from "./validate-credit-code.js";
export * from "./validate-id-number.js";
