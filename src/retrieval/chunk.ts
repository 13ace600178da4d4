import { z } from "zod";

export const DocumentKindSchema = z.enum(["bundle", "matter", "policy", "faq", "benefit"]);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

/** One retrievable passage. Ids are stable for unchanged content, so citations stay valid across rebuilds. */
export const ChunkSchema = z.object({
  id: z.string(),
  kind: DocumentKindSchema,
  /** `matter:<id>`, `bundle:<id>`, `policy:<id>`, `faq:<id>`, `benefit:<id>`. */
  documentId: z.string(),
  /** The document's title (matter name, bundle name, policy title, FAQ question, benefit name). */
  title: z.string(),
  /** Headings from the document root down to this passage, e.g. ["二、重点任务", "（三）推进…"]. */
  sectionPath: z.array(z.string()),
  /** The passage as shown and quoted; verbatim for policies. */
  text: z.string(),
  /** Indexed with the passage but not shown: names and aliases that give it context. */
  context: z.string(),
  bundleId: z.string().optional(),
  matterId: z.string().optional(),
  policyId: z.string().optional(),
});
export type Chunk = z.infer<typeof ChunkSchema>;

/** The text a chunk is indexed by: context, title, headings and the passage. */
export function indexedText(chunk: Chunk): string {
  return [chunk.title, chunk.context, chunk.sectionPath.join(" "), chunk.text].filter(Boolean).join("\n");
}
