// Hand-built PDFs for the limits tests: one page whose content stream is Flate-compressed and
// inflates to `inflatedBytes` (a compression bomb when large), or carries an image XObject that
// declares any size.
import { deflateSync } from "node:zlib";

export interface MakePdfOptions {
  /** Bytes the page content inflates to (text drawn first, then `q Q` pairs as padding). Default: just the text. */
  inflatedBytes?: number;
  /** An image XObject declaring this size; its data inflates to `dataBytes` (default 16). */
  image?: { width: number; height: number; dataBytes?: number };
  /** Pages, each drawing the same content. Default 1. */
  pages?: number;
}

/** A small, valid PDF (an xref table with true offsets) built from its objects. */
export function makePdf(options: MakePdfOptions = {}): Buffer {
  const text = "BT /F1 24 Tf 72 720 Td (Banshi limits test) Tj ET\n";
  const padding = Math.max(0, (options.inflatedBytes ?? 0) - text.length);
  // Repeating "q Q\n" compresses about 1000:1, so a 1 GB content stream stays near 1 MB.
  const content = Buffer.concat([Buffer.from(text), Buffer.alloc(padding, "q Q\n")]);
  const compressed = deflateSync(content, { level: 9 });
  const pageCount = Math.max(1, options.pages ?? 1);

  const objects: Buffer[] = [];
  const add = (body: Buffer | string) => objects.push(typeof body === "string" ? Buffer.from(body, "latin1") : body);
  const firstPage = 5;
  const kids = Array.from({ length: pageCount }, (_, index) => `${firstPage + index} 0 R`).join(" ");
  add("<< /Type /Catalog /Pages 2 0 R >>");
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pageCount} >>`);
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  add(
    Buffer.concat([
      Buffer.from(`<< /Length ${compressed.length} /Filter /FlateDecode >>\nstream\n`, "latin1"),
      compressed,
      Buffer.from("\nendstream", "latin1"),
    ]),
  );
  const imageObject = firstPage + pageCount;
  const resources = options.image
    ? `<< /Font << /F1 3 0 R >> /XObject << /Im1 ${imageObject} 0 R >> >>`
    : "<< /Font << /F1 3 0 R >> >>";
  for (let page = 0; page < pageCount; page++)
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents 4 0 R >>`);
  if (options.image) {
    const data = deflateSync(Buffer.alloc(options.image.dataBytes ?? 16), { level: 9 });
    add(
      Buffer.concat([
        Buffer.from(
          `<< /Type /XObject /Subtype /Image /Width ${options.image.width} /Height ${options.image.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
          "latin1",
        ),
        data,
        Buffer.from("\nendstream", "latin1"),
      ]),
    );
  }

  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  objects.forEach((body, index) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`, "latin1"), body, Buffer.from("\nendobj\n")]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [
    "xref",
    `0 ${objects.length + 1}`,
    "0000000000 65535 f ",
    ...offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n `),
    "trailer",
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    "startxref",
    String(length),
    "%%EOF",
  ].join("\n");
  parts.push(Buffer.from(`${xref}\n`, "latin1"));
  return Buffer.concat(parts);
}
