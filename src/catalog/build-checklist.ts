import { z } from "zod";
import { AppError } from "../errors.js";
import type { Bundle, Scenario } from "./bundle.js";
import { type Channel, formatTimeLimit, type TimeLimit } from "./common.js";
import {
  bundleSections,
  describeChannel,
  describeMaterial,
  describeScenarioOption,
  type GuideSection,
  matterSections,
} from "./guide-sections.js";
import type { Catalog } from "./load-catalog.js";
import { ExemptionSchema, type Material, MaterialFormSchema } from "./matter.js";

/** Where a checklist item comes from: a guide section and the line of it that states the item. */
export const CitationSchema = z
  .object({
    /** `matter:<id>#materials`: the document and section, as the search index names passages. */
    id: z.string(),
    documentId: z.string(),
    title: z.string(),
    sectionPath: z.array(z.string()),
    /** The line of the guide, verbatim, that supports the item. */
    quote: z.string(),
  })
  .meta({ id: "Citation" });
export type Citation = z.infer<typeof CitationSchema>;

/** Answers to a bundle's scenario questions: scenario id → option value. */
export const ScenarioAnswersSchema = z.record(z.string().max(100), z.string().max(100));
export type ScenarioAnswers = z.infer<typeof ScenarioAnswersSchema>;

const CitedTextSchema = z.object({ text: z.string(), citation: CitationSchema });
const ConditionSchema = z
  .object({ scenarioId: z.string(), question: z.string(), when: z.array(z.string()) })
  .meta({ description: "Applies only for these answers to a question not answered yet" });

export const ChecklistMatterSchema = z.object({
  id: z.string(),
  name: z.string(),
  department: z.string(),
  conditional: ConditionSchema.optional(),
  timeLimits: z.array(CitedTextSchema.extend({ kind: z.enum(["legal", "promised"]) })),
  fee: CitedTextSchema.optional(),
  channels: z.array(CitedTextSchema),
  crossProvince: z.object({ citation: CitationSchema }).optional(),
  citation: CitationSchema,
});
export type ChecklistMatter = z.infer<typeof ChecklistMatterSchema>;

export const ChecklistMaterialSchema = z.object({
  id: z.string(),
  name: z.string(),
  form: MaterialFormSchema.optional(),
  copies: z.number().optional(),
  exempt: ExemptionSchema.optional(),
  deferrable: z.boolean(),
  note: z.string().optional(),
  /** Matters of the checklist that ask for it (empty for a material a scenario answer adds). */
  matterIds: z.array(z.string()),
  conditional: ConditionSchema.optional(),
  citations: z.array(CitationSchema),
});
export type ChecklistMaterial = z.infer<typeof ChecklistMaterialSchema>;

export const PendingScenarioSchema = z.object({
  id: z.string(),
  question: z.string(),
  help: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
});
export type PendingScenario = z.infer<typeof PendingScenarioSchema>;

/** 一次告知单: everything one applicant needs for their situation, each item cited. */
export const ChecklistSchema = z
  .object({
    bundleId: z.string(),
    bundleName: z.string(),
    /** True when every question that applies has an answer. */
    complete: z.boolean(),
    answers: z.array(
      z.object({
        scenarioId: z.string(),
        question: z.string(),
        value: z.string(),
        label: z.string(),
        citation: CitationSchema,
      }),
    ),
    /** Questions that apply but have no answer yet, in the order to ask them. */
    pending: z.array(PendingScenarioSchema),
    matters: z.array(ChecklistMatterSchema),
    /** Merged and de-duplicated by material id. */
    materials: z.array(ChecklistMaterialSchema),
    /** Materials the office fetches itself (电子证照/数据共享): listed, not asked for. */
    exemptMaterialIds: z.array(z.string()),
    timeLimit: CitedTextSchema.optional(),
    channels: z.array(CitedTextSchema),
    notes: z.array(CitedTextSchema),
  })
  .meta({ id: "Checklist" });
export type Checklist = z.infer<typeof ChecklistSchema>;

export interface BuildChecklistOptions {
  catalog: Pick<Catalog, "bundles" | "matters">;
  bundleId: string;
  answers?: ScenarioAnswers;
}

/** The applicable scenario questions in order, given the answers so far (askIf respected). */
export function applicableScenarios(bundle: Bundle, answers: ScenarioAnswers): Scenario[] {
  return bundle.scenarios.filter(
    (scenario) => !scenario.askIf || scenario.askIf.values.includes(answers[scenario.askIf.scenario] ?? ""),
  );
}

