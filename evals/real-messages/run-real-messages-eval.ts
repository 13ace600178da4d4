// Real citizen messages to a provincial government (../shared/external, never copied here): how
// people really write. In scope (the sample knowledge base covers the topic): handled when the
// reply routes to the expected bundle or matter, or answers on topic, without refusing. Out of
// scope: handled when the reply neither routes confidently nor answers. Read, not tuned against.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { ChatReply } from "../../src/agents/index.js";
import { createEvalChat } from "../chat/create-eval-chat.js";
import { containsFact } from "../chat/replay.js";

const MessageSchema = z.looseObject({
  q: z.string(),
  in_scope: z.boolean(),
  expected_bundle: z.string().nullish(),
  expected_matter: z.string().nullish(),
  expect_keywords: z.array(z.string()).optional(),
  topic: z.string().optional(),
});
type Message = z.infer<typeof MessageSchema>;

export interface RealMessagesReport {
  skipped?: string;
  inScope?: { handled: number; total: number };
  outOfScope?: { handled: number; total: number };
  markdown: string;
}

export async function runRealMessagesEval(options: {
  knowledgeDir: string;
  datasetFile: string;
  reportDir?: string;
}): Promise<RealMessagesReport> {
  if (!existsSync(options.datasetFile)) {
    const skipped = `real-messages: skipped, ${options.datasetFile} is not there (it lives outside the repository)`;
    return { skipped, markdown: skipped };
  }
  const messages = (await readFile(options.datasetFile, "utf8"))
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => MessageSchema.parse(JSON.parse(line)));
  const chat = await createEvalChat({ knowledgeDir: options.knowledgeDir });
  const service = chat.service();
  const rows: { message: Message; reply: ChatReply; handled: boolean; why: string }[] = [];
  try {
    for (const [index, message] of messages.entries()) {
      const reply = await service.reply({ message: message.q.slice(0, 1000), clientKey: `real-${index}` });
      rows.push({ message, reply, ...judge(message, reply) });
    }
  } finally {
    await chat.close();
  }
  const count = (inScope: boolean) => {
    const group = rows.filter((row) => row.message.in_scope === inScope);
    return { handled: group.filter((row) => row.handled).length, total: group.length };
  };
  const inScope = count(true);
  const outOfScope = count(false);
  const share = (part: { handled: number; total: number }) => (part.total ? part.handled / part.total : 0).toFixed(3);
  const markdown = [
    "# Real citizen messages (wenzheng-xidi-2020, read from ../shared/external)",
    "",
    "| group | handled | messages | share | target |",
    "|---|---:|---:|---:|---:|",
    `| in scope: routed to the expected bundle or matter, or answered on topic, not refused | ${inScope.handled} | ${inScope.total} | **${share(inScope)}** | ≥ 0.70 |`,
    `| out of scope: no confident route and no answer | ${outOfScope.handled} | ${outOfScope.total} | **${share(outOfScope)}** | ≥ 0.90 |`,
    "",
    "Every message (first 40 characters), what Banshi did, and the verdict:",
    "",
    ...rows.map(
      (row) =>
        `- ${row.handled ? "✓" : "✗"} ${row.message.in_scope ? "in" : "out"} · ${row.message.q.replace(/\s+/g, " ").slice(0, 40)} → ${row.why}`,
    ),
    "",
  ].join("\n");
  if (options.reportDir) {
    await mkdir(options.reportDir, { recursive: true });
    // Figures and verdicts only: the messages themselves stay outside the repository.
    await writeFile(
      path.join(options.reportDir, "real-messages.json"),
      `${JSON.stringify({ inScope, outOfScope }, null, 2)}\n`,
    );
  }
  return { inScope, outOfScope, markdown };
}

function judge(message: Message, reply: ChatReply): { handled: boolean; why: string } {
  const top = reply.route?.candidates[0];
  const routedTo = reply.scenario
    ? `bundle:${reply.scenario.bundleId}`
    : reply.checklist
      ? `bundle:${reply.checklist.bundleId}`
      : top && reply.intent === "route" && !reply.clarify && reply.grounded
        ? `${top.kind}:${top.id}`
        : undefined;
  const answered = reply.intent === "consult" && reply.grounded;
  const what = routedTo
    ? `routed to ${routedTo}`
    : answered
      ? `answered from ${[...new Set(reply.answer.citations.map((citation) => citation.documentId))].join(", ")}`
      : reply.clarify
        ? `asked which of ${reply.clarify.options.map((option) => option.id).join(", ")}`
        : `${reply.intent}, no answer`;
  if (!message.in_scope) return { handled: !routedTo && !answered, why: what };
  const expected = [
    message.expected_bundle ? `bundle:${message.expected_bundle}` : undefined,
    message.expected_matter ? `matter:${message.expected_matter}` : undefined,
  ].filter(Boolean);
  if (routedTo && expected.includes(routedTo)) return { handled: true, why: what };
  // In the quoted sentences and the titles of what they cite, not the rest of the text: a reply that
  // names the question it cannot answer is not on topic.
  const quoted = [
    ...reply.answer.sentences.map((sentence) => sentence.text),
    ...reply.answer.citations.map((citation) => citation.title),
  ].join("\n");
  const onTopic = (message.expect_keywords ?? []).some((keyword) => containsFact(quoted, keyword));
  const citesExpected = reply.answer.citations.some((citation) => expected.includes(citation.documentId));
  if (answered && (onTopic || citesExpected)) return { handled: true, why: `${what} (on topic)` };
  return { handled: false, why: what };
}
