import { z } from "zod";

/** Lower-case kebab-case identifier used for every catalog entity (`birth-medical-certificate`). */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "expected a kebab-case id such as 'birth-medical-certificate'");

export const NonEmptyTextSchema = z.string().trim().min(1, "expected non-empty text");

/** Where a fact came from. Every knowledge file names at least one. */
export const SourceSchema = z
  .object({
    title: NonEmptyTextSchema,
    issuer: NonEmptyTextSchema.optional(),
    url: z.url().optional(),
    note: NonEmptyTextSchema.optional(),
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

/** The sources a knowledge file rests on: at least one. */
export const SourcesSchema = z.array(SourceSchema).min(1, "expected at least one source");

export const TimeUnitSchema = z.enum(["working_day", "day", "hour", "minute", "month"]);
export type TimeUnit = z.infer<typeof TimeUnitSchema>;

export const TimeLimitSchema = z
  .object({
    value: z.number().positive(),
    unit: TimeUnitSchema,
    note: NonEmptyTextSchema.optional(),
  })
  .strict();
export type TimeLimit = z.infer<typeof TimeLimitSchema>;

export const ChannelKindSchema = z.enum(["online", "app", "window", "hospital", "mail", "phone", "self_service"]);
export const ChannelSchema = z
  .object({
    kind: ChannelKindSchema,
    description: NonEmptyTextSchema,
  })
  .strict();
export type Channel = z.infer<typeof ChannelSchema>;

/** Every knowledge file must declare it is sample data until an authority replaces it. */
export const SampleFlagSchema = z.literal(true, {
  error: "expected `sample: true` (the bundled knowledge base is sample data)",
});

const TIME_UNIT_LABELS: Record<TimeUnit, string> = {
  working_day: "个工作日",
  day: "天",
  hour: "小时",
  minute: "分钟",
  month: "个月",
};

/** Renders a time limit in plain Chinese, e.g. `5个工作日`. */
export function formatTimeLimit(limit: TimeLimit): string {
  return `${limit.value}${TIME_UNIT_LABELS[limit.unit]}`;
}

/** The fields every file of a list (FAQ, lexicon, outside services) opens with: sample data, and its sources. */
export const LIST_FILE_HEAD = { sample: SampleFlagSchema, sources: SourcesSchema };
