// Writes generated pre-review cases to a folder, one sub-folder per case with its files, form.json,
// scenario.json, expected.json, truth.json and curl.sh.
//   npx tsx evals/prereview/generator/cli.ts --out /tmp/cases --seed 1 --count 10 [--case retirement|newborn|enterprise]
//     [--formats png,jpeg,pdf_text,pdf_scan]
import { parseArgs } from "node:util";
import { CASE_TEMPLATES, type CaseTemplate } from "./defects.js";
import { renderPrereviewCase, specifyPrereviewCases } from "./generate-cases.js";
import { OUTPUT_FORMATS, type OutputFormat } from "./types.js";
import { writePrereviewCase } from "./write-case.js";

const usage =
  "usage: npx tsx evals/prereview/generator/cli.ts --out <dir> [--seed 1] [--count 10] [--case retirement|newborn|enterprise] [--formats png,jpeg,pdf_text,pdf_scan]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      seed: { type: "string", default: "1" },
      count: { type: "string", default: "10" },
      case: { type: "string", multiple: true },
      formats: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || !values.out) {
    console.log(usage);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const seed = Number(values.seed);
  const count = Number(values.count);
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1)
    throw new Error(`--seed and --count must be integers\n${usage}`);
  const templates = (values.case ?? []).flatMap((value) => value.split(",")) as CaseTemplate[];
  for (const template of templates)
    if (!CASE_TEMPLATES.includes(template))
      throw new Error(`unknown --case ${template}; one of ${CASE_TEMPLATES.join(", ")}`);
  const formats = values.formats?.split(",") as OutputFormat[] | undefined;
  for (const format of formats ?? [])
    if (!OUTPUT_FORMATS.includes(format))
      throw new Error(`unknown format ${format}; one of ${OUTPUT_FORMATS.join(", ")}`);
  const started = Date.now();
  const specs = specifyPrereviewCases({
    seed,
    count,
    ...(templates.length ? { templates } : {}),
    ...(formats ? { formats } : {}),
  });
  for (const spec of specs) {
    const item = await renderPrereviewCase(spec);
    const folder = await writePrereviewCase(values.out, item);
    const defects = item.expected.defects.map((defect) => defect.ruleId).join(", ") || "clean";
    console.log(`${folder}  ${item.files.length} files  ${item.expected.verdict}  ${defects}`);
  }
  console.log(`${specs.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
