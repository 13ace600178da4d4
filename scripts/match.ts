// `npm run match -- --profiles FILE.csv [--out FILE.csv] [--as-of YYYY-MM-DD] [--all] [--knowledge DIR]`:
// the 免申即享 list. Writes who qualifies for what with reasons as CSV, prints a summary table, and
// reports each bad row with its line number on stderr (the row is skipped, the rest go on).
import { closeSync, openSync, writeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { decodeCsv, formatMatchSummary, matchCsv, parseCsv, todayInChina } from "../src/benefits/index.js";
import { loadBenefits, loadCatalog } from "../src/catalog/index.js";
import { createProgressBar } from "./progress-bar.js";

const USAGE = "usage: npm run match -- --profiles FILE.csv [--out FILE.csv] [--as-of YYYY-MM-DD] [--all]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      profiles: { type: "string" },
      out: { type: "string" },
      "as-of": { type: "string" },
      all: { type: "boolean", default: false },
      knowledge: { type: "string", default: "knowledge" },
    },
  });
  if (!values.profiles) {
    console.error(USAGE);
    return 2;
  }
  const asOf = values["as-of"] ?? todayInChina();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    console.error(`--as-of must be YYYY-MM-DD, got ${asOf}`);
    return 2;
  }
  const catalog = await loadCatalog({ directory: values.knowledge });
  const benefits = await loadBenefits({ directory: values.knowledge, catalog });
  const { text, encoding } = decodeCsv(await readFile(values.profiles));
  if (encoding !== "utf-8") console.error(`${values.profiles}: not UTF-8, read as ${encoding}`);
  // Records are counted first so the bar knows its total; the file is read once.
  const records = [...parseCsv(text)];
  const outPath = values.out ?? values.profiles.replace(/(\.csv)?$/i, ".matches.csv");
  // Opened on the first line, so a file with a bad header leaves no empty output behind.
  // Written synchronously line by line, so a long file never piles up in memory.
  let out: number | undefined;
  const write = (line: string) => {
    if (out === undefined) {
      out = openSync(outPath, "w");
      writeSync(out, "\ufeff"); // spreadsheet programs need the BOM to read UTF-8
    }
    writeSync(out, `${line}\r\n`);
  };
  const bar = createProgressBar();
  const long = records.length > 200;
  if (long) bar.start(records.length - 1, "profiles");
  const result = await matchCsv({
    records,
    benefits,
    asOf,
    include: values.all ? ["eligible", "possible", "ineligible"] : undefined,
    write,
    onRow: async (done) => {
      if (!long || done % 200 !== 0) return;
      bar.update(done);
      // Let the bar's redraw timer run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    },
  });
  if (long) {
    bar.update(records.length - 1);
    bar.stop();
  }
  if (out !== undefined) closeSync(out);
  if (result.status === "bad_header") {
    console.error(`${values.profiles}: ${result.message}`);
    return 1;
  }
  for (const skipped of result.summary.skipped)
    console.error(`${values.profiles}:${skipped.line}: skipped: ${skipped.message}`);
  console.log(formatMatchSummary(result.summary));
  console.log(`as of ${asOf} → ${outPath}`);
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});
