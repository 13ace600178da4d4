import { readFile } from "node:fs/promises";
import type { z } from "zod";

/** Reads a JSONL dataset, one schema-checked case per line; a bad line fails with its line number. */
export async function loadJsonl<T extends z.ZodType>(file: string, schema: T): Promise<z.infer<T>[]> {
  const lines = (await readFile(file, "utf8")).split("\n").filter((line) => line.trim());
  return lines.map((line, index) => {
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
}
