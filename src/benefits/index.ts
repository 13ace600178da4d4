// Policy matching (政策找人 / 免申即享): profiles in, for each benefit in knowledge/benefits a decision
// (eligible, possibly eligible with the facts still needed, not eligible) with reasons quoting the source.
// Pure: no I/O, no clock (the day to judge on is passed in), no logging of personal data.
export * from "./derive-facts.js";
export * from "./evaluate-condition.js";
export * from "./match-benefits.js";
export * from "./profile.js";
export * from "./resolve-profile.js";
export * from "./profile-sources.js";
export * from "./match-profile.js";
export * from "./csv.js";
export * from "./match-csv.js";
export * from "./profile-from-csv.js";
