import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createChatKnowledge, createChatService } from "../src/agents/index.js";
import type { Catalog } from "../src/catalog/index.js";
import type { SearchIndex } from "../src/retrieval/index.js";
import { createStorage } from "../src/storage/index.js";

export interface ChatBenchRow {
  system: string;
  concurrency: number;
  replies: number;
  p50: number;
  p95: number;
  p99: number;
  repliesPerSecond: number;
}

// Dialogues a virtual user repeats: each turn is one request.
const DIALOGUES = [
  ["宝宝刚出生要办哪些手续", "结婚了", "在本省的医院生的", "要报销"],
  ["我是灵活就业人员，快到退休年龄了，要办什么", "没有提前退休", "不是独生子女", "户籍在外省"],
  ["开个饭馆要办什么手续", "还没有执照", "面积超过300平米", "不设招牌", "不卖烟"],
  ["食品经营许可要什么材料"],
  ["国发〔2024〕3号里容缺办理的材料可以怎么处理"],
  ["出生医学证明办理要收费吗"],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** A chat service under test: any `reply` with the service's shape. */
export interface BenchedChat {
  name: string;
  reply(input: { sessionId?: string; message: string; clientKey: string }): Promise<{ sessionId?: string }>;
}

/**
 * Chat latency in extractive mode with real storage (PGlite), at 1 and 20 concurrent sessions,
 * next to the baseline of a bare top-1 retrieval call for the same messages; with `previous`, the
 * previous release's chat service (--chat-baseline) is measured in the same run.
 */
export async function benchChat(options: {
  catalog: Catalog;
  index: SearchIndex;
  rounds: number;
  previous?: (storageDir: string) => Promise<{ chat: BenchedChat; close(): Promise<void> }>;
}): Promise<ChatBenchRow[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-chat-bench-"));
  // The database as the server runs it: in a thread of its own (the previous release: as it ran it).
  const storage = await createStorage({ dataDir, pgliteThread: true });
  const knowledge = await createChatKnowledge({
    catalog: options.catalog,
    retriever: options.index.retriever,
    tokenizer: options.index.tokenizer,
    chunks: options.index.chunks,
  });
  const current = createChatService({ knowledge, storage });
  const previous = options.previous ? await options.previous(path.join(dataDir, "previous")) : undefined;
  const systems: { name: string; reply: BenchedChat["reply"] | undefined }[] = [
    { name: "Banshi chat (extractive)", reply: (input) => current.reply(input) },
    ...(previous ? [{ name: previous.chat.name, reply: previous.chat.reply }] : []),
    { name: "baseline: top-1 retrieval", reply: undefined },
  ];
  const rows: ChatBenchRow[] = [];
  /** Plays `rounds` dialogues per session on `concurrency` sessions; the time of each reply. */
  const play = async (system: (typeof systems)[number], concurrency: number, rounds: number) => {
    const timings: number[] = [];
    await Promise.all(
      Array.from({ length: concurrency }, async (_, user) => {
        for (let round = 0; round < rounds; round++) {
          const dialogue = DIALOGUES[(user + round) % DIALOGUES.length] as string[];
          let sessionId: string | undefined;
          for (const message of dialogue) {
            const t0 = performance.now();
            if (system.reply) {
              const reply = await system.reply({ sessionId, message, clientKey: `bench-${user}` });
              sessionId = reply.sessionId;
            } else await options.index.retriever.search({ query: message, k: 1 });
            timings.push(performance.now() - t0);
          }
        }
      }),
    );
    return timings;
  };
  try {
    // Untimed warm-up of every system first: measured without it, the same code ran about 10% faster
    // when it came second (its caches and the JIT warmed by the first system's run).
    for (const system of systems) await play(system, 20, 1);
    for (const concurrency of [1, 20]) {
      for (const system of systems) {
        const started = performance.now();
        const timings = await play(system, concurrency, options.rounds);
        const seconds = (performance.now() - started) / 1000;
        timings.sort((a, b) => a - b);
        rows.push({
          system: system.name,
          concurrency,
          replies: timings.length,
          p50: percentile(timings, 50),
          p95: percentile(timings, 95),
          p99: percentile(timings, 99),
          repliesPerSecond: timings.length / seconds,
        });
      }
    }
  } finally {
    await previous?.close();
    await storage.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}

export function renderChatBench(rows: ChatBenchRow[]): string {
  const lines = [
    "| system | concurrent sessions | replies | p50 ms | p95 ms | p99 ms | replies/s | p95 vs Banshi |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of rows) {
    const banshi = rows.find((other) => other.concurrency === row.concurrency && other.system.startsWith("Banshi"));
    lines.push(
      `| ${row.system} | ${row.concurrency} | ${row.replies} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.repliesPerSecond.toFixed(0)} | ${banshi ? (row.p95 / banshi.p95).toFixed(2) : "-"}× |`,
    );
  }
  return lines.join("\n");
}
