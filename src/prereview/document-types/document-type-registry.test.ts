import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { DocumentTypeSchema } from "../../catalog/index.js";
import { DocumentSideSchema } from "../types.js";
import {
  DOCUMENT_TYPE_DATA,
  type DocumentTypeData,
  documentTypeName,
  FIELD_LABELS,
  fieldLabel,
  prefillsField,
  requiredSides,
} from "./document-type-data.js";
import { DOCUMENT_TYPE_REGISTRY, documentSignatures, fieldReader } from "./document-type-registry.js";

const types = DocumentTypeSchema.options;

describe("the document-type registry", () => {
  it("has every part for every document type: name, sides, a signature or null per side, a reader per read side", () => {
    for (const type of types) {
      const data = DOCUMENT_TYPE_DATA[type];
      const entry = DOCUMENT_TYPE_REGISTRY[type];
      expect(data.name, type).not.toBe("");
      const sides = Object.keys(data.sides);
      expect(sides.length, type).toBeGreaterThan(0);
      for (const side of sides) expect(DocumentSideSchema.options, `${type}/${side}`).toContain(side);
      expect(Object.keys(entry.signatures).sort(), type).toEqual([...sides].sort());
      const readSides = sides.filter((side) => (data.sides as Record<string, readonly string[]>)[side]?.length);
      expect(Object.keys(entry.readers).sort(), type).toEqual(readSides.sort());
    }
  });

  it("labels every field in Chinese and names only fields the type has as its own", () => {
    for (const type of types) {
      const data = DOCUMENT_TYPE_DATA[type];
      const fields = Object.values(data.sides).flat() as string[];
      for (const field of fields) expect(FIELD_LABELS, `${type}.${field}`).toHaveProperty(field);
      for (const field of data.ownFields) expect(fields, `${type}'s own ${field}`).toContain(field);
      const { expiryField } = data as DocumentTypeData;
      if (expiryField) expect(fields, `${type} expires by ${expiryField}`).toContain(expiryField);
    }
  });

  it("recognises every type from text but photos and `other`", () => {
    const recognised = new Set(documentSignatures.map((signature) => signature.documentType));
    expect(types.filter((type) => !recognised.has(type))).toEqual(["photo", "other"]);
  });

  it("looks readers up by type and side, and has none for an unknown code", () => {
    expect(fieldReader("id_card", "back")).toBe(DOCUMENT_TYPE_REGISTRY.id_card.readers.back);
    expect(fieldReader("lease_contract", "single")).toBeUndefined();
    expect(fieldReader("passport", "single")).toBeUndefined();
  });

  it("names types, sides and fields as the console and messages did", () => {
    expect(documentTypeName("household_register")).toBe("居民户口簿");
    expect(documentTypeName(undefined)).toBe("无法识别的材料");
    expect(documentTypeName("passport")).toBe("材料");
    expect(requiredSides("id_card")).toEqual(["front", "back"]);
    expect(requiredSides("household_register")).toEqual(["home_page", "member_page"]);
    expect(requiredSides("bank_card")).toBeUndefined();
    expect(fieldLabel("issuingAuthority")).toBe("签发机关");
    expect(fieldLabel("newField")).toBe("newField");
  });

  it("prefills the holder's details, not the document's own number or validity", () => {
    expect(prefillsField("id_card", "address")).toBe(true);
    expect(prefillsField("id_card", "validUntil")).toBe(false);
    expect(prefillsField("social_security_card", "cardNumber")).toBe(false);
    expect(prefillsField("bank_card", "cardNumber")).toBe(true);
    expect(prefillsField("id_card", "phone")).toBe(false);
    expect(prefillsField(undefined, "phone")).toBe(true);
  });
});

describe("the browser-safe vocabulary (src/prereview/vocabulary.ts)", () => {
  it("bundles for the browser from pure data alone: no package, no Node module, no pipeline code", async () => {
    const entry = fileURLToPath(new URL("../vocabulary.ts", import.meta.url));
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => input.replace(/^.*src\/prereview\//, ""));
    expect(inputs.sort()).toEqual(["document-types/document-type-data.ts", "rules/built-in-rules.ts", "vocabulary.ts"]);
  });
});
