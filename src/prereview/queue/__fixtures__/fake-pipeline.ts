import { AppError } from "../../../errors.js";
import { renderPageImage } from "../../extract/index.js";
import type { PrereviewPipeline, PrereviewPipelineInput } from "../../pipeline.js";
import { type PrereviewReport, PrereviewReportSchema, type PrereviewRequest } from "../../types.js";

/** Bundles and matters the fake pipeline knows; anything else is "not found", as the catalog would say. */
export const KNOWN_BUNDLES = new Set(["retirement", "newborn"]);
export const KNOWN_MATTERS = new Set(["retirement-application"]);

/** A report that satisfies PrereviewReportSchema, with two findings (`finding-1` error, `finding-2` warning). */
export function cannedReport(input: Pick<PrereviewPipelineInput, "request" | "files">): PrereviewReport {
  const firstFile = input.files[0]?.fileId ?? "f1";
  return PrereviewReportSchema.parse({
    verdict: "needs_correction",
    title: "退休“一件事”",
    referenceDate: "2025-06-30",
    summary: "身份证号码 11010519491231002X 与户口簿不一致，请补正。",
    ...(input.request.bundleId ? { bundleId: input.request.bundleId } : {}),
    ...(input.request.matterId ? { matterId: input.request.matterId } : {}),
    materials: [
      { id: "id-card", name: "居民身份证", required: true, deferrable: false, exempt: false, documentIds: [firstFile] },
    ],
    documents: [
      {
        id: firstFile,
        fileId: firstFile,
        pages: [1],
        documentType: "id_card",
        side: "front",
        confidence: 0.93,
        materialId: "id-card",
        fields: [
          {
            name: "name",
            value: "张三",
            raw: "张 三",
            confidence: 0.9,
            evidence: { fileId: firstFile, page: 1, text: "姓名 张三" },
          },
          {
            name: "idNumber",
            value: "11010519491231002X",
            raw: "11010519491231002X",
            confidence: 0.95,
            evidence: { fileId: firstFile, page: 1, text: "公民身份号码 11010519491231002X" },
          },
        ],
      },
    ],
    files: input.files.map((file) => ({
      fileId: file.fileId,
      originalName: file.originalName,
      ...(file.kind ? { kind: file.kind } : {}),
      pageCount: 1,
    })),
    findings: [
      {
        id: "finding-1",
        ruleId: "consistency.id_number",
        severity: "error",
        materialId: "id-card",
        message: "身份证上的号码与申请表不一致，请核对后重新填写。",
        detail: "身份证 11010519491231002X，申请表（张三）110105194912310021",
        evidence: [{ fileId: firstFile, page: 1, text: "公民身份号码 11010519491231002X" }],
      },
      {
        id: "finding-2",
        ruleId: "quality.unreadable",
        severity: "warning",
        message: "第 2 页不够清晰。",
        detail: "mean confidence 0.41",
        evidence: [],
      },
    ],
    timings: { totalMilliseconds: 12, extractMilliseconds: 8, pages: input.files.length },
    disclaimer: "预审结果仅为辅助建议，是否受理由窗口工作人员审核决定。",
  });
}

export interface FakePipeline extends PrereviewPipeline {
  /** Every `run` input, in call order. */
  readonly calls: PrereviewPipelineInput[];
  /** Every request `validateRequest` saw. */
  readonly validated: PrereviewRequest[];
  /** Makes `run` wait until the returned release function is called (for "not ready yet" states). */
  hold(): () => void;
  closed: boolean;
}

/**
 * A pipeline for tests: validates ids against KNOWN_BUNDLES/KNOWN_MATTERS and returns `cannedReport`,
 * or what `run` returns (throw from it to simulate a fault).
 */
export function createFakePipeline(
  options: { run?: (input: PrereviewPipelineInput) => Promise<PrereviewReport> } = {},
): FakePipeline {
  const calls: PrereviewPipelineInput[] = [];
  const validated: PrereviewRequest[] = [];
  let gate: Promise<void> | undefined;
  const pipeline: FakePipeline = {
    calls,
    validated,
    closed: false,
    hold() {
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = () => {
          gate = undefined;
          resolve();
        };
      });
      return release;
    },
    validateRequest(request) {
      validated.push(request);
      if (request.bundleId && !KNOWN_BUNDLES.has(request.bundleId))
        throw new AppError("not_found", `没有编号为 ${request.bundleId} 的“一件事”`);
      if (request.matterId && !KNOWN_MATTERS.has(request.matterId))
        throw new AppError("not_found", `没有编号为 ${request.matterId} 的事项`);
    },
    async run(input) {
      calls.push(input);
      if (gate) await gate;
      return options.run ? options.run(input) : cannedReport(input);
    },
    renderPage: (bytes, kind, page) => renderPageImage(bytes, kind, page),
    async close() {
      pipeline.closed = true;
    },
  };
  return pipeline;
}
