import { z } from "zod";
import type { Catalog } from "../../catalog/index.js";
import { resolveCaseRequirements } from "../rules/case-requirements.js";

/** One field of an application form, as a portal or the console renders it. */
export const FormFieldDescriptionSchema = z.object({
  name: z.string(),
  /** The Chinese label (姓名). */
  label: z.string(),
  type: z.enum(["text", "date", "id_number", "credit_code", "phone", "choice"]),
  required: z.boolean(),
  choices: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});
export type FormFieldDescription = z.infer<typeof FormFieldDescriptionSchema>;

export const FormDescriptionSchema = z
  .object({
    bundleId: z.string().optional(),
    matterId: z.string().optional(),
    /** The bundle's or matter's name. */
    title: z.string(),
    fields: z.array(FormFieldDescriptionSchema),
  })
  .meta({ id: "ApplicationForm" });
export type FormDescription = z.infer<typeof FormDescriptionSchema>;

/**
 * The application form of a bundle (its own fields and those of its matters for the answers given)
 * or of a matter. Unknown ids → AppError not_found.
 */
export function describeForm(
  catalog: Catalog,
  target: { bundleId?: string; matterId?: string; scenario?: Record<string, string> },
): FormDescription {
  const requirements = resolveCaseRequirements(catalog, {
    bundleId: target.bundleId,
    matterId: target.matterId,
    scenario: target.scenario ?? {},
    form: {},
  });
  return {
    ...(target.bundleId ? { bundleId: target.bundleId } : { matterId: target.matterId }),
    title: requirements.title,
    fields: requirements.formFields.map((field) => ({
      name: field.name,
      label: field.label,
      type: field.type,
      required: field.required,
      ...(field.choices ? { choices: field.choices } : {}),
    })),
  };
}
