import type { Chunk } from "../retrieval/index.js";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A plain page of a guide, bundle, policy, FAQ entry or benefit, one section per passage; `#<section key>` anchors the citations' links. */
export function renderGuidePage(documentId: string, chunks: readonly Chunk[]): string {
  const title = chunks[0]?.title ?? documentId;
  const sections = chunks
    .map((chunk) => {
      const anchor = chunk.id.split("#")[1] ?? "";
      const heading = chunk.sectionPath.length > 0 ? chunk.sectionPath.join(" › ") : "";
      return `<section id="${escapeHtml(anchor)}">${heading ? `<h2>${escapeHtml(heading)}</h2>` : ""}<p>${escapeHtml(chunk.text).replace(/\n/g, "<br>")}</p></section>`;
    })
    .join("\n");
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:18px/1.7 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{color:#9f1d20;font-size:1.6rem}h2{font-size:1.1rem;color:#333;margin-top:1.6rem}section:target{background:#fff6d6;outline:3px solid #b8860b;padding:.3rem .6rem}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${sections}</main></body></html>`;
}
