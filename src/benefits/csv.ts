/** One CSV record and the line it starts on (1-based; a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * RFC 4180 records: comma-separated, fields in double quotes may hold commas, newlines and "" for
 * a quote. A byte-order mark and blank lines are skipped. An unclosed quote ends the last record.
 */
export function* parseCsv(text: string): Generator<CsvRecord> {
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (position < text.length) {
    const start = line;
    const cells: string[] = [];
    let atRecordEnd = false;
    while (!atRecordEnd) {
      let cell: string;
      if (text[position] === '"') {
        // Quoted: slices between doubled quotes, so no cell is built a character at a time.
        const parts: string[] = [];
        let from = position + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          const stop = quote === -1 ? text.length : quote;
          parts.push(text.slice(from, stop));
          if (quote !== -1 && text[quote + 1] === '"') {
            parts.push('"');
            from = quote + 2;
            continue;
          }
          position = quote === -1 ? text.length : quote + 1;
          break;
        }
        cell = parts.join("");
        line += cell.split("\n").length - 1;
        // Anything after the closing quote up to the separator belongs to the cell, as lenient readers do.
        const rest = /^[^,\r\n]*/.exec(text.slice(position, position + 1000))?.[0] ?? "";
        cell += rest;
        position += rest.length;
      } else {
        const match = /[,\r\n]/g;
        match.lastIndex = position;
        const found = match.exec(text);
        const stop = found ? found.index : text.length;
        cell = text.slice(position, stop);
        position = stop;
      }
      cells.push(cell);
      const separator = text[position];
      if (separator === ",") position++;
      else {
        atRecordEnd = true;
        if (separator === "\r" && text[position + 1] === "\n") position += 2;
        else if (separator !== undefined) position++;
        if (separator !== undefined) line++;
      }
    }
    if (cells.length > 1 || (cells[0] ?? "").trim() !== "") yield { line: start, cells };
  }
}

// A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with a quote.
const FORMULA = /^[=+\-@\t\r]/;

/** One CSV line (without the newline), quoting where needed and defusing formulas. */
export function toCsvLine(cells: (string | number)[]): string {
  return cells
    .map((value) => {
      let text = String(value);
      if (typeof value === "string" && FORMULA.test(text)) text = `'${text}`;
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(",");
}

/**
 * The text of an uploaded or exported CSV file: UTF-8 (with or without a byte-order mark) when it is
 * valid UTF-8, else GB18030, a superset of the GBK that Chinese spreadsheet software saves by default.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: "utf-8" | "gb18030" } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}
