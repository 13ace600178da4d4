import { z } from "zod";
import { FactNameSchema } from "./benefit-facts.js";
import { IdSchema, NonEmptyTextSchema, SampleFlagSchema, SourcesSchema } from "./common.js";

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");

export const ConditionOperatorSchema = z.enum(["eq", "ne", "lt", "lte", "gt", "gte", "in", "notIn", "between"]);
export type ConditionOperator = z.infer<typeof ConditionOperatorSchema>;

const ScalarSchema = z.union([z.number(), z.string(), z.boolean()]);

/** One test of one fact, with the clause of the source it comes from. */
export const FactConditionSchema = z
  .object({
    fact: FactNameSchema,
    op: ConditionOperatorSchema,
    /** A scalar; a list for in/notIn; [low, high] (both included) for between. */
    value: z.union([ScalarSchema, z.array(ScalarSchema).min(1)]),
    /** The condition in plain Chinese, as a reason shows it ("婴幼儿未满3周岁"). */
    says: NonEmptyTextSchema,
    /** The clause of the source it is written from, in the source's words or close to them. */
    basis: NonEmptyTextSchema,
  })
  .strict();
export type FactCondition = z.infer<typeof FactConditionSchema>;

export type Condition = FactCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

const AllSchema = z.object({ all: z.array(z.lazy(() => ConditionSchema)).min(1) }).strict();
const AnySchema = z
  .object({ any: z.array(z.lazy(() => ConditionSchema)).min(2, "expected at least two alternatives") })
  .strict();
const NotSchema = z.object({ not: z.lazy(() => ConditionSchema) }).strict();

/**
 * A condition tree. The branch is chosen by its key (`all`, `any`, `not`, else a fact test) so a
 * mistake is reported against that branch's fields, not as "no union member matched".
 */
export const ConditionSchema: z.ZodType<Condition> = z.unknown().transform((value, context) => {
  const keys = value !== null && typeof value === "object" ? Object.keys(value) : [];
  const schema = keys.includes("all")
    ? AllSchema
    : keys.includes("any")
      ? AnySchema
      : keys.includes("not")
        ? NotSchema
        : FactConditionSchema;
  const result = schema.safeParse(value);
  if (result.success) return result.data as Condition;
  for (const issue of result.error.issues)
    context.addIssue({ code: "custom", message: issue.message, path: issue.path as PropertyKey[] });
  return z.NEVER;
});

/** A benefit or support policy (补贴、津贴、税费优惠、贷款支持) and who qualifies for it. */
export const BenefitSchema = z
  .object({
    sample: SampleFlagSchema,
    id: IdSchema,
    name: NonEmptyTextSchema,
    aliases: z.array(NonEmptyTextSchema).default([]),
    subject: z.enum(["individual", "enterprise"]),
    /** Life event or field: 生育, 养老, 残疾, 就业, 身后, 税费, 教育, 创业. */
    category: NonEmptyTextSchema,
    issuer: NonEmptyTextSchema,
    document: z
      .object({
        title: NonEmptyTextSchema,
        /** 文号 such as 国发〔2015〕52号; laws have none. */
        number: NonEmptyTextSchema.optional(),
        date: z
          .string()
          .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "expected YYYY, YYYY-MM or YYYY-MM-DD")
          .optional(),
      })
      .strict(),
    summary: NonEmptyTextSchema,
    conditions: ConditionSchema,
    amount: z
      .object({
        /** What the person gets, as the source states it; 「以当地公布标准为准」 when the source sets no figure. */
        text: NonEmptyTextSchema,
        /** True only when the figure in `text` was checked against a quotation of the source. */
        checked: z.boolean(),
        note: NonEmptyTextSchema.optional(),
      })
      .strict(),
    claim: z
      .object({
        /** `apply`: the person applies; `automatic`: 免申即享, granted from shared data without applying. */
        mode: z.enum(["apply", "automatic"]),
        matterId: IdSchema.optional(),
        bundleId: IdSchema.optional(),
        how: NonEmptyTextSchema,
      })
      .strict(),
    effective: z
      .object({ from: DateSchema.optional(), to: DateSchema.optional(), note: NonEmptyTextSchema.optional() })
      .strict(),
    /** The source passage the entry is written from, in the project's own words. */
    sourceText: NonEmptyTextSchema,
    sources: SourcesSchema,
    notes: z.array(NonEmptyTextSchema).optional(),
  })
  .strict();
export type Benefit = z.infer<typeof BenefitSchema>;
