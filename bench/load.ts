// `npm run load`: a mixed workload over HTTP on loopback (search, two-turn chat, pre-review submissions
// of a generated material) against the single-process default (PGlite, in-process queue) and against
// the cluster (two API nodes behind a round-robin proxy, two workers, PostgreSQL and a private Redis),
// side by side: requests per second, p50/p95/p99, errors, pre-review cases finished per second, and
// memory per process. Bounded: --seconds N per target (default 15), --connections N for search and
// chat each (default 5), --skip-cluster. Needs TEST_DATABASE_URL for the cluster (a private database
// is created and dropped) and redis-server on the PATH. --soak: the single process only, for 600 s
// unless --seconds says otherwise, submissions at 1 every 5 s (what one OCR thread keeps up with),
// resident memory sampled every 30 s and printed with the errors. --prereview-only: pre-review
// throughput alone, one node against the cluster, alternated (bench/load-prereview.ts; --cases N per
// batch, default 8, --rounds N, default 3).
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { generatePrereviewCases } from "../evals/prereview/generator/index.js";
import { caseBody, runPrereviewLoad } from "./load-prereview.js";
import { startRoundRobinProxy } from "../scripts/round-robin-proxy.js";
import {
  createPrivateDatabase,
  type RunningProcess,
  sharedEnvironment,
  startApiNode,
  startPrivateRedis,
  startWorker,
} from "../src/test-support/cluster-processes.js";

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const soak = process.argv.includes("--soak");
const seconds = argument("--seconds", soak ? 600 : 15);
const submissionsPerSecond = soak ? 0.2 : 2;
const connections = argument("--connections", 5);
const skipCluster = soak || process.argv.includes("--skip-cluster");
const prereviewOnly = process.argv.includes("--prereview-only");
const databaseUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const CLERK = "load-clerk-token-0123456789";

interface Target {
  name: string;
  url: string;
  processes: RunningProcess[];
  stop(): Promise<void>;
}

const common = (dataDir: string): NodeJS.ProcessEnv => ({
  ...sharedEnvironment({ dataDir, clerkToken: CLERK }),
  CHAT_REQUESTS_PER_MINUTE: "1000000",
  CHAT_SESSIONS_PER_HOUR: "1000000",
});

async function singleProcess(name = "single process", env: NodeJS.ProcessEnv = {}): Promise<Target> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-load-single-"));
  const api = await startApiNode("single", { ...common(dataDir), ROLE: "all", ...env });
  return {
    name,
    url: api.url,
    processes: [api.process],
    async stop() {
      await api.process.stop("SIGTERM");
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function cluster(): Promise<Target> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-load-cluster-"));
  const [database, redis] = await Promise.all([createPrivateDatabase(databaseUrl), startPrivateRedis()]);
  const environment = {
    ...common(dataDir),
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    TRUST_PROXY: "loopback",
  };
  const first = await startApiNode("api-1", environment);
  const [second, ...workers] = await Promise.all([
    startApiNode("api-2", environment),
    startWorker("worker-1", environment),
    startWorker("worker-2", environment),
  ]);
  const apis = [first, second as Awaited<ReturnType<typeof startApiNode>>];
  const proxy = await startRoundRobinProxy({ port: 0, host: "127.0.0.1", targets: apis.map((api) => api.url) });
  const processes = [...apis.map((api) => api.process), ...(workers as RunningProcess[])];
  return {
    name: "cluster (2 API + 2 workers)",
    url: proxy.url,
    processes,
    async stop() {
      await proxy.close();
      await Promise.all(processes.map((running) => running.stop("SIGTERM")));
      await redis.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** One generated case (its first picture) as a multipart body. */
async function submissionBody(): Promise<{ body: Buffer; contentType: string }> {
  const [item] = await generatePrereviewCases({ seed: 5, count: 1 });
  if (!item) throw new Error("no generated case");
  const file = item.files.find((candidate) => candidate.render.format !== "pdf_text") ?? item.files[0];
  if (!file) throw new Error("generated case without files");
  return caseBody(item, [file]);
}

interface Measured {
  workload: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  total: number;
}

const measure = (workload: string, result: autocannon.Result): Measured => ({
  workload,
  requestsPerSecond: result.requests.average,
  p50: result.latency.p50,
  // autocannon reports p97.5 and p99, not p95: p97.5 is printed in the p95 column's place, named so.
  p95: result.latency.p97_5,
  p99: result.latency.p99,
  errors: result.errors + result.timeouts + result.non2xx,
  total: result.requests.total,
});

/** One request every `everyMs` for `seconds`, summarised in the fields of autocannon's result that `measure` reads. */
async function paced(
  url: string,
  everyMs: number,
  seconds: number,
  init: { method: string; headers: Record<string, string>; body: Buffer },
): Promise<autocannon.Result> {
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const started = performance.now();
    const ok = await fetch(url, { ...init, body: new Uint8Array(init.body) }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.ok;
      },
      () => false,
    );
    latencies.push(Math.round(performance.now() - started));
    if (!ok) errors += 1;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - (performance.now() - started))));
  }
  latencies.sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? 0;
  return {
    requests: { average: latencies.length / seconds, total: latencies.length },
    latency: { p50: at(0.5), p97_5: at(0.975), p99: at(0.99) },
    errors,
    timeouts: 0,
    non2xx: 0,
  } as unknown as autocannon.Result;
}

