// One page of a file as the image its evidence boxes are measured in, behind the same intake gate
// as a submission: a stored case's file (the console's report) and a file the uploader still holds
// (the console's new case, before anything is submitted) go through this one function.
import { inspectFile, type PrereviewLimits } from "./intake/index.js";
import type { PrereviewPipeline } from "./pipeline.js";
import type { FileKind, PageImageResult } from "./types.js";

export interface RenderFilePageOptions {
  /** Renders a page as OCR read it (mupdf for a PDF or TIFF, in the reader thread when isolated). */
  pipeline: Pick<PrereviewPipeline, "renderPage">;
  bytes: Uint8Array;
  /** 1-based. */
  page: number;
  /** Intake's limits (size, pixels read from the header); default the intake defaults. */
  limits?: PrereviewLimits;
}

export type RenderFilePageResult =
  | (Extract<PageImageResult, { status: "ok" }> & { kind: FileKind })
  /** Intake refused the file, or it could not be rendered: the file problem or the renderer's status. */
  | { status: "unreadable"; problem: string }
  | { status: "no_page" };

export async function renderFilePage(options: RenderFilePageOptions): Promise<RenderFilePageResult> {
  const inspection = inspectFile({ bytes: options.bytes }, options.limits);
  if (inspection.problem || !inspection.kind) return { status: "unreadable", problem: inspection.problem ?? "corrupt" };
  const rendered = await options.pipeline.renderPage(options.bytes, inspection.kind, options.page);
  if (rendered.status === "ok") return { ...rendered, kind: inspection.kind };
  if (rendered.status === "no_page") return { status: "no_page" };
  return { status: "unreadable", problem: rendered.status };
}
