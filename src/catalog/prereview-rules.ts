import { z } from "zod";
import { IdSchema, NonEmptyTextSchema } from "./common.js";
import { ReviewPointRefSchema } from "./review-point.js";

// Pre-review rules, declared as data next to the matter (or bundle) they belong to and evaluated
// by one engine in src/prereview. Checks that hold for every matter (completeness, document type
// and sides, ID check digits, expiry, credit codes, readability) are built into the engine; a
// matter declares only what is particular to it: which values must agree, and who is eligible.

/** Field name as in src/prereview/document-types/document-type-data.ts, or a form field name. */
const FieldNameSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, "expected a camelCase field name");

/** Where a value comes from: a form field, or a field read from the document of a material. */
export const ValueSourceSchema = z.union([
  z.object({ form: FieldNameSchema }).strict(),
  z.object({ material: IdSchema, field: FieldNameSchema }).strict(),
]);
export type ValueSource = z.infer<typeof ValueSourceSchema>;

/** Applies only for these scenario answers (omitted: always). */
const ScenarioConditionSchema = z.object({ scenario: IdSchema, values: z.array(IdSchema).min(1) }).strict();
export type ScenarioCondition = z.infer<typeof ScenarioConditionSchema>;

/** `consistency.<name>` or `eligibility.<name>`: findings carry it, evals score by it. */
export const DeclaredRuleIdSchema = z.templateLiteral(
  [z.enum(["consistency", "eligibility"]), ".", z.string().regex(/^[a-z0-9_]+$/)],
  { error: "expected 'consistency.<name>' or 'eligibility.<name>'" },
);
export type DeclaredRuleId = z.infer<typeof DeclaredRuleIdSchema>;

const RuleBaseShape = {
  id: DeclaredRuleIdSchema,
  /** What is checked, in Chinese, shown to the clerk. */
  description: NonEmptyTextSchema,
  /** The guide's condition or legal basis the rule rests on. */
  basis: NonEmptyTextSchema.optional(),
  when: ScenarioConditionSchema.optional(),
  unless: ScenarioConditionSchema.optional(),
  /** The 审查要点 this rule enforces: a material of this matter or bundle and one of its points. */
  reviewPoints: z.array(ReviewPointRefSchema).optional(),
};

/** The same value must appear wherever it is stated (form and documents). */
export const ConsistencyRuleSchema = z
  .object({
    ...RuleBaseShape,
    kind: z.literal("consistency"),
    /** What the value is, in Chinese ("姓名"), for the message. */
    label: NonEmptyTextSchema,
    compare: z.enum(["text", "id_number", "date", "code"]).default("text"),
    /**
     * The first material source is the authority: a finding names its material, and the notice
     * asks to correct the others to match it.
     */
    sources: z.array(ValueSourceSchema).min(2, "expected at least two sources to compare"),
  })
  .strict();

/** Statutory retirement age after the 2025 reform must be reached by the reference date. */
export const RetirementAgeRuleSchema = z
  .object({
    ...RuleBaseShape,
    kind: z.literal("retirement_age"),
    /** Sources in order of preference; the first one present is used. */
    birthDate: z.array(ValueSourceSchema).min(1),
    sex: z.array(ValueSourceSchema).min(1),
    /** Form field holding male | female_cadre | female_worker; women without it need a human. */
    category: ValueSourceSchema.optional(),
  })
  .strict();

/** An age bound on a person (a child under one year for 新生儿出生). */
export const AgeLimitRuleSchema = z
  .object({
    ...RuleBaseShape,
    kind: z.literal("age_limit"),
    /** Whose age, in Chinese ("新生儿"). */
    subject: NonEmptyTextSchema,
    birthDate: z.array(ValueSourceSchema).min(1),
    /** The age must be below this many months at the reference date. */
    belowMonths: z.number().int().positive().optional(),
    /** The age must be at least this many months. */
    atLeastMonths: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((rule) => rule.belowMonths !== undefined || rule.atLeastMonths !== undefined, {
    message: "expected belowMonths or atLeastMonths",
  });

export const PrereviewRuleSchema = z.union([ConsistencyRuleSchema, RetirementAgeRuleSchema, AgeLimitRuleSchema]);
export type PrereviewRule = z.infer<typeof PrereviewRuleSchema>;
export type ConsistencyRule = z.infer<typeof ConsistencyRuleSchema>;
export type RetirementAgeRule = z.infer<typeof RetirementAgeRuleSchema>;
export type AgeLimitRule = z.infer<typeof AgeLimitRuleSchema>;

/** A form field the matter's application asks for (for validation now, prefill later). */
export const FormFieldSchema = z
  .object({
    name: FieldNameSchema,
    label: NonEmptyTextSchema,
    required: z.boolean().default(false),
    type: z.enum(["text", "date", "id_number", "credit_code", "phone", "choice"]).default("text"),
    choices: z.array(z.object({ value: z.string(), label: NonEmptyTextSchema }).strict()).optional(),
  })
  .strict();
export type FormField = z.infer<typeof FormFieldSchema>;

/** The `prereview` section of a matter or bundle file. */
export const PrereviewSpecSchema = z
  .object({
    form: z.array(FormFieldSchema).default([]),
    rules: z.array(PrereviewRuleSchema).default([]),
  })
  .strict();
export type PrereviewSpec = z.infer<typeof PrereviewSpecSchema>;

/** Every value source a rule reads. */
export function ruleSources(rule: PrereviewRule): ValueSource[] {
  switch (rule.kind) {
    case "consistency":
      return rule.sources;
    case "retirement_age":
      return [...rule.birthDate, ...rule.sex, ...(rule.category ? [rule.category] : [])];
    case "age_limit":
      return rule.birthDate;
  }
}
