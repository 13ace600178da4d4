import { z } from "zod";

/** A JSON object as stored in a jsonb column; values round-trip through JSON (dates become strings). */
export const JsonObjectSchema = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObjectSchema>;

/** Ids are uuids; anything else (a client's typo, a probe) cannot exist and never reaches the database. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Text for a `$n::jsonb` parameter; passing text keeps both drivers from guessing a type. */
export function toJsonParameter(value: JsonObject): string {
  return JSON.stringify(value);
}
