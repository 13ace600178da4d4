import { z } from "zod";
import { EvidenceSchema } from "../evidence.js";
import { FormFieldDescriptionSchema } from "./describe-form.js";

/** Derivation rules (derivation-rules.ts): one id per rule, named in each derived value's source. */
export const DerivationRuleIdSchema = z.enum([
  "sex_from_id_number",
  "birth_date_from_id_number",
  "retirement_category_from_sex_and_job",
  "child_age_from_birth_date",
]);
export type DerivationRuleId = z.infer<typeof DerivationRuleIdSchema>;

/** Where a proposed value came from. */
export const PrefillSourceSchema = z.discriminatedUnion("kind", [
  /** Read from an uploaded document: which one, which of its fields, and the evidence box on the page. */
  z.object({
    kind: z.literal("document"),
    documentId: z.string(),
    documentType: z.string(),
    /** The document type's Chinese name (居民身份证). */
    documentName: z.string(),
    materialId: z.string().optional(),
    field: z.string(),
    evidence: EvidenceSchema,
  }),
  /** An answer to one of the bundle's scenario questions (chat or form). */
  z.object({ kind: z.literal("scenario"), scenarioId: z.string(), answer: z.string() }),
  /** The signed-in portal user's profile (from the portal's signed token). */
  z.object({ kind: z.literal("portal_profile"), claim: z.enum(["name", "idNumber"]) }),
  /** What the applicant already typed into the form. */
  z.object({ kind: z.literal("applicant") }),
  /** Computed from other values by a derivation rule. */
  z.object({ kind: z.literal("derived"), rule: DerivationRuleIdSchema, from: z.array(z.string()) }),
]);
export type PrefillSource = z.infer<typeof PrefillSourceSchema>;

/** Why a value cannot be accepted as it is: a stable code and a Chinese sentence. */
export const ValueProblemSchema = z.object({
  code: z.enum([
    "date_impossible",
    "date_in_future",
    "id_check_digit",
    "id_format",
    "id_birth_date",
    "credit_code",
    "phone",
    "choice",
    /** The reading is too doubtful to fill as it is (below PREFILL_THRESHOLDS.lowConfidence). */
    "low_confidence",
  ]),
  message: z.string(),
});
export type ValueProblem = z.infer<typeof ValueProblemSchema>;

/** One value some source proposes for a field. */
export const PrefillCandidateSchema = z.object({
  value: z.string(),
  source: PrefillSourceSchema,
  /** 0..1. */
  confidence: z.number(),
  /** Set when the value fails its check: it is offered with the problem, never as valid. */
  problem: ValueProblemSchema.optional(),
});
export type PrefillCandidate = z.infer<typeof PrefillCandidateSchema>;

/**
 * `filled`: the sources that have a value agree and it passes its check; `needs_check`: a value is
 * offered but fails its check (`problem` names why); `conflict`: sources disagree, no value is chosen;
 * `unfilled`: no source has a value.
 */
export const PrefillStatusSchema = z.enum(["filled", "needs_check", "conflict", "unfilled"]);
export type PrefillStatus = z.infer<typeof PrefillStatusSchema>;

export const PrefilledFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  /** The form field's type, which an edited value is checked against (absent in reports made before it). */
  type: FormFieldDescriptionSchema.shape.type.optional(),
  /** For a choice: the values and their labels. */
  choices: FormFieldDescriptionSchema.shape.choices,
  status: PrefillStatusSchema,
  /** The proposed value (absent for `conflict` and `unfilled`). */
  value: z.string().optional(),
  /** For a choice, the label of the chosen value. */
  valueLabel: z.string().optional(),
  /** The first source of the value; all of them are in `candidates`. */
  source: PrefillSourceSchema.optional(),
  /** 0..1; 0 when there is no value. */
  confidence: z.number(),
  problem: ValueProblemSchema.optional(),
  /** Every value proposed, agreeing or not (a conflict lists both sides). */
  candidates: z.array(PrefillCandidateSchema),
  /** For `unfilled` and `conflict`: what the applicant or clerk should do, in Chinese. */
  note: z.string().optional(),
});
export type PrefilledField = z.infer<typeof PrefilledFieldSchema>;

/** A derived fact that is not a form field (the child's age), shown to the clerk. */
export const PrefillFactSchema = z.object({
  name: z.string(),
  label: z.string(),
  value: z.string(),
  source: PrefillSourceSchema,
});
export type PrefillFact = z.infer<typeof PrefillFactSchema>;

export const PrefillResultSchema = z
  .object({
    bundleId: z.string().optional(),
    matterId: z.string().optional(),
    title: z.string(),
    /** YYYY-MM-DD that dates were checked against. */
    referenceDate: z.string(),
    fields: z.array(PrefilledFieldSchema),
    facts: z.array(PrefillFactSchema),
    /** Names of fields whose sources disagree. */
    conflicts: z.array(z.string()),
    /** Names of fields no source could fill. */
    unfilled: z.array(z.string()),
    counts: z.object({
      fields: z.number(),
      filled: z.number(),
      needsCheck: z.number(),
      conflict: z.number(),
      unfilled: z.number(),
    }),
  })
  .meta({ id: "PrefillResult" });
export type PrefillResult = z.infer<typeof PrefillResultSchema>;
