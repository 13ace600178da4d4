// The two steps the reload suites share: the sample guide export imported into a deployment's
// knowledge and reloaded on one API node, and a case for the matter it adds run through a node.
import path from "node:path";
import { expect } from "vitest";
import { generatePrereviewCases } from "../../evals/prereview/generator/index.js";
import { importCatalog } from "../catalog/import/index.js";
import { type PrivateDatabase, type PrivateDeployment, runCase } from "./cluster-processes.js";

const SAMPLE = path.resolve(import.meta.dirname, "../../docs/catalog-import/guide-export.sample.json");

/** A matter the sample export adds (not in the sample knowledge base before the import). */
export const SAMPLE_MATTER = "matter-sample-002";

/** Imports the sample export into the deployment's knowledge and reloads it on `apiUrl`: the new version. */
export async function reloadWithSample(
  deployment: PrivateDeployment,
  apiUrl: string,
  adminToken: string,
): Promise<string> {
  expect((await importCatalog({ file: SAMPLE, knowledgeDirectory: deployment.knowledge })).ok).toBe(true);
  const reload = await fetch(`${apiUrl}/api/admin/knowledge/reload`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}` },
  });
  expect(reload.status).toBe(202);
  return ((await reload.json()) as { version: string }).version;
}

/** Runs a case for the sample's matter through `apiUrl` (a text-layer PDF: no OCR, quick): its final status. */
export async function runSampleMatterCase(options: {
  apiUrl: string;
  clerkToken: string;
  database: PrivateDatabase;
}): Promise<string | undefined> {
  const [generated] = await generatePrereviewCases({ seed: 3, count: 1, formats: ["pdf_text"] });
  const file = generated?.files[0] ?? expect.unreachable();
  return runCase({ ...options, matterId: SAMPLE_MATTER, file });
}
