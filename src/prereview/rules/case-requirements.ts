import {
  buildChecklist,
  type Catalog,
  type DocumentType,
  type FormField,
  type Material,
  type PrereviewRule,
  type ScenarioCondition,
} from "../../catalog/index.js";
import { AppError } from "../../errors.js";
import type { PrereviewRequest } from "../types.js";

/** One material the case is checked against. */
export interface RequiredMaterial {
  id: string;
  name: string;
  documentType?: DocumentType;
  /** Asked for in this scenario: neither exempt nor waiting on an unanswered question. */
  required: boolean;
  /** 容缺受理: may follow later under a commitment; missing is a warning. */
  deferrable: boolean;
  /** The office fetches it (电子证照/数据共享); an uploaded copy is still read and compared. */
  exempt: boolean;
  /** Applies only for an answer not given yet: not asked for, still read when uploaded. */
  conditional: boolean;
}

export interface CaseRequirements {
  /** The bundle's or matter's name, for the report and the notice. */
  title: string;
  materials: RequiredMaterial[];
  rules: PrereviewRule[];
  formFields: FormField[];
}

/**
 * The materials, rules and form fields of the case, for its scenario answers. A bundle's list is
 * its 一次告知单 (the same merge the chat uses); its rules are the bundle's own plus those of the
 * matters in the case, the bundle's winning when ids clash.
 */
export function resolveCaseRequirements(catalog: Catalog, request: PrereviewRequest): CaseRequirements {
  if (request.bundleId) {
    const bundle = catalog.bundles.get(request.bundleId);
    if (!bundle) throw new AppError("not_found", `未找到“一件事”：${request.bundleId}`);
    const checklist = buildChecklist({ catalog, bundleId: bundle.id, answers: request.scenario });
    const materialOf = (id: string): Material | undefined => {
      for (const matter of catalog.matters.values()) {
        const found = matter.materials.find((material) => material.id === id);
        if (found) return found;
      }
      return bundle.extraMaterials?.find((material) => material.id === id);
    };
    const materials = checklist.materials.map((item): RequiredMaterial => {
      const exempt = Boolean(item.exempt);
      const conditional = Boolean(item.conditional) || Boolean(materialOf(item.id)?.condition);
      return {
        id: item.id,
        name: item.name,
        documentType: materialOf(item.id)?.documentType,
        required: !exempt && !conditional,
        deferrable: item.deferrable,
        exempt,
        conditional,
      };
    });
    // Exempt materials dropped from the checklist by an answer are not read either; those the
    // checklist lists as exempt stay, so an uploaded 结婚证 is still compared.
    const matterIds = checklist.matters.map((matter) => matter.id);
    const rules = mergeRules([
      ...(bundle.prereview?.rules ?? []),
      ...matterIds.flatMap((id) => catalog.matters.get(id)?.prereview?.rules ?? []),
    ]).filter((rule) => appliesTo(rule, request.scenario));
    const formFields = mergeFormFields([
      ...(bundle.prereview?.form ?? []),
      ...matterIds.flatMap((id) => catalog.matters.get(id)?.prereview?.form ?? []),
    ]);
    return { title: bundle.name, materials, rules, formFields };
  }
  const matter = catalog.matters.get(request.matterId ?? "");
  if (!matter) throw new AppError("not_found", `未找到事项：${request.matterId}`);
  const materials = matter.materials.map(
    (material): RequiredMaterial => ({
      id: material.id,
      name: material.name,
      documentType: material.documentType,
      required: !material.exempt && !material.condition,
      deferrable: Boolean(material.deferrable),
      exempt: Boolean(material.exempt),
      conditional: Boolean(material.condition),
    }),
  );
  return {
    title: matter.name,
    materials,
    rules: (matter.prereview?.rules ?? []).filter((rule) => appliesTo(rule, request.scenario)),
    formFields: matter.prereview?.form ?? [],
  };
}

function matches(condition: ScenarioCondition, answers: Record<string, string>): boolean {
  return condition.values.includes(answers[condition.scenario] ?? "");
}

function appliesTo(rule: PrereviewRule, answers: Record<string, string>): boolean {
  if (rule.when && !matches(rule.when, answers)) return false;
  if (rule.unless && matches(rule.unless, answers)) return false;
  return true;
}

function mergeRules(rules: PrereviewRule[]): PrereviewRule[] {
  const byId = new Map<string, PrereviewRule>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  return [...byId.values()];
}

function mergeFormFields(fields: FormField[]): FormField[] {
  const byName = new Map<string, FormField>();
  for (const field of fields) if (!byName.has(field.name)) byName.set(field.name, field);
  return [...byName.values()];
}
