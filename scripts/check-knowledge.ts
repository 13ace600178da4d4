// Validates knowledge/ and prints what it holds; exits 1 with every problem found.
import { loadBenefits } from "../src/catalog/load-benefits.js";
import { loadCatalog } from "../src/catalog/load-catalog.js";

const directory = process.argv[2] ?? "knowledge";
try {
  const catalog = await loadCatalog({ directory });
  const benefits = await loadBenefits({ directory, catalog });
  const checked = [...benefits.values()].filter((benefit) => benefit.amount.checked).length;
  const materials = new Set([...catalog.matters.values()].flatMap((matter) => matter.materials.map((m) => m.id)));
  console.log(
    `knowledge OK: ${catalog.bundles.size} bundles, ${catalog.matters.size} matters, ${materials.size} distinct materials, ` +
      `${catalog.policies.size} policies, ${catalog.faq.length} FAQ items, ${catalog.lexicon.length} lexicon entries, ` +
      `${benefits.size} benefits (${checked} amounts checked against a source quotation, ${benefits.size - checked} unverified)`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
