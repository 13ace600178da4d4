// Catalog import: an authority's 办事指南 export (CSV, XLSX, JSON) into knowledge/matters, all or nothing.
// Kept apart from src/catalog's index so the loader does not pull in the spreadsheet reader.
export * from "./guide-columns.js";
export * from "./import-catalog.js";
export * from "./import-issue.js";
export * from "./map-guide-records.js";
export * from "./read-guide-export.js";
export { writeXlsx } from "./xlsx-workbook.js";
export { parseCsv } from "./csv-table.js";
