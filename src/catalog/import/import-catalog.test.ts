import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KNOWLEDGE_DIR } from "../../test-support/shared-index.js";
import { loadCatalog } from "../load-catalog.js";
import { importCatalog, MAX_IMPORT_ROWS, writeXlsx } from "./index.js";

const SAMPLES = path.resolve(import.meta.dirname, "../../../docs/catalog-import");
const HEADER = "事项名称,实施主体,承诺办结时限,是否收费,材料名称,材料类型,份数,来源渠道,必要性";

let work: string;
let knowledge: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), "banshi-import-"));
  knowledge = path.join(work, "knowledge");
  await cp(KNOWLEDGE_DIR, knowledge, { recursive: true });
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function importText(name: string, content: string | Buffer, dryRun = false) {
  const file = path.join(work, name);
  await writeFile(file, content);
  return importCatalog({ file, knowledgeDirectory: knowledge, dryRun });
}

async function mattersListing() {
  return (await readdir(path.join(knowledge, "matters"))).sort();
}

describe("importCatalog on the sample exports", () => {
  it("imports the CSV sample into matters the catalog loader accepts", async () => {
    const result = await importCatalog({
      file: path.join(SAMPLES, "guide-export.sample.csv"),
      knowledgeDirectory: knowledge,
    });
    expect(result.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(result.created).toEqual(["matter-sample-001", "matter-sample-002", "matter-sample-003"]);
    const catalog = await loadCatalog({ directory: knowledge });
    const dog = catalog.matters.get("matter-sample-001");
    expect(dog?.name).toBe("养犬登记");
    expect(dog?.aliases).toContain("办狗证");
    expect(dog?.timeLimits?.promised).toEqual({ value: 5, unit: "working_day" });
    expect(dog?.materials.map((material) => material.name)).toEqual([
      "申请人居民身份证",
      "犬只狂犬病免疫证明",
      "犬只正面照片",
      "房屋租赁合同",
    ]);
    // A material already in the catalog keeps its id; a conditional one carries its condition.
    expect(dog?.materials[0]?.id).toBe("applicant-id-card");
    expect(dog?.materials[3]?.condition).toBe("租住房屋的");
    expect(catalog.matters.get("matter-sample-003")?.fee).toEqual({
      free: false,
      note: "按示例市占道费标准收取（样例）",
    });
  });

  it("reads the XLSX (two-row merged header) and JSON samples to the same matters as the CSV", async () => {
    const outcomes = [];
    for (const extension of ["csv", "xlsx", "json"]) {
      const result = await importCatalog({
        file: path.join(SAMPLES, `guide-export.sample.${extension}`),
        knowledgeDirectory: knowledge,
        dryRun: true,
      });
      expect(result.ok, extension).toBe(true);
      expect(result.format).toBe(extension);
      outcomes.push(result.created);
    }
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
    expect(await mattersListing()).not.toContain("matter-sample-001.yaml");
  });
});

describe("column names", () => {
  it("matches the usual variants: stars, bracketed units, 申请材料- prefixes, other wordings", async () => {
    const csv = [
      "*事项名称,实施机构,承诺时限（工作日）,收费情况,申请材料-材料名称,材料形式,纸质材料份数,材料来源,是否必要",
      "测试事项,测试局,3个工作日,否,测试申请表,原件,2份,申请人自备,必要",
    ].join("\n");
    const result = await importText("variants.csv", csv);
    expect(result.issues).toEqual([]);
    const catalog = await loadCatalog({ directory: knowledge });
    const matter = [...catalog.matters.values()].find((candidate) => candidate.name === "测试事项");
    expect(matter?.department).toBe("测试局");
    expect(matter?.materials[0]).toMatchObject({ name: "测试申请表", form: "original", copies: 2 });
  });

  it("warns about a column it does not use and still imports", async () => {
    const result = await importText("extra.csv", `事项名称,实施主体,内部备注\n测试事项,测试局,无\n`);
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([expect.objectContaining({ severity: "warning", row: 1, column: "内部备注" })]);
  });
});

describe("the optional 审查要点 column", () => {
  it("gives each material the points written in its row, with an id given before a colon kept", async () => {
    const csv = [
      "事项名称,实施主体,来源,材料名称,材料类型,审查要点",
      '测试事项,测试局,测试指南,测试身份证,原件,"in-validity：在有效期内；影像清晰"',
      "测试事项,测试局,测试指南,测试申请表,原件,",
    ].join("\n");
    const result = await importText("points.csv", csv);
    expect(result.issues).toEqual([]);
    const catalog = await loadCatalog({ directory: knowledge });
    const matter = [...catalog.matters.values()].find((candidate) => candidate.name === "测试事项");
    expect(matter?.materials[0]?.reviewPoints).toEqual([
      { id: "in-validity", text: "在有效期内", source: "测试指南" },
      { id: "point-2", text: "影像清晰", source: "测试指南" },
    ]);
    expect(matter?.materials[1]?.reviewPoints).toBeUndefined();
  });

  it("refuses two points with one id, naming the row and column", async () => {
    const csv = [
      "事项名称,实施主体,材料名称,审核要点",
      '测试事项,测试局,测试身份证,"legible：清晰；legible：可辨"',
    ].join("\n");
    const result = await importText("points-twice.csv", csv);
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        severity: "error",
        row: 2,
        column: "审查要点",
        problem: expect.stringContaining("legible"),
      }),
    );
  });
});

