import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// In a process of its own: whether the built-ins are the engine's depends on what was loaded before.
const script = `
const push = Array.prototype.push, parse = JSON.parse, toString = Function.prototype.toString;
const same = () => [Array.prototype.push === push, JSON.parse === parse, Function.prototype.toString === toString];
const { readPdfTextLayer } = await import(${JSON.stringify(path.join(import.meta.dirname, "pdf-text-layer.ts"))});
const afterImport = same();
const { makeTextPdf } = await import(${JSON.stringify(path.join(import.meta.dirname, "__fixtures__/render-documents.ts"))});
const read = await readPdfTextLayer(await makeTextPdf([["申请人姓名：张三"]]));
console.log(JSON.stringify({ afterImport, afterRead: same(), text: read.pages?.[0]?.text }));
`;

describe("restoreNativeBuiltins", () => {
  it("leaves the engine's push, JSON.parse and Function.prototype.toString in place once pdf-parse has loaded and read a PDF", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "--eval", script],
      { cwd: path.join(import.meta.dirname, "../../..") },
    );
    expect(JSON.parse(stdout.trim().split("\n").at(-1) ?? "")).toEqual({
      afterImport: [true, true, true],
      afterRead: [true, true, true],
      text: "申请人姓名：张三",
    });
  });
});
