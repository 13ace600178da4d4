// Regenerates the sample XLSX (two-row header, 申请材料 merged over its sub-columns) and JSON exports
// from docs/catalog-import/guide-export.sample.csv, the one hand-written sample.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { matchHeader, parseCsv, writeXlsx } from "../src/catalog/import/index.js";

const folder = path.resolve(import.meta.dirname, "../docs/catalog-import");
const csv = parseCsv(await readFile(path.join(folder, "guide-export.sample.csv"), "utf8"));
if (!csv.ok) throw new Error(csv.message);
const [header = [], ...rows] = csv.rows;
const firstMaterial = header.indexOf("材料名称");

// XLSX: the group name 申请材料 above the material columns, as provincial systems export it.
const groupRow = header.map((name, index) => (index >= firstMaterial ? "申请材料" : name));
const letter = (index: number) => String.fromCharCode(65 + index);
const merges = [`${letter(firstMaterial)}1:${letter(header.length - 1)}1`];
for (let index = 0; index < firstMaterial; index++) merges.push(`${letter(index)}1:${letter(index)}2`);
const subRow = header.map((name, index) => (index >= firstMaterial ? name : ""));
await writeFile(
  path.join(folder, "guide-export.sample.xlsx"),
  await writeXlsx({ rows: [groupRow, subRow, ...rows], merges }),
);

// JSON: one object per matter, its materials as an array under 申请材料.
const matters: Record<string, unknown>[] = [];
for (const row of rows) {
  const material: Record<string, string> = {};
  if (row[0]) {
    const matter: Record<string, unknown> = {};
    header.slice(0, firstMaterial).forEach((name, index) => {
      if (row[index]) matter[name] = row[index];
    });
    matter.申请材料 = [];
    matters.push(matter);
  }
  header.slice(firstMaterial).forEach((name, offset) => {
    const value = row[firstMaterial + offset];
    if (value && matchHeader(name)) material[name] = value;
  });
  const current = matters.at(-1);
  if (current) (current.申请材料 as unknown[]).push(material);
}
await writeFile(
  path.join(folder, "guide-export.sample.json"),
  `${JSON.stringify({ 说明: "样例数据，非真实办事指南，仅演示导入格式", 事项: matters }, null, 2)}\n`,
);
console.log(`wrote guide-export.sample.xlsx and guide-export.sample.json (${matters.length} matters)`);
