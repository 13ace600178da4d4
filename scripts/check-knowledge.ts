// Validates knowledge/ and prints what it holds; exits 1 with every problem found. With --eval it also
// runs the retrieval and answer evaluations against it and exits 1 when a figure falls past its limit in
// evals/knowledge-gate.json (or --thresholds FILE).
import path from "node:path";
import { loadGateConfig, renderGate, runKnowledgeGate } from "../evals/knowledge-gate.js";
import { loadBenefits } from "../src/catalog/load-benefits.js";
import { loadCatalog } from "../src/catalog/load-catalog.js";

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args.splice(index, 2)[1] : undefined;
};
const root = path.resolve(import.meta.dirname, "..");
const thresholds = option("--thresholds") ?? path.join(root, "evals/knowledge-gate.json");
const evaluate = args.includes("--eval");
const directory = args.find((arg) => !arg.startsWith("--")) ?? "knowledge";
try {
  const catalog = await loadCatalog({ directory });
  const benefits = await loadBenefits({ directory, catalog });
  const checked = [...benefits.values()].filter((benefit) => benefit.amount.checked).length;
  const materials = new Set([...catalog.matters.values()].flatMap((matter) => matter.materials.map((m) => m.id)));
  console.log(
    `knowledge OK: ${catalog.bundles.size} bundles, ${catalog.matters.size} matters, ${materials.size} distinct materials, ` +
      `${catalog.policies.size} policies, ${catalog.faq.length} FAQ items, ${catalog.lexicon.length} lexicon entries, ` +
      `${catalog.outside.length} public services outside the knowledge base, ` +
      `${benefits.size} benefits (${checked} amounts checked against a source quotation, ${benefits.size - checked} unverified)`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
if (evaluate) {
  const started = performance.now();
  const result = await runKnowledgeGate({
    knowledgeDir: path.resolve(directory),
    datasetDir: path.join(root, "evals/datasets"),
    config: await loadGateConfig(thresholds),
  });
  console.log(renderGate(result));
  console.log(
    `(${((performance.now() - started) / 1000).toFixed(0)} s, limits from ${path.relative(root, thresholds)})`,
  );
  if (!result.passed) process.exit(1);
}
