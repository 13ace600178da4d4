import { z } from "zod";
import {
  ChannelSchema,
  IdSchema,
  NonEmptyTextSchema,
  SampleFlagSchema,
  SourcesSchema,
  TimeLimitSchema,
} from "./common.js";
import { MaterialSchema } from "./matter.js";
import { PrereviewSpecSchema } from "./prereview-rules.js";

/** What choosing one answer to a scenario question changes in the checklist. */
export const ScenarioOptionSchema = z
  .object({
    value: IdSchema,
    label: NonEmptyTextSchema,
    /** Words a person may use for this answer ("灵活就业" answers the applicant-type question). */
    keywords: z.array(NonEmptyTextSchema).optional(),
    addMatters: z.array(IdSchema).optional(),
    removeMatters: z.array(IdSchema).optional(),
    /** Ids from the bundle's `extraMaterials`. */
    addMaterials: z.array(IdSchema).optional(),
    /** Material ids to drop from the merged list. */
    removeMaterials: z.array(IdSchema).optional(),
    note: NonEmptyTextSchema.optional(),
  })
  .strict();
export type ScenarioOption = z.infer<typeof ScenarioOptionSchema>;

export const ScenarioSchema = z
  .object({
    id: IdSchema,
    question: NonEmptyTextSchema,
    help: NonEmptyTextSchema.optional(),
    options: z.array(ScenarioOptionSchema).min(2, "expected at least two options"),
    /** Ask only when an earlier scenario has one of these answers. */
    askIf: z
      .object({ scenario: IdSchema, values: z.array(IdSchema).min(1) })
      .strict()
      .optional(),
  })
  .strict();
export type Scenario = z.infer<typeof ScenarioSchema>;

export const BundleMatterSchema = z
  .object({
    matterId: IdSchema,
    /** Included only when a scenario answer adds it. */
    optional: z.boolean().optional(),
    note: NonEmptyTextSchema.optional(),
  })
  .strict();

/** A "高效办成一件事" bundle: several matters of one life event, one checklist. */
export const BundleSchema = z
  .object({
    sample: SampleFlagSchema,
    id: IdSchema,
    name: NonEmptyTextSchema,
    shortName: NonEmptyTextSchema,
    aliases: z.array(NonEmptyTextSchema).default([]),
    audience: z.enum(["individual", "enterprise"]),
    batch: NonEmptyTextSchema,
    leadDepartment: NonEmptyTextSchema.optional(),
    cooperatingDepartments: z.array(NonEmptyTextSchema).optional(),
    summary: NonEmptyTextSchema,
    conditions: z.array(NonEmptyTextSchema).optional(),
    matters: z.array(BundleMatterSchema).min(1, "expected at least one matter"),
    /**
     * Bundles whose life event this one's takes in, when a message names both: a death takes in the retirement
     * the deceased had (「我爸去世了，他是退休职工」 is about what to do after the death).
     */
    outranks: z.array(IdSchema).optional(),
    scenarios: z.array(ScenarioSchema).default([]),
    extraMaterials: z.array(MaterialSchema).optional(),
    timeLimits: z
      .object({ promised: TimeLimitSchema.optional(), note: NonEmptyTextSchema.optional() })
      .strict()
      .optional(),
    channels: z.array(ChannelSchema).optional(),
    highlights: z.array(NonEmptyTextSchema).optional(),
    variant: NonEmptyTextSchema.optional(),
    notes: z.array(NonEmptyTextSchema).optional(),
    /** Pre-review form fields and rules particular to this one (see prereview-rules.ts). */
    prereview: PrereviewSpecSchema.optional(),
    sources: SourcesSchema,
  })
  .strict();
export type Bundle = z.infer<typeof BundleSchema>;