describe("the validation report", () => {
  it("names row, column and problem for each value it cannot map, and writes nothing", async () => {
    const before = await mattersListing();
    const csv = [
      HEADER,
      "好事项,测试局,5个工作日,否,申请表,原件,1,申请人自备,必要",
      "坏事项,测试局,很快,也许,申请表,扫描件,一份,申请人自备,必要",
    ].join("\n");
    const result = await importText("bad.csv", csv);
    expect(result.ok).toBe(false);
    const errors = result.issues.filter((issue) => issue.severity === "error");
    expect(errors.map((issue) => [issue.row, issue.column])).toEqual([
      [3, "承诺办结时限"],
      [3, "是否收费"],
      [3, "材料类型"],
      [3, "份数"],
    ]);
    expect(errors[0]?.problem).toMatch(/很快/);
    expect(await mattersListing()).toEqual(before);
  });

  it("refuses a file without the required columns", async () => {
    const result = await importText("no-name.csv", "名字,部门\n甲,乙\n");
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "error", column: "事项名称" }));
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "error", column: "实施主体" }));
  });

  it("refuses a matter that appears twice", async () => {
    const result = await importText(
      "twice.json",
      JSON.stringify([
        { 事项名称: "甲", 实施主体: "乙", 基本编码: "X1" },
        { 事项名称: "丙", 实施主体: "乙", 基本编码: "X1" },
      ]),
    );
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ row: 2, problem: expect.stringMatching(/第 1 行/) }),
    );
  });

  it("refuses an explicit 标识 that is not a kebab-case id, naming the row", async () => {
    const result = await importText("bad-id.csv", "标识,事项名称,实施主体\nNot An Id,甲,乙\n");
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ row: 2, column: "标识" }));
  });
});

describe("files that are not what they claim", () => {
  it("names a renamed binary instead of parsing it", async () => {
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from([0, 1, 2, 3])]);
    const asXlsx = await importText("guide.xlsx", pdf);
    expect(asXlsx.ok).toBe(false);
    expect(asXlsx.issues[0]?.problem).toMatch(/不是 XLSX.*PDF/);
    const asCsv = await importText("guide.csv", pdf);
    expect(asCsv.issues[0]?.problem).toMatch(/不是文本.*PDF/);
  });

  it("decodes a GBK CSV and says so", async () => {
    const utf8 = `${HEADER}\n国标事项,测试局,5个工作日,否,申请表,原件,1,申请人自备,必要\n`;
    // GBK bytes of the same text, built from a GB18030 round trip of each character.
    const gbk = encodeGbk(utf8);
    const result = await importText("gbk.csv", gbk);
    expect(result.ok).toBe(true);
    expect(result.encoding).toBe("gb18030");
    expect(result.issues).toContainEqual(expect.objectContaining({ problem: expect.stringMatching(/gb18030/) }));
    const catalog = await loadCatalog({ directory: knowledge });
    expect([...catalog.matters.values()].some((matter) => matter.name === "国标事项")).toBe(true);
  });

  it("refuses an XLSX formula without a value and reports its cell", async () => {
    const xlsx = await writeXlsxWithFormula();
    const result = await importText("formula.xlsx", xlsx);
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ row: 2, column: "C", severity: "error" }));
  });

  it("refuses more rows than one import takes, as a whole, without crashing", async () => {
    const rows = Array.from({ length: 50_000 }, (_, index) => `事项${index},测试局`);
    const result = await importText("huge.csv", `事项名称,实施主体\n${rows.join("\n")}\n`);
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.problem).toContain(String(MAX_IMPORT_ROWS));
  });

  it("refuses an empty file", async () => {
    expect((await importText("empty.csv", "")).issues[0]?.problem).toBe("文件是空的");
  });
});

/** GBK-encodes text using Node's decoder as the table: each character's two bytes found by search. */
function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder("gb18030");
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const character = decoder.decode(Uint8Array.from([lead, trail]));
      if (!table.has(character)) table.set(character, [lead, trail]);
    }
  const bytes: number[] = [];
  for (const character of text) {
    const code = character.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(table.get(character) ?? []));
  }
  return Buffer.from(bytes);
}

async function writeXlsxWithFormula(): Promise<Buffer> {
  // writeXlsx writes values; a formula cell is added through a row of a cell object exceljs accepts.
  return writeXlsx({
    rows: [
      ["事项名称", "实施主体", "承诺办结时限"],
      ["甲", "乙", { formula: "1+1" } as unknown as string],
    ],
  });
}
