import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Benefit, loadBenefits, loadCatalog } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { parseCsv } from "./csv.js";
import { formatMatchSummary, matchCsv } from "./match-csv.js";
import { profileFromCsvRow, unknownCsvColumns } from "./profile-from-csv.js";

const SAMPLE = path.join(import.meta.dirname, "__fixtures__/sample-profiles.csv");
const ROOT = path.resolve(import.meta.dirname, "../..");
let benefits: Map<string, Benefit>;
let directory: string;

beforeAll(async () => {
  const catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
  benefits = await loadBenefits({ directory: KNOWLEDGE_DIR, catalog });
  directory = await mkdtemp(path.join(tmpdir(), "banshi-match-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function run(text: string, include?: ("eligible" | "possible" | "ineligible")[]) {
  const lines: string[] = [];
  const result = await matchCsv({
    records: parseCsv(text),
    benefits,
    asOf: "2026-12-04",
    include,
    write: (line) => lines.push(line),
  });
  return { result, rows: lines.slice(1).map((line) => [...parseCsv(line)][0]?.cells ?? []) };
}

describe("profileFromCsvRow", () => {
  it("reads 是/否, Chinese option labels and numbers; empty cells stay unknown", () => {
    const header = ["id", "sex", "employmentStatus", "lowIncomeFamily", "disabilityGrade", "age"];
    expect(profileFromCsvRow(header, ["p1", "女", "已退休", "否", "2", ""])).toEqual({
      status: "ok",
      id: "p1",
      profile: { sex: "female", employmentStatus: "retired", lowIncomeFamily: false, disabilityGrade: 2 },
    });
  });

  it("names the cell it cannot read and a wrong number of columns", () => {
    expect(profileFromCsvRow(["lowIncomeFamily"], ["maybe"])).toEqual({
      status: "invalid",
      message: "lowIncomeFamily：无法识别的取值",
    });
    expect(profileFromCsvRow(["id", "age"], ["p1"])).toMatchObject({ status: "invalid", message: "应有2列，实际1列" });
  });

  it("reports header columns that are not profile fields", () => {
    expect(unknownCsvColumns(["id", "age", "name", "idNumber"])).toEqual(["name", "idNumber"]);
  });
});

describe("matchCsv", () => {
  it("writes one line per person and benefit with decision, route and reasons, and skips bad rows by line number", async () => {
    const { result, rows } = await run(await readFile(SAMPLE, "utf8"));
    expect(result.status).toBe("done");
    if (result.status !== "done") return;
    expect(result.summary).toMatchObject({ rows: 10, matched: 7 });
    expect(result.summary.skipped.map((skip) => skip.line)).toEqual([8, 9, 11]);
    expect(result.summary.skipped[0]?.message).toContain("子女出生日期早于或等于本人出生日期");
    const retiree = rows.filter((row) => row[0] === "sample-002");
    const reward = retiree.find((row) => row[2] === "only-child-parent-reward");
    expect(reward?.slice(4, 7)).toEqual(["符合", "免申即享", "only-child-parent-reward"]);
    expect(reward?.[8]).toContain("符合：持有《独生子女父母光荣证》");
    const possible = rows.find((row) => row[0] === "sample-001" && row[4] === "可能符合");
    expect(possible?.[7]).not.toBe("");
    expect(rows.some((row) => row[4] === "不符合")).toBe(false);
  });

  it("writes the ineligible too when asked, with the failing condition", async () => {
    const { rows } = await run("id,youngestChildAge\nx,5\n", ["ineligible"]);
    const childcare = rows.find((row) => row[2] === "childcare-subsidy");
    expect(childcare?.[8]).toMatch(/^不符合：婴幼儿未满3周岁/);
  });

  it("stops at a header with unknown columns before writing anything", async () => {
    const lines: string[] = [];
    const result = await matchCsv({
      records: parseCsv("id,name,age\nx,张三,30\n"),
      benefits,
      asOf: "2026-12-04",
      write: (line) => lines.push(line),
    });
    expect(result).toEqual({ status: "bad_header", message: "表头有未知列：name" });
    expect(lines).toEqual([]);
  });

  it("summarises per benefit with the 免申即享 ones marked", async () => {
    const { result } = await run("id,onlyChildParent,employmentStatus\na,是,已退休\nb,否,已退休\n");
    if (result.status !== "done") throw new Error(result.message);
    const text = formatMatchSummary(result.summary);
    expect(text.split("\n")[0]).toBe("2 rows read, 2 matched, 0 skipped");
    expect(text).toMatch(/only-child-parent-reward\s+1\s+0\s+1\s+automatic/);
  });
});

describe("npm run match", () => {
  it("writes the CSV, prints the summary and reports skipped rows on stderr with exit code 0", async () => {
    const out = path.join(directory, "out.csv");
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/match.ts", "--profiles", SAMPLE, "--out", out, "--as-of", "2026-12-04"],
      { cwd: ROOT },
    );
    expect(stdout).toContain("10 rows read, 7 matched, 3 skipped");
    expect(stderr).toContain("sample-profiles.csv:8: skipped:");
    // A short file gets no progress bar.
    expect(stderr).not.toContain("profiles [");
    const written = await readFile(out, "utf8");
    expect(written.startsWith("\ufeffid,line,benefit_id")).toBe(true);
  });

  it("shows a progress bar on a long file and still reports a bad row in the middle by its line number", async () => {
    const rows = Array.from({ length: 300 }, (_, index) => `p${index},${50 + (index % 40)},男,已退休`);
    rows[149] = "bad,不详,男,已退休"; // file line 151: the header is line 1
    const input = path.join(directory, "long.csv");
    await writeFile(input, `id,age,sex,employmentStatus\n${rows.join("\n")}\n`);
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/match.ts", "--profiles", input, "--as-of", "2026-12-04"],
      { cwd: ROOT },
    );
    expect(stderr).toMatch(/profiles \[[^\]]*\] 300\/300/);
    expect(stderr).toContain("long.csv:151: skipped:");
    expect(stdout).toContain("300 rows read, 299 matched, 1 skipped");
  });

  it("reads a GBK file, as Chinese spreadsheet software saves CSV, and says so", async () => {
    // GBK bytes of 男 and 已退休.
    const male = Buffer.from([0xc4, 0xd0]);
    const retired = Buffer.from([0xd2, 0xd1, 0xcd, 0xcb, 0xd0, 0xdd]);
    const input = path.join(directory, "gbk.csv");
    await writeFile(
      input,
      Buffer.concat([
        Buffer.from("id,sex,employmentStatus,age\r\na,"),
        male,
        Buffer.from(","),
        retired,
        Buffer.from(",65\r\n"),
      ]),
    );
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/match.ts", "--profiles", input, "--as-of", "2026-12-04"],
      { cwd: ROOT },
    );
    expect(stderr).toContain("gbk.csv: not UTF-8, read as gb18030");
    expect(stdout).toContain("1 rows read, 1 matched, 0 skipped");
  });

  it("exits 1 on an unknown column and leaves no output file", async () => {
    const input = path.join(directory, "bad.csv");
    await import("node:fs/promises").then((fs) => fs.writeFile(input, "id,name\nx,张三\n"));
    const failure = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/match.ts", "--profiles", input, "--as-of", "2026-12-04"],
      { cwd: ROOT },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining("表头有未知列：name") });
    await expect(stat(path.join(directory, "bad.matches.csv"))).rejects.toThrow();
  });
});
