// The baseline the issue asks for: copy, for each form field, the first OCR value found after its
// label anywhere in the uploaded files — no document types, no checks, no second source.
import type { FormField } from "../../src/catalog/index.js";
import type { ExtractedFile } from "../../src/prereview/index.js";

/** Labels in forms often carry a role the documents do not print (申请人姓名 → 姓名). */
const ROLE_PREFIX = /^(申请人|经办人)/;

function normalise(field: FormField, text: string): string {
  const value = text.replace(/^[\s:：]+/, "").replace(/\s+/g, "");
  if (field.type === "date") {
    const match = /(\d{4})\D+(\d{1,2})\D+(\d{1,2})/.exec(value);
    if (match) return `${match[1]}-${match[2]?.padStart(2, "0")}-${match[3]?.padStart(2, "0")}`;
  }
  if (field.type === "choice") return field.choices?.find((choice) => choice.label === value)?.value ?? value;
  return value;
}

/** The first value after each label in reading order (the rest of the line, or the next line). */
export function firstLabelBaseline(
  formFields: readonly FormField[],
  extracted: readonly ExtractedFile[],
): Map<string, string> {
  const lines = extracted.flatMap((file) =>
    file.pages.flatMap((page) => page.lines.map((line) => line.text.replace(/\s+/g, ""))),
  );
  const values = new Map<string, string>();
  for (const field of formFields) {
    for (const label of [...new Set([field.label, field.label.replace(ROLE_PREFIX, "")])]) {
      const index = lines.findIndex((line) => line.includes(label));
      if (index < 0) continue;
      const line = lines[index] as string;
      const rest = line.slice(line.indexOf(label) + label.length);
      const value = normalise(field, rest.replace(/^[\s:：]+/, "") ? rest : (lines[index + 1] ?? ""));
      if (value) values.set(field.name, value);
      break;
    }
  }
  return values;
}