function hasEffect(scenario: Scenario): boolean {
  return scenario.options.some(
    (option) =>
      !!option.addMatters?.length ||
      !!option.removeMatters?.length ||
      !!option.addMaterials?.length ||
      !!option.removeMaterials?.length,
  );
}

/**
 * The questions worth asking, in order: applicable (askIf), unanswered, and either changing the
 * checklist themselves or deciding whether a later question that does is asked. A question whose
 * answers change nothing is never put to the person.
 */
export function scenariosToAsk(bundle: Bundle, answers: ScenarioAnswers): Scenario[] {
  const gates = new Set(bundle.scenarios.flatMap((scenario) => (scenario.askIf ? [scenario.askIf.scenario] : [])));
  return applicableScenarios(bundle, answers).filter(
    (scenario) => answers[scenario.id] === undefined && (hasEffect(scenario) || gates.has(scenario.id)),
  );
}

/**
 * Builds the checklist of a bundle for the answers given. Unanswered questions are listed as
 * pending; what they could add is included and marked conditional, so skipping the questions
 * still yields the full list. Unknown questions or answers are a bad request.
 */
export function buildChecklist(options: BuildChecklistOptions): Checklist {
  const { catalog, bundleId } = options;
  const answers = options.answers ?? {};
  const bundle = catalog.bundles.get(bundleId);
  if (!bundle) throw new AppError("not_found", `没有编号为 ${bundleId} 的“一件事”`);
  validateAnswers(bundle, answers);

  const bundleCite = citer(`bundle:${bundle.id}`, bundle.name, bundleSections(bundle, catalog));
  const included = new Set(bundle.matters.filter((entry) => !entry.optional).map((entry) => entry.matterId));
  const removedMatters = new Set<string>();
  const addedMaterials = new Map<string, ChecklistMaterial["conditional"] | undefined>();
  const removedMaterials = new Set<string>();
  const conditionalMatters = new Map<string, ChecklistMatter["conditional"]>();
  const checklistAnswers: Checklist["answers"] = [];
  const pending: PendingScenario[] = [];
  const notes: Checklist["notes"] = [];

  const toAsk = new Set(scenariosToAsk(bundle, answers).map((scenario) => scenario.id));
  for (const scenario of applicableScenarios(bundle, answers)) {
    const value = answers[scenario.id];
    const option = scenario.options.find((candidate) => candidate.value === value);
    if (!option) {
      if (!toAsk.has(scenario.id)) continue;
      pending.push({
        id: scenario.id,
        question: scenario.question,
        help: scenario.help,
        options: scenario.options.map(({ value: optionValue, label }) => ({ value: optionValue, label })),
      });
      // Skipped for now: what any answer could add is shown, marked with its condition.
      for (const candidate of scenario.options) {
        const condition = { scenarioId: scenario.id, question: scenario.question, when: [candidate.label] };
        for (const id of candidate.addMatters ?? []) mergeCondition(conditionalMatters, id, condition);
        for (const id of candidate.addMaterials ?? []) {
          const existing = addedMaterials.get(id);
          addedMaterials.set(id, existing ? { ...existing, when: [...existing.when, candidate.label] } : condition);
        }
      }
      continue;
    }
    const line = describeScenarioOption(scenario, option, catalog, bundle);
    const citation = bundleCite("scenarios", line);
    checklistAnswers.push({
      scenarioId: scenario.id,
      question: scenario.question,
      value: option.value,
      label: option.label,
      citation,
    });
    for (const id of option.addMatters ?? []) included.add(id);
    for (const id of option.removeMatters ?? []) removedMatters.add(id);
    for (const id of option.addMaterials ?? []) addedMaterials.set(id, undefined);
    for (const id of option.removeMaterials ?? []) removedMaterials.add(id);
    if (option.note) notes.push({ text: option.note, citation });
  }

  const matters: ChecklistMatter[] = [];
  const materials = new Map<string, ChecklistMaterial>();
  for (const entry of bundle.matters) {
    const conditional = conditionalMatters.get(entry.matterId);
    const applies = included.has(entry.matterId) || conditional !== undefined;
    if (!applies || removedMatters.has(entry.matterId)) continue;
    const matter = catalog.matters.get(entry.matterId);
    if (!matter) continue;
    const cite = citer(`matter:${matter.id}`, matter.name, matterSections(matter));
    const isConditional = !included.has(entry.matterId);
    matters.push({
      id: matter.id,
      name: matter.name,
      department: matter.department,
      conditional: isConditional ? conditional : undefined,
      timeLimits: (["legal", "promised"] as const).flatMap((kind) => {
        const limit: TimeLimit | undefined = matter.timeLimits?.[kind];
        if (!limit) return [];
        const text = `${kind === "legal" ? "法定办结时限" : "承诺办结时限"}：${formatTimeLimit(limit)}`;
        return [{ kind, text, citation: cite("time-fee", text) }];
      }),
      fee: matter.fee
        ? (() => {
            const text = matter.fee.free ? "收费标准：不收费" : `收费标准：${matter.fee.note ?? "收费"}`;
            return { text, citation: cite("time-fee", text) };
          })()
        : undefined,
      channels: (matter.channels ?? []).map((channel: Channel) => {
        const text = describeChannel(channel);
        return { text, citation: cite("channels", text) };
      }),
      crossProvince: matter.crossProvince ? { citation: cite("channels", "支持跨省通办") } : undefined,
      citation: cite("overview", `${matter.name}：${matter.summary}`),
    });
    matter.materials.forEach((material, index) => {
      if (removedMaterials.has(material.id)) return;
      const citation = cite("materials", `${index + 1}. ${describeMaterial(material)}`);
      const existing = materials.get(material.id);
      if (existing) {
        existing.matterIds.push(matter.id);
        existing.citations.push(citation);
        // Needed unconditionally by any matter → needed unconditionally.
        if (!isConditional) existing.conditional = undefined;
        existing.deferrable &&= material.deferrable === true;
        return;
      }
      materials.set(material.id, {
        ...materialFields(material),
        matterIds: [matter.id],
        conditional: isConditional ? conditional : undefined,
        citations: [citation],
      });
    });
  }
  (bundle.extraMaterials ?? []).forEach((material, index) => {
    if (!addedMaterials.has(material.id) || removedMaterials.has(material.id) || materials.has(material.id)) return;
    materials.set(material.id, {
      ...materialFields(material),
      matterIds: [],
      conditional: addedMaterials.get(material.id),
      citations: [bundleCite("extra-materials", `${index + 1}. ${describeMaterial(material)}`)],
    });
  });

  const promised = bundle.timeLimits?.promised;
  const list = [...materials.values()];
  return {
    bundleId: bundle.id,
    bundleName: bundle.name,
    complete: pending.length === 0,
    answers: checklistAnswers,
    pending,
    matters,
    materials: list,
    exemptMaterialIds: list.filter((material) => material.exempt).map((material) => material.id),
    timeLimit: promised
      ? (() => {
          const text = `承诺办结时限：${formatTimeLimit(promised)}`;
          return { text, citation: bundleCite("time-channels", text) };
        })()
      : undefined,
    channels: (bundle.channels ?? []).map((channel) => {
      const text = describeChannel(channel);
      return { text, citation: bundleCite("time-channels", text) };
    }),
    notes,
  };
}

