// Writes a generated case to a folder: the files, form.json, scenario.json, expected.json,
// truth.json and a curl.sh that posts the case to a running server.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PrereviewCase } from "./types.js";

/** Single-quotes a value for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

export function curlScript(item: PrereviewCase): string {
  const target = item.bundleId
    ? `-F ${shellQuote(`bundleId=${item.bundleId}`)}`
    : `-F ${shellQuote(`matterId=${item.matterId}`)}`;
  const lines = [
    "#!/bin/sh",
    `# ${item.id}: ${item.description.replaceAll("\n", " ")}`,
    `# expected: ${item.expected.verdict}${item.expected.defects.map((defect) => ` ${defect.ruleId}${defect.materialId ? `@${defect.materialId}` : ""}`).join("")}`,
    'cd "$(dirname "$0")" || exit 1',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template
    'curl -sS -X POST "http://127.0.0.1:${PORT:-3000}/api/prereview" \\',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template
    '  ${TOKEN:+-H} ${TOKEN:+"Authorization: Bearer $TOKEN"} \\',
    `  ${target} \\`,
    `  -F ${shellQuote(`scenario=${JSON.stringify(item.scenario)}`)} \\`,
    `  -F ${shellQuote(`form=${JSON.stringify(item.form)}`)} \\`,
    ...item.files.flatMap((file) => [
      `  -F ${shellQuote(`files=@${file.name};type=${file.mimeType}`)} \\`,
      `  -F ${shellQuote(`materialIds=${file.materialId ?? ""}`)} \\`,
    ]),
    "  ;",
    "echo",
    "",
  ];
  return lines.join("\n");
}

/** Writes the case into `<directory>/<case id>/` and returns that folder. */
export async function writePrereviewCase(directory: string, item: PrereviewCase): Promise<string> {
  const folder = path.join(directory, item.id);
  await mkdir(folder, { recursive: true });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  for (const file of item.files) await writeFile(path.join(folder, file.name), file.bytes);
  await writeFile(path.join(folder, "form.json"), json(item.form));
  await writeFile(path.join(folder, "scenario.json"), json(item.scenario));
  await writeFile(
    path.join(folder, "expected.json"),
    json({
      id: item.id,
      bundleId: item.bundleId,
      matterId: item.matterId,
      description: item.description,
      ...item.expected,
    }),
  );
  await writeFile(
    path.join(folder, "truth.json"),
    json(
      item.files.map(({ name, mimeType, materialId, truth, unreadable, render }) => ({
        name,
        mimeType,
        materialId,
        unreadable,
        render,
        truth,
      })),
    ),
  );
  await writeFile(path.join(folder, "curl.sh"), curlScript(item), { mode: 0o755 });
  return folder;
}
