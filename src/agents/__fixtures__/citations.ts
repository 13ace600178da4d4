import type { Citation } from "../../catalog/index.js";

/** Two guide sections the LLM tests cite: a time limit and a material list. */
export const TIME: Citation = {
  id: "matter:birth-certificate#time-fee",
  documentId: "matter:birth-certificate",
  title: "出生医学证明首次签发",
  sectionPath: ["办理时限与收费"],
  quote: "承诺办结时限：5个工作日\n收费标准：不收费",
};

export const MATERIALS: Citation = {
  id: "matter:birth-registration#materials",
  documentId: "matter:birth-registration",
  title: "出生登记",
  sectionPath: ["申请材料"],
  quote: "出生医学证明（原件）\n父母双方的居民身份证（原件）",
};