async function casesIn(url: string, status: string): Promise<number> {
  const response = await fetch(`${url}/api/prereview?status=${status}&limit=1`, {
    headers: { authorization: `Bearer ${CLERK}` },
  });
  return ((await response.json()) as { total: number }).total;
}
const doneCases = (url: string) => casesIn(url, "done");

/** Resident memory of a process in MB, from /proc. */
async function residentMb(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kilobytes / 1024);
}

async function drive(target: Target, submission: { body: Buffer; contentType: string }) {
  const duration = seconds;
  const startDone = await doneCases(target.url);
  const started = Date.now();
  const searches = autocannon({
    url: `${target.url}/api/search?q=${encodeURIComponent("退休养老金怎么领")}`,
    connections,
    duration,
  });
  const chats = autocannon({
    url: target.url,
    connections,
    duration,
    requests: [
      {
        method: "POST",
        path: "/api/chat",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message: "办理退休需要带什么材料" }),
        // Each connection keeps its own session for its second turn.
        onResponse: (_status, body, context) => {
          (context as { sessionId?: string }).sessionId = (JSON.parse(body) as { sessionId?: string }).sessionId;
        },
      },
      {
        method: "POST",
        path: "/api/chat",
        headers: { "content-type": "application/json" },
        setupRequest: (request, context) => ({
          ...request,
          body: JSON.stringify({
            sessionId: (context as { sessionId?: string }).sessionId,
            message: "我是女职工，在企业工作",
          }),
        }),
      },
    ],
  });
  // Submissions at a bounded rate (2 per second; 1 every 5 s in a soak, which autocannon cannot pace):
  // the workers' throughput is what is measured.
  const submissionRequest = {
    method: "POST" as const,
    headers: { "content-type": submission.contentType, authorization: `Bearer ${CLERK}` },
    body: submission.body,
  };
  const submissions =
    submissionsPerSecond >= 1
      ? autocannon({
          url: `${target.url}/api/prereview`,
          connections: 1,
          overallRate: submissionsPerSecond,
          duration,
          ...submissionRequest,
        })
      : paced(`${target.url}/api/prereview`, 1000 / submissionsPerSecond, duration, submissionRequest);
  // Resident memory every 30 s while the load runs (a soak's memory must stay flat).
  const memorySamples: { second: number; mb: number[] }[] = [];
  const sampleMemory = async () => {
    const mb = await Promise.all(target.processes.map((running) => residentMb(running.child.pid)));
    memorySamples.push({ second: Math.round((Date.now() - started) / 1000), mb });
  };
  const sampler = setInterval(() => void sampleMemory(), 30_000);
  const results = await Promise.all([searches, chats, submissions]).finally(() => clearInterval(sampler));
  const memory = await Promise.all(
    target.processes.map(async (running) => `${running.name} ${await residentMb(running.child.pid)} MB`),
  );
  // Then the queue drains (up to 3 minutes): cases finished per second from the first submission on.
  const drainDeadline = Date.now() + 180_000;
  while (Date.now() < drainDeadline) {
    const [queued, running] = await Promise.all([casesIn(target.url, "queued"), casesIn(target.url, "running")]);
    if (queued + running === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const finished = (await doneCases(target.url)) - startDone;
  return {
    rows: [measure("search", results[0]), measure("chat (2 turns)", results[1]), measure("submit", results[2])],
    casesFinished: finished,
    memorySamples,
    casesPerSecond: finished / ((Date.now() - started) / 1000),
    memory,
  };
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

/** `--prereview-only`: pre-review throughput alone (bench/load-prereview.ts says how). */
async function prereviewAlone() {
  const threads = String(Math.min(availableParallelism(), 4));
  const starts = [
    () => singleProcess("one node, 1 OCR thread, 1 job at a time"),
    () =>
      singleProcess(`one node, ${threads} OCR threads (the default here), 1 job at a time`, {
        OCR_WORKERS: threads,
        PREREVIEW_READER_THREADS: threads,
      }),
    ...(skipCluster ? [] : [cluster]),
  ];
  const targets: Target[] = [];
  try {
    for (const start of starts) targets.push(await start());
    await runPrereviewLoad({
      clerkToken: CLERK,
      cases: argument("--cases", 8),
      rounds: argument("--rounds", 3),
      targets: targets.map((target) => ({
        ...target,
        pids: () => target.processes.map((running) => running.child.pid),
      })),
    });
  } finally {
    for (const target of targets) await target.stop();
  }
}

async function main() {
  if (prereviewOnly) return prereviewAlone();
  const submission = await submissionBody();
  const report: { target: string; outcome: Awaited<ReturnType<typeof drive>> }[] = [];
  for (const start of skipCluster ? [singleProcess] : [singleProcess, cluster]) {
    console.log(`starting ${start === singleProcess ? "the single process" : "the cluster"} …`);
    const target = await start();
    try {
      console.log(`driving ${target.name} for ${seconds} s …`);
      report.push({ target: target.name, outcome: await drive(target, submission) });
    } finally {
      await target.stop();
    }
  }
  console.log(
    `\nMixed workload, ${seconds} s per target, loopback; search and chat ${connections} connections each, submissions ${submissionsPerSecond}/s.`,
  );
  console.log("| target | workload | requests/s | p50 ms | p97.5 ms | p99 ms | errors / requests |");
  console.log("|---|---|---|---|---|---|---|");
  for (const { target, outcome } of report)
    for (const row of outcome.rows)
      console.log(
        `| ${target} | ${row.workload} | ${fixed(row.requestsPerSecond)} | ${row.p50} | ${row.p95} | ${row.p99} | ${row.errors} / ${row.total} |`,
      );
  console.log(
    "\n| target | pre-review cases done | cases/s (submissions until drained) | resident memory per process at the end of the load |",
  );
  console.log("|---|---|---|---|");
  for (const { target, outcome } of report)
    console.log(
      `| ${target} | ${outcome.casesFinished} | ${fixed(outcome.casesPerSecond, 3)} | ${outcome.memory.join(", ")} |`,
    );
  if (soak)
    for (const { target, outcome } of report) {
      console.log(`\nResident memory of ${target} during the soak (MB, every 30 s):`);
      console.log(outcome.memorySamples.map((sample) => `${sample.second} s: ${sample.mb.join("/")}`).join(", "));
    }
  if (report.length === 2) {
    const [single, many] = report;
    const ratio = (pick: (outcome: Awaited<ReturnType<typeof drive>>) => number) =>
      single && many && pick(single.outcome) > 0 ? fixed(pick(many.outcome) / pick(single.outcome), 2) : "n/a";
    console.log(
      `\ncluster ÷ single: search ${ratio((o) => o.rows[0]?.requestsPerSecond ?? 0)}×, chat ${ratio((o) => o.rows[1]?.requestsPerSecond ?? 0)}×, cases done ${ratio((o) => o.casesPerSecond)}×`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
