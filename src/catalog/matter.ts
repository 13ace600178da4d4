import { z } from "zod";
import {
  ChannelSchema,
  IdSchema,
  NonEmptyTextSchema,
  SampleFlagSchema,
  SourcesSchema,
  TimeLimitSchema,
} from "./common.js";
import { PrereviewSpecSchema } from "./prereview-rules.js";
import { ReviewPointListSchema } from "./review-point.js";

/** 原件 / 复印件 and their combinations. */
export const MaterialFormSchema = z.enum(["original", "copy", "original_and_copy", "original_or_copy", "electronic"]);

/** Document types the pre-review can recognise; `other` when none fits. */
export const DocumentTypeSchema = z.enum([
  "id_card",
  "household_register",
  "marriage_certificate",
  "birth_medical_certificate",
  "business_licence",
  "application_form",
  "social_security_card",
  "bank_card",
  "disability_certificate",
  "death_certificate",
  "cremation_certificate",
  "residence_permit",
  "property_certificate",
  "lease_contract",
  "commitment_letter",
  "health_certificate",
  "photo",
  "vaccination_certificate",
  "medical_invoice",
  "driving_licence",
  "only_child_certificate",
  "other",
]);
export type DocumentType = z.infer<typeof DocumentTypeSchema>;

/** 四个免于提交: the office fetches the material itself. */
export const ExemptionSchema = z
  .object({
    by: z.enum(["e_licence", "data_sharing"]),
    note: NonEmptyTextSchema.optional(),
  })
  .strict();

export const MaterialSchema = z
  .object({
    /** Stable across matters: the same document has the same id everywhere, so bundles can merge lists. */
    id: IdSchema,
    name: NonEmptyTextSchema,
    form: MaterialFormSchema.optional(),
    copies: z.number().int().positive().optional(),
    /** Who produces it: the applicant, or a government body (then it can often be exempt). */
    origin: z.enum(["applicant", "government", "third_party"]).optional(),
    exempt: ExemptionSchema.optional(),
    /** 容缺受理: may follow later under a signed commitment. */
    deferrable: z.boolean().optional(),
    /** Needed only in this situation ("委托他人办理时"): not asked for by default, read when uploaded. */
    condition: NonEmptyTextSchema.optional(),
    documentType: DocumentTypeSchema.optional(),
    note: NonEmptyTextSchema.optional(),
    /** 审查要点: what a clerk checks on it (see review-point.ts). */
    reviewPoints: ReviewPointListSchema.optional(),
  })
  .strict();
export type Material = z.infer<typeof MaterialSchema>;

export const MatterTypeSchema = z.enum([
  "行政许可",
  "行政确认",
  "行政裁决",
  "行政给付",
  "行政奖励",
  "行政备案",
  "其他行政权力",
  "公共服务",
]);

/** A service guide (办事指南) of one matter. Unknown elements are left out, never guessed. */
export const MatterSchema = z
  .object({
    sample: SampleFlagSchema,
    id: IdSchema,
    name: NonEmptyTextSchema,
    aliases: z.array(NonEmptyTextSchema).default([]),
    code: NonEmptyTextSchema.optional(),
    type: MatterTypeSchema.optional(),
    department: NonEmptyTextSchema,
    cooperatingDepartments: z.array(NonEmptyTextSchema).optional(),
    basis: z.array(NonEmptyTextSchema).optional(),
    serviceObject: z.enum(["individual", "enterprise", "both"]).optional(),
    summary: NonEmptyTextSchema,
    conditions: z.array(NonEmptyTextSchema).optional(),
    materials: z.array(MaterialSchema).default([]),
    process: z.array(NonEmptyTextSchema).optional(),
    timeLimits: z
      .object({ legal: TimeLimitSchema.optional(), promised: TimeLimitSchema.optional() })
      .strict()
      .optional(),
    fee: z.object({ free: z.boolean(), note: NonEmptyTextSchema.optional() }).strict().optional(),
    channels: z.array(ChannelSchema).optional(),
    crossProvince: z.boolean().optional(),
    result: NonEmptyTextSchema.optional(),
    contact: NonEmptyTextSchema.optional(),
    /** Which local variant the guide follows, e.g. "甘肃省兰州市". */
    variant: NonEmptyTextSchema.optional(),
    notes: z.array(NonEmptyTextSchema).optional(),
    /** Pre-review form fields and rules particular to this one (see prereview-rules.ts). */
    prereview: PrereviewSpecSchema.optional(),
    sources: SourcesSchema,
  })
  .strict();
export type Matter = z.infer<typeof MatterSchema>;
