import type { z } from "zod";
import { AppError } from "../errors.js";
import type { SqlRow } from "./sql-client.js";

/**
 * Validates rows from the database. Schemas are tolerant (coerce numbers and dates, ignore extra
 * columns) so both drivers' representations pass; a row that still does not fit is a fault.
 */
export function parseRows<Schema extends z.ZodType>(
  schema: Schema,
  rows: readonly SqlRow[],
  what: string,
): z.infer<Schema>[] {
  return rows.map((row) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success)
      throw new AppError("internal", `unexpected ${what} row from the database`, { cause: parsed.error });
    return parsed.data;
  });
}
