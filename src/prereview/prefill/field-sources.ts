import type { PrereviewRule, ValueSource } from "../../catalog/index.js";
import { prefillsField } from "../document-types/document-type-data.js";
import type { CaseRequirements } from "../rules/case-requirements.js";

/** A document field that states a form field: the material it belongs to and the field's name there. */
export interface DocumentFieldSource {
  materialId: string;
  /** The material's document type: documents of another type assigned to it are not read for prefill. */
  documentType?: string;
  field: string;
}

/** The value groups a rule compares (each group: sources that state the same value). */
function valueGroups(rule: PrereviewRule): ValueSource[][] {
  switch (rule.kind) {
    case "consistency":
      return [rule.sources];
    case "retirement_age":
      return [rule.birthDate, rule.sex];
    case "age_limit":
      return [rule.birthDate];
  }
}

/**
 * Which document fields can fill each form field, from the rules declared in knowledge/: a form field
 * and material fields in one group state the same value. A form field no rule names is filled from a
 * field of the same name on the applicant's own materials (those grouped with the form's `name` or
 * `idNumber`), so 住址 and 联系电话 come from the ID card and the uploaded application form, then on
 * the other materials the rules read (新生儿性别 from the birth certificate's `childSex`); only fields
 * that describe the holder (not the type's `ownFields` in document-type-data.ts: the document's own
 * number, issuer or validity).
 */
export function resolveFieldSources(requirements: CaseRequirements): Map<string, DocumentFieldSource[]> {
  const documentTypeOf = new Map(requirements.materials.map((material) => [material.id, material.documentType]));
  const sources = new Map<string, DocumentFieldSource[]>();
  const applicantMaterials = new Set<string>();
  const ruleMaterials = new Set<string>();
  const add = (formField: string, source: DocumentFieldSource) => {
    const list = sources.get(formField) ?? [];
    if (!list.some((item) => item.materialId === source.materialId && item.field === source.field)) list.push(source);
    sources.set(formField, list);
  };
  for (const rule of requirements.rules)
    for (const group of valueGroups(rule)) {
      const formFields = group.flatMap((source) => ("form" in source ? [source.form] : []));
      const materials = group.flatMap((source) => ("material" in source ? [source] : []));
      for (const formField of formFields)
        for (const material of materials) {
          add(formField, {
            materialId: material.material,
            documentType: documentTypeOf.get(material.material),
            field: material.field,
          });
          if (formField === "name" || formField === "idNumber") applicantMaterials.add(material.material);
        }
      for (const material of materials) ruleMaterials.add(material.material);
    }
  // The applicant's own materials first: their value is the applicant's.
  const fallback = [...applicantMaterials, ...[...ruleMaterials].filter((id) => !applicantMaterials.has(id))];
  for (const formField of requirements.formFields)
    if (!sources.has(formField.name))
      for (const materialId of fallback) {
        const documentType = documentTypeOf.get(materialId);
        if (prefillsField(documentType, formField.name))
          add(formField.name, { materialId, documentType, field: formField.name });
      }
  return sources;
}
