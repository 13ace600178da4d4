// What the pre-review and prefill suites check of a page image response: both routers serve one
// page of a file the same way (src/http/page-image.ts).
import type request from "supertest";
import { expect } from "vitest";
import { renderPageImage } from "../prereview/extract/index.js";
import type { FileKind } from "../prereview/index.js";

/** The request with its body read as bytes (a Buffer), whether the answer is an image or an error's JSON. */
export function asBytes(call: request.Test): request.Test {
  return call.buffer(true).parse((response, callback) => {
    const chunks: Buffer[] = [];
    response.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.on("end", () => callback(null, Buffer.concat(chunks)));
  });
}

/** The `error` of a JSON error body read by `asBytes`. */
export const errorOf = (response: request.Response) =>
  (JSON.parse((response.body as Buffer).toString("utf8")) as { error: Record<string, unknown> }).error;

/**
 * Checks that `response` is page `page` of the file `bytes` as OCR read it: a PNG with the pixel size
 * its evidence boxes are measured in, neither cached nor sent on as a referrer nor sniffed.
 */
export async function expectPageImage(response: request.Response, bytes: Uint8Array, kind: FileKind, page: number) {
  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toBe("image/png");
  expect(response.headers["cache-control"]).toBe("no-store");
  expect(response.headers["referrer-policy"]).toBe("no-referrer");
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  const expected = await renderPageImage(bytes, kind, page);
  if (expected.status !== "ok") throw new Error("the fixture did not render");
  expect(response.headers["x-page-width"]).toBe(String(expected.width));
  expect(response.headers["x-page-height"]).toBe(String(expected.height));
  expect((response.body as Buffer).subarray(1, 4).toString("latin1")).toBe("PNG");
}
