// What a perfect prefill would give for a generated case, from the generator's truth: the values
// each readable document really carries for each form field (through the same source table the
// engine uses, so the eval scores reading and resolving, not the table), the planted conflicts,
// and the values derivable from them.
import {
  type CaseRequirements,
  checkFieldValue,
  JOB_POSITION_SCENARIO,
  resolveFieldSources,
} from "../../src/prereview/index.js";
import type { PrereviewCase } from "../prereview/generator/index.js";

export interface FieldTruth {
  name: string;
  /** Some readable document states it, or it is derivable from such values. */
  fillable: boolean;
  /** Two readable documents state different values: the prefill must show a conflict. */
  plantedConflict: boolean;
  /** The one true value (absent for conflicts and unfillable fields). */
  expected?: string;
  /** The true value fails its check (a planted wrong check character): it must be offered with the problem. */
  expectedInvalid: boolean;
  /** Where the value comes from: the first document type stating it, or `derived`, or `none`. */
  origin: string;
}

const clean = (value: string) => value.replace(/\s+/g, "");

export function prefillTruth(item: PrereviewCase, requirements: CaseRequirements, referenceDate: string): FieldTruth[] {
  const sources = resolveFieldSources(requirements);
  const documentTypeOf = new Map(requirements.materials.map((material) => [material.id, material.documentType]));
  const stated = new Map<string, { value: string; documentType: string }[]>();
  for (const field of requirements.formFields)
    for (const source of sources.get(field.name) ?? [])
      for (const file of item.files) {
        const materialId = file.actualMaterialId ?? file.materialId;
        if (file.unreadable || materialId !== source.materialId) continue;
        for (const truth of file.truth) {
          if (truth.documentType !== (source.documentType ?? documentTypeOf.get(materialId))) continue;
          const value = truth.fields[source.field];
          if (value)
            stated.set(field.name, [
              ...(stated.get(field.name) ?? []),
              { value: clean(value), documentType: truth.documentType },
            ]);
        }
      }
  const single = (name: string) => {
    const values = new Set((stated.get(name) ?? []).map((entry) => entry.value));
    return values.size === 1 ? [...values][0] : undefined;
  };
  const idNumber = single("idNumber");
  const idValid =
    idNumber !== undefined && !checkFieldValue({ name: "idNumber", type: "id_number" }, idNumber, referenceDate);
  const sex = single("sex") ?? (idValid ? item.form.sex : undefined);
  const derivable: Record<string, boolean> = {
    sex: idValid,
    birthDate: idValid,
    retirementCategory: sex === "男" || (sex === "女" && Boolean(item.scenario[JOB_POSITION_SCENARIO])),
  };
  return requirements.formFields.map((field): FieldTruth => {
    const entries = stated.get(field.name) ?? [];
    const values = [...new Set(entries.map((entry) => entry.value))];
    if (values.length > 1)
      return {
        name: field.name,
        fillable: true,
        plantedConflict: true,
        expectedInvalid: false,
        origin: entries[0]?.documentType ?? "none",
      };
    const derived = values.length === 0 && derivable[field.name] && item.form[field.name] !== undefined;
    const expected = values[0] ?? (derived ? item.form[field.name] : undefined);
    return {
      name: field.name,
      fillable: expected !== undefined,
      plantedConflict: false,
      expected,
      expectedInvalid: expected !== undefined && Boolean(checkFieldValue(field, expected, referenceDate)),
      origin: entries[0]?.documentType ?? (derived ? "derived" : "none"),
    };
  });
}
