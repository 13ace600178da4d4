import { z } from "zod";
import { FACT_NAMES, type FactName, type FactSpec, factSpec } from "../catalog/index.js";
import type { FACTS } from "../catalog/index.js";

type Registry = typeof FACTS;
/** The value type of one fact, from its registry entry. */
export type FactValue<K extends FactName> = Registry[K]["kind"] extends "number"
  ? number
  : Registry[K]["kind"] extends "boolean"
    ? boolean
    : Registry[K] extends { options: infer O }
      ? keyof O & string
      : never;
export type Facts = { [K in FactName]?: FactValue<K> };

const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "应为 YYYY-MM-DD 格式的日期")
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  }, "不是有效日期");

function factSchema(name: FactName): z.ZodType {
  const spec: FactSpec = factSpec(name);
  if (spec.kind === "number") return z.number().min(0, `${spec.label}不能为负数`).max(100000);
  if (spec.kind === "boolean") return z.boolean();
  const options = Object.keys(spec.options ?? {}) as [string, ...string[]];
  return z.enum(options);
}

const factShape = Object.fromEntries(FACT_NAMES.map((name) => [name, factSchema(name).optional()])) as {
  [K in FactName]: z.ZodOptional<z.ZodType<FactValue<K>>>;
};

/**
 * A profile as the matching engine takes it: facts by name plus dates it derives facts from.
 * Strict: an unknown field is reported, never ignored. Personal data in it is not logged or stored here.
 */
export const ProfileSchema = z
  .object(
    {
      subject: z.enum(["individual", "enterprise"]).optional(),
      /** The person's birth date; gives `age` (and `reachedRetirementAge` with `sex`). */
      birthDate: DateSchema.optional(),
      /** The youngest child's birth date; gives `youngestChildAge`. */
      youngestChildBirthDate: DateSchema.optional(),
      /** An enterprise's registration date; gives `yearsSinceRegistration`. */
      registrationDate: DateSchema.optional(),
      /** For women: the retirement category that sets the statutory age (女干部 55→58, 女工人 50→55). */
      retirementCategory: z.enum(["male", "female_cadre", "female_worker"]).optional(),
      ...factShape,
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `未知的画像字段：${issue.keys.join("、")}（可用字段见 OpenAPI 文档中的 Profile）`
          : undefined,
    },
  )
  .strict()
  .meta({ id: "Profile" });
export type Profile = z.infer<typeof ProfileSchema>;
