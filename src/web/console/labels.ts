/// <reference lib="dom" />
// Chinese names the console shows for codes: case statuses, bundles, document types and fields.
// Document types, fields and rules come from src/prereview's browser-safe vocabulary (pure data,
// bundled into the page).
import { documentTypeName, fieldLabel, ruleLabel, SIDE_NAMES } from "../../prereview/vocabulary.js";
import { api, type BundleList } from "./api.js";

export { fieldLabel, ruleLabel };

const STATUS_LABELS: Record<string, string> = {
  queued: "排队中",
  running: "预审中",
  done: "已完成",
  failed: "未能完成",
  deleted: "已删除",
};

export const statusLabel = (status: string) => STATUS_LABELS[status] ?? status;

/** 居民身份证（人像面）. */
export function documentLabel(documentType: string, side: string): string {
  const sideName = (SIDE_NAMES as Record<string, string>)[side];
  return sideName ? `${documentTypeName(documentType)}（${sideName}）` : documentTypeName(documentType);
}

let bundleNames: Promise<Map<string, string>> | undefined;

/** Bundle id → Chinese name, fetched once. */
export function loadBundleNames(): Promise<Map<string, string>> {
  bundleNames ??= api<BundleList>("/api/bundles")
    .then(({ bundles }) => new Map(bundles.map((bundle) => [bundle.id, bundle.name])))
    .catch(() => {
      bundleNames = undefined;
      return new Map();
    });
  return bundleNames;
}

/** `clerk:wang` → 工作人员 wang; `system` → 系统; `applicant` → 申请人. */
export function actorName(actor: string): string {
  if (actor === "system") return "系统";
  if (actor === "applicant") return "申请人";
  return actor.startsWith("clerk:") ? `工作人员 ${actor.slice("clerk:".length)}` : actor;
}
