/// <reference lib="dom" />
// Chinese names the console shows for codes: case statuses, bundles, document types and fields.
// Document types and fields come from src/prereview's vocabulary (pure modules, bundled into the page).
import { fieldLabel } from "../../prereview/field-labels.js";
import { documentTypeName, SIDE_NAMES } from "../../prereview/rules/document-type-names.js";
import { api } from "./api.js";

export { fieldLabel };

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
  bundleNames ??= api<{ bundles: { id: string; name: string }[] }>("/api/bundles")
    .then(({ bundles }) => new Map(bundles.map((bundle) => [bundle.id, bundle.name])))
    .catch(() => {
      bundleNames = undefined;
      return new Map();
    });
  return bundleNames;
}
