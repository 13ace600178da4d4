import type { Catalog } from "../../catalog/index.js";
import type { PrereviewReport } from "../types.js";
import { prefillForm } from "./prefill-form.js";
import type { PrefillResult } from "./prefill-result.js";

export interface PrefillFromReportOptions {
  catalog: Catalog;
  /** A finished pre-review's report: its documents and fields are the sources. */
  report: PrereviewReport;
  /** The case's scenario answers. Default none. */
  scenario?: Record<string, string>;
  /** The case's form as the applicant typed it. Default none. */
  typed?: Record<string, string>;
  portalProfile?: { name?: string; idNumber?: string };
}

/** The application form filled from a pre-review report, dates checked against the report's reference date. */
export function prefillFromReport(options: PrefillFromReportOptions): PrefillResult {
  const { report } = options;
  return prefillForm({
    catalog: options.catalog,
    bundleId: report.bundleId,
    matterId: report.bundleId ? undefined : report.matterId,
    scenario: options.scenario,
    documents: report.documents,
    typed: options.typed,
    portalProfile: options.portalProfile,
    referenceDate: report.referenceDate,
  });
}
