import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadImage } from "@napi-rs/canvas";
import { PDFParse } from "pdf-parse";
import { afterAll, describe, expect, it } from "vitest";
import { degradationPreset } from "./degrade.js";
import { generatePrereviewCases } from "./generate-cases.js";
import { generatePerson } from "./generate-person.js";
import { createRandom } from "./random.js";
import { renderFile } from "./render-file.js";
import { renderIdCardBack, renderIdCardFront } from "./render-id-card.js";
import { writePrereviewCase } from "./write-case.js";

const person = generatePerson(createRandom(42), { bornBetween: ["1964-01-01", "1966-12-31"] });
const front = renderIdCardFront(person);
const back = renderIdCardBack(person.idCard);

async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: bytes.slice() });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } finally {
    await parser.destroy();
  }
}

describe("renderFile", () => {
  it("writes a text PDF whose text layer gives back the printed fields, front and back as two pages", async () => {
    const file = await renderFile({ documents: [front, back], format: "pdf_text" });
    expect(file.mimeType).toBe("application/pdf");
    expect(file.bytes.length).toBeLessThan(150_000);
    const { text, pages } = await pdfText(file.bytes);
    expect(pages).toBe(2);
    const compact = text.replace(/\s+/g, "");
    for (const value of [person.name, person.idNumber, "公民身份号码", "签发机关", person.idCard.issuingAuthority])
      expect(compact).toContain(value);
  });

  it("writes a scan PDF with page images and no text layer", async () => {
    const file = await renderFile({
      documents: [front, back],
      format: "pdf_scan",
      degradation: { rotation: 1, noise: 5 },
    });
    const { text, pages } = await pdfText(file.bytes);
    expect(pages).toBe(2);
    expect(text.replace(/--\s*\d+\s*of\s*\d+\s*--/g, "").trim()).toBe("");
  });

  it("renders a clean card at 1000×630 and stacks both sides on one sheet", async () => {
    const single = await loadImage(Buffer.from((await renderFile({ documents: [front], format: "png" })).bytes));
    expect([single.width, single.height]).toEqual([1000, 630]);
    const sheet = await loadImage(Buffer.from((await renderFile({ documents: [front, back], format: "jpeg" })).bytes));
    expect(sheet.height).toBeGreaterThan(2 * 630);
  });

  it("makes the unreadable preset tiny or heavily blurred", async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const options = degradationPreset("unreadable", createRandom(seed), "card");
      const image = await loadImage(
        Buffer.from((await renderFile({ documents: [front], format: "jpeg", degradation: options })).bytes),
      );
      expect(image.width <= 160 || (options.blur ?? 0) >= 10).toBe(true);
    }
  });
});

describe("generatePrereviewCases", () => {
  const folders: string[] = [];
  afterAll(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it("gives the same bytes for the same seed and different bytes for another", async () => {
    const [first, again, other] = await Promise.all([
      generatePrereviewCases({ seed: 3, count: 3 }),
      generatePrereviewCases({ seed: 3, count: 3 }),
      generatePrereviewCases({ seed: 4, count: 3 }),
    ]);
    expect(again.map((item) => item.files.map((file) => Buffer.from(file.bytes).toString("base64")))).toEqual(
      first.map((item) => item.files.map((file) => Buffer.from(file.bytes).toString("base64"))),
    );
    expect(again.map((item) => item.description)).toEqual(first.map((item) => item.description));
    expect(other.map((item) => item.description)).not.toEqual(first.map((item) => item.description));
  });

  it("writes a case folder with its files, JSON and a curl.sh posting files and materialIds in order", async () => {
    const [item] = await generatePrereviewCases({ seed: 8, count: 1 });
    if (!item) throw new Error("no case");
    const directory = await mkdtemp(path.join(tmpdir(), "generator-"));
    folders.push(directory);
    const folder = await writePrereviewCase(directory, item);
    const names = await readdir(folder);
    for (const name of [
      "form.json",
      "scenario.json",
      "expected.json",
      "truth.json",
      "curl.sh",
      ...item.files.map((file) => file.name),
    ])
      expect(names).toContain(name);
    const script = await readFile(path.join(folder, "curl.sh"), "utf8");
    expect(script).toContain("/api/prereview");
    const parts = [...script.matchAll(/-F '(files|materialIds)=([^';]*)/g)].map((match) => [match[1], match[2]]);
    expect(parts).toEqual(
      item.files.flatMap((file) => [
        ["files", `@${file.name}`],
        ["materialIds", file.materialId ?? ""],
      ]),
    );
    expect(JSON.parse(await readFile(path.join(folder, "form.json"), "utf8"))).toEqual(item.form);
  });
});
