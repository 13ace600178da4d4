// `npm run import -- FILE [--dry-run] [--knowledge DIR]`: imports an authority's 办事指南 export into
// knowledge/matters and prints the validation report. Exits 1 and writes nothing when any row fails.
import { formatImportIssue, importCatalog } from "../src/catalog/import/index.js";

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args.splice(index, 2)[1] : undefined;
};
const knowledgeDirectory = option("--knowledge") ?? "knowledge";
const dryRun = args.includes("--dry-run");
const file = args.find((arg) => !arg.startsWith("--"));
if (!file) {
  console.error("usage: npm run import -- FILE [--dry-run] [--knowledge DIR]");
  process.exit(2);
}
try {
  const result = await importCatalog({ file, knowledgeDirectory, dryRun });
  const encoding = result.encoding ? `, ${result.encoding}` : "";
  console.log(`${file}: ${result.format ?? "unknown"}${encoding}`);
  for (const issue of result.issues) console.log(`  ${formatImportIssue(issue)}`);
  if (!result.ok) {
    const errors = result.issues.filter((issue) => issue.severity === "error").length;
    console.error(`import refused: ${errors} error(s); knowledge/ is unchanged`);
    process.exit(1);
  }
  const verb = dryRun ? "would import" : "imported";
  console.log(
    `${verb} ${result.created.length + result.updated.length} matter(s): ${result.created.length} new, ${result.updated.length} updated → ${knowledgeDirectory}/matters`,
  );
  for (const id of result.created) console.log(`  + ${id}`);
  for (const id of result.updated) console.log(`  ~ ${id}`);
  if (!dryRun) console.log("run `npm run index` (or reload the knowledge base) to make them searchable");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
