import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/** What a browser bundle may hold besides src/web: pure data and pure functions, and Chart.js for the charts. */
const SERVER_CODE = /node_modules\/(?!chart\.js\/|@kurkle\/color\/)|^src\/(http|catalog|agents|retrieval)\//;

async function bundleInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    platform: "browser",
    format: "iife",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

describe("the console's browser bundles", () => {
  it.each(["console/main.ts", "console/stats-main.ts"])(
    "%s takes the API's types and the pre-review's vocabulary without any server code or zod",
    async (entry) => {
      const inputs = await bundleInputs(entry);
      expect(inputs.filter((input) => SERVER_CODE.test(input))).toEqual([]);
      expect(inputs.some((input) => input.includes("/prereview/pipeline") || input.includes("/extract/"))).toBe(false);
    },
  );
});