function materialFields(material: Material) {
  return {
    id: material.id,
    name: material.name,
    form: material.form,
    copies: material.copies,
    exempt: material.exempt,
    deferrable: material.deferrable === true,
    note: material.note,
  };
}

function mergeCondition(
  map: Map<string, ChecklistMatter["conditional"]>,
  id: string,
  condition: NonNullable<ChecklistMatter["conditional"]>,
) {
  const existing = map.get(id);
  map.set(id, existing ? { ...existing, when: [...existing.when, ...condition.when] } : condition);
}

/** Makes citations to one document's sections; the quote must be a line of that section. */
function citer(documentId: string, title: string, sections: GuideSection[]) {
  return (key: string, quote: string): Citation => {
    const section = sections.find((candidate) => candidate.key === key);
    if (!section?.lines.includes(quote))
      throw new AppError("internal", `citation quote not found in ${documentId}#${key}: ${quote}`);
    return { id: `${documentId}#${key}`, documentId, title, sectionPath: [section.heading], quote };
  };
}

function validateAnswers(bundle: Bundle, answers: ScenarioAnswers): void {
  for (const [scenarioId, value] of Object.entries(answers)) {
    const scenario = bundle.scenarios.find((candidate) => candidate.id === scenarioId);
    if (!scenario)
      throw new AppError("bad_request", `“${bundle.shortName}”没有编号为 ${scenarioId} 的情形问题`, {
        details: { scenarioId, known: bundle.scenarios.map((candidate) => candidate.id) },
      });
    if (!scenario.options.some((option) => option.value === value))
      throw new AppError("bad_request", `情形问题“${scenario.question}”没有“${value}”这个选项`, {
        details: { scenarioId, value, options: scenario.options.map((option) => option.value) },
      });
  }
}
