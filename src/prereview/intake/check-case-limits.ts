import { defaultPrereviewLimits, type PrereviewLimits } from "./prereview-limits.js";

export interface CheckCaseLimitsResult {
  ok: boolean;
  /** Which case-wide limit the files exceed. */
  problem?: "too_many_files" | "too_large_total";
  /** Plain Chinese for the applicant. */
  message?: string;
}

/** Case-wide limits (file count, total bytes); each file's own limits are `inspectFile`'s. */
export function checkCaseLimits(
  files: readonly { bytes: Uint8Array }[],
  limits: Pick<PrereviewLimits, "maxFiles" | "maxTotalBytes"> = defaultPrereviewLimits,
): CheckCaseLimitsResult {
  if (files.length > limits.maxFiles) {
    return {
      ok: false,
      problem: "too_many_files",
      message: `一次最多上传 ${limits.maxFiles} 个文件，本次上传了 ${files.length} 个，请合并或分批提交。`,
    };
  }
  const total = files.reduce((sum, file) => sum + file.bytes.length, 0);
  if (total > limits.maxTotalBytes) {
    return {
      ok: false,
      problem: "too_large_total",
      message: `上传文件合计不能超过 ${Math.round(limits.maxTotalBytes / (1024 * 1024))} MB，请压缩后重新上传。`,
    };
  }
  return { ok: true };
}
