// The pre-review's browser-safe entry: its vocabulary as pure data (document types with their sides,
// fields and Chinese labels; rules with their Chinese names) and no Node module, so the clerk
// console's bundle and the statistics in storage name codes in Chinese without loading the pipeline.
export {
  DOCUMENT_TYPE_DATA,
  type DocumentFieldName,
  type DocumentTypeData,
  documentFields,
  documentTypeData,
  documentTypeName,
  FIELD_LABELS,
  fieldLabel,
  requiredSides,
  SIDE_NAMES,
} from "./document-types/document-type-data.js";
export { BUILT_IN_RULES, type BuiltInRuleId, ruleLabel, type RuleTraits } from "./rules/built-in-rules.js";
