// Imported for its side effect before pdf-parse (see pdf-text-layer.ts): it records the built-ins
// that pdf.js's legacy build replaces with core-js polyfills when it loads, so they can be put back.
//
// pdf-parse loads pdfjs-dist's legacy build, which installs core-js polyfills over the engine's own
// `Array.prototype.push`, `JSON.parse` and `Function.prototype.toString` for the whole process (Node
// 20's V8 fails core-js's feature tests for edge cases: push on an array whose length is read-only,
// JSON.parse's source-text proposal). Every `push` in every module then runs core-js's JavaScript
// instead of the engine's builtin: in a profile of `GET /api/search` the polyfilled push was 2–3% of
// the main thread. What pdf.js adds (new methods such as `Promise.withResolvers`) is kept; only
// what it replaced is restored, and the engine's versions do what pdf.js needs of them.
const natives = [
  [Array.prototype, "push"],
  [JSON, "parse"],
  [Function.prototype, "toString"],
].map(([owner, key]) => ({
  owner: owner as object,
  key: key as string,
  descriptor: Object.getOwnPropertyDescriptor(owner, key as string) as PropertyDescriptor,
}));

/** Puts back the built-ins as they were when this module was first evaluated. */
export function restoreNativeBuiltins(): void {
  for (const { owner, key, descriptor } of natives) Object.defineProperty(owner, key, descriptor);
}
