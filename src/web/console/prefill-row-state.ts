// What one row of 申请表预填核对 says about its value: while the value shown is the one prefill
// proposed, prefill's own status, problem and note; once the clerk has changed it (typed, or saved as
// an edit) or confirmed it, that state instead, the prefill's verdict kept only as what it was. A
// problem of the value now shown is the live check's (the server's checks), not prefill's.
import type { PrefilledField } from "../../prereview/prefill/prefill-result.js";

const PREFILL_STATUS_LABELS: Record<PrefilledField["status"], string> = {
  filled: "已预填",
  needs_check: "需核对",
  conflict: "来源不一致",
  unfilled: "未能预填",
};

export interface PrefillRowState {
  /** The 预填情况 cell. */
  status: string;
  /** Prefill's problem with its value (a wrong check character, a doubtful reading), while that value is shown. */
  problem?: string;
  /** Prefill's note (a conflict's sources, what to do for an unfilled field), while nothing replaced it. */
  note?: string;
  /** Whether prefill's confidence still describes the value shown. */
  confidence: boolean;
  /** The value shown is not the one prefill proposed, or the clerk has decided on it. */
  changed: boolean;
}

/** The clerk's latest saved decision on the field. */
export interface SavedDecision {
  decision: "confirm" | "edit";
  value?: string;
}

export function prefillRowState(
  field: Pick<PrefilledField, "status" | "value" | "problem" | "note">,
  shown: string,
  saved?: SavedDecision,
): PrefillRowState {
  const value = shown.trim();
  const before = PREFILL_STATUS_LABELS[field.status];
  const was = field.status === "filled" ? "" : `（原预填：${before}）`;
  if (saved && value === (saved.value ?? ""))
    return {
      status: saved.decision === "edit" ? `工作人员已修改${was}` : `工作人员已确认${was}`,
      confidence: false,
      changed: true,
    };
  if (!saved && value === (field.value ?? ""))
    return {
      status: before,
      ...(field.problem ? { problem: field.problem.message } : {}),
      ...(field.note ? { note: field.note } : {}),
      confidence: true,
      changed: false,
    };
  return {
    status: value ? `已修改，待确认${was}` : "已清空（确认时不保存此项）",
    confidence: false,
    changed: true,
  };
}
