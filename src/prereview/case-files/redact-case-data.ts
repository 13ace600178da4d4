import { maskPersonalText } from "../../mask-personal-data.js";

/** What replaces a personal value at retention. */
export const REDACTED = "[已清除]";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/**
 * The report and form as kept after the retention period: what was read from the documents (field values,
 * raw text, evidence lines), the prefilled form, the form's values and the file names are gone; the verdict, the findings'
 * rules and severities and the structure stay for statistics and the clerk's record. Findings' messages and
 * details keep their wording with the values that were read (and any ID/phone number) blanked out.
 * Works on the stored JSON tolerantly: unknown shapes pass through with strings masked.
 */
export function redactCaseData(data: { report?: Json; form: Record<string, string> }): {
  report?: Json;
  form: Record<string, string>;
} {
  const form = Object.fromEntries(Object.keys(data.form).map((key) => [key, REDACTED]));
  if (!data.report) return { form };
  const report = structuredClone(data.report);

  // Everything personal that was read or typed, longest first, to blank it out of free text.
  const values = new Set<string>(Object.values(data.form));
  for (const document of objects(report.documents))
    for (const field of objects(document.fields)) {
      for (const key of ["value", "raw"] as const) {
        if (typeof field[key] === "string") values.add(field[key]);
        field[key] = REDACTED;
      }
      if (isObject(field.evidence)) {
        if (typeof field.evidence.text === "string") values.add(field.evidence.text);
        field.evidence.text = REDACTED;
      }
    }
  // The prefilled form is the applicant's values and where they were read: none of it is kept.
  delete report.prefill;
  for (const file of objects(report.files)) {
    if (typeof file.originalName === "string") values.add(file.originalName);
    file.originalName = REDACTED;
  }
  for (const finding of objects(report.findings))
    for (const evidence of objects(finding.evidence)) {
      if (typeof evidence.text === "string") values.add(evidence.text);
      evidence.text = REDACTED;
    }

  const blanks = [...values].map((value) => value.trim()).filter((value) => value.length >= 2 && value !== REDACTED);
  blanks.sort((a, b) => b.length - a.length);
  const blank = (text: string) => {
    let result = text;
    for (const value of blanks) result = result.split(value).join("＊＊");
    return maskPersonalText(result);
  };
  for (const finding of objects(report.findings))
    for (const key of ["message", "detail"] as const)
      if (typeof finding[key] === "string") finding[key] = blank(finding[key]);
  if (typeof report.summary === "string") report.summary = blank(report.summary);
  return { report, form };
}
