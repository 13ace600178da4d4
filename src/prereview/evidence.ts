// Where a value or finding was seen: a file, a page, the line's text and its box. Its own module
// so that both the report (types.ts) and the prefill result it carries can use it.
import { z } from "zod";

export const BoxSchema = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });
export type Box = z.infer<typeof BoxSchema>;

/** Where a value was read: the file, the page and the line, with its box when OCR gave one. */
export const EvidenceSchema = z.object({
  fileId: z.string(),
  page: z.number().int().positive().optional(),
  text: z.string(),
  box: BoxSchema.optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;
