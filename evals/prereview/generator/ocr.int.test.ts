// Real tesseract.js (offline chi_sim) on generated cards: proves the renders are OCR-readable and the
// unreadable preset is not.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createWorker, type PSM, type Worker } from "tesseract.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { degradationPreset } from "./degrade.js";
import { generatePerson } from "./generate-person.js";
import { createRandom } from "./random.js";
import { renderFile } from "./render-file.js";
import { renderIdCardBack, renderIdCardFront } from "./render-id-card.js";

let worker: Worker;
let cachePath: string;

beforeAll(async () => {
  cachePath = await mkdtemp(path.join(tmpdir(), "tesseract-cache-"));
  worker = await createWorker(["chi_sim"], 1, {
    langPath: path.resolve("node_modules/@tesseract.js-data/chi_sim/4.0.0_best_int"),
    gzip: true,
    cachePath,
  });
  await worker.setParameters({ tessedit_pageseg_mode: "4" as PSM, preserve_interword_spaces: "1" });
});

afterAll(async () => {
  await worker?.terminate();
  await rm(cachePath, { recursive: true, force: true });
});

async function read(bytes: Uint8Array): Promise<string> {
  const { data } = await worker.recognize(Buffer.from(bytes));
  return data.text.replace(/\s+/g, "");
}

const person = generatePerson(createRandom(2), { bornBetween: ["1960-01-01", "1999-12-31"] });

describe("OCR of generated ID cards", () => {
  it("reads the name, the ID number and the labels of a clean front PNG", async () => {
    const text = await read((await renderFile({ documents: [renderIdCardFront(person)], format: "png" })).bytes);
    expect(text).toContain(person.name);
    expect(text).toContain(person.idNumber);
    for (const label of ["姓名", "性别", "民族", "出生", "住址", "公民身份号码"]) expect(text).toContain(label);
  });

  it("reads the issuing authority and validity of a clean back", async () => {
    const text = await read((await renderFile({ documents: [renderIdCardBack(person.idCard)], format: "png" })).bytes);
    expect(text).toContain(person.idCard.issuingAuthority);
    expect(text).toContain(person.idCard.validFrom.replaceAll("-", "."));
  });

  it("reads neither name nor number from the unreadable preset", async () => {
    for (const seed of [1, 2]) {
      const degradation = degradationPreset("unreadable", createRandom(seed), "card");
      const text = await read(
        (await renderFile({ documents: [renderIdCardFront(person)], format: "jpeg", degradation })).bytes,
      );
      expect(text).not.toContain(person.name);
      expect(text).not.toContain(person.idNumber);
    }
  });
});
