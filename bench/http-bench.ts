// `npm run bench:http`: the HTTP path of one node (the single-process default: PGlite, in-process
// queue, LOG_LEVEL=info) under autocannon on loopback, workload by workload, with an optional baseline
// checkout measured in the same run. The machine is shared, so the two servers run side by side and
// every workload is measured alternately (baseline first in odd rounds, this checkout first in even
// ones) for --rounds rounds; the tables give medians and each round's figures.
//
//   npm run bench:http -- [--baseline DIR] [--seconds 10] [--rounds 3] [--connections 10] [--only chat]
//
// --only WORD measures only the workloads whose name contains WORD (`chat`, `search`).
//
// Workloads: GET /api/search with one question (the issue's measurement) and with a question never
// asked before (no answer kept from an earlier request); POST /api/chat opening a new session with each
// request; and dialogues of four turns on 2×connections connections, each keeping its session. Every
// request comes as its own portal visitor (X-Forwarded-For through TRUST_PROXY=loopback, the deployment
// behind a proxy): otherwise all the load is one client whose sessions-per-hour count keeps growing
// past any real client's (a real client is stopped at CHAT_SESSIONS_PER_HOUR). The chat limits are
// raised as `npm run load` raises them.
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { loadRetrievalCases } from "../evals/retrieval/dataset.js";
import { type RunningProcess, sharedEnvironment, startApiNode } from "../src/test-support/cluster-processes.js";

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const baselineAt = process.argv.indexOf("--baseline");
const baselineDir = baselineAt >= 0 ? path.resolve(process.argv[baselineAt + 1] ?? "") : undefined;
const seconds = argument("--seconds", 10);
const rounds = argument("--rounds", 3);
const connections = argument("--connections", 10);
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? "") : "";
const root = path.resolve(import.meta.dirname, "..");

interface Server {
  system: string;
  url: string;
  process: RunningProcess;
  stop(): Promise<void>;
}

async function startServer(system: string, cwd: string): Promise<Server> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-http-bench-"));
  const api = await startApiNode(
    system,
    {
      ...sharedEnvironment({ dataDir, clerkToken: "http-bench-clerk-token-0123456789" }),
      ROLE: "all",
      TRUST_PROXY: "loopback",
      CHAT_REQUESTS_PER_MINUTE: "1000000",
      CHAT_SESSIONS_PER_HOUR: "1000000",
    },
    cwd,
  );
  return {
    system,
    url: api.url,
    process: api.process,
    async stop() {
      await api.process.stop("SIGTERM");
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let visitor = 0;
/** A new portal visitor's address (10.x.y.z), as the proxy would name it. */
const nextVisitor = () => {
  visitor += 1;
  return `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor & 255}`;
};

const questions = (await loadRetrievalCases(path.join(root, "evals/datasets/retrieval.jsonl"))).map(
  (item) => item.query,
);
let asked = 0;
const DIALOGUE = ["我是灵活就业人员，快到退休年龄了，要办什么", "没有提前退休", "不是独生子女", "户籍在外省"];
const json = { "content-type": "application/json" };
type Context = { sessionId?: string; visitor?: string };
const keepSession: autocannon.Request["onResponse"] = (_status, body, context) => {
  (context as Context).sessionId = (JSON.parse(body) as { sessionId?: string }).sessionId;
};

interface Workload {
  name: string;
  options: (url: string) => autocannon.Options;
}

const ALL_WORKLOADS: Workload[] = [
  {
    name: `search, one question, ${connections} connections`,
    options: (url) => ({
      url: `${url}/api/search?q=${encodeURIComponent("退休养老金怎么领")}`,
      connections,
      headers: { "x-forwarded-for": "10.0.0.1" },
    }),
  },
  {
    name: `search, a new question each request, ${connections} connections`,
    options: (url) => ({
      url,
      connections,
      requests: [
        {
          method: "GET",
          setupRequest: (request) => {
            asked += 1;
            const question = `${questions[asked % questions.length]} ${asked}`;
            return {
              ...request,
              path: `/api/search?q=${encodeURIComponent(question)}`,
              headers: { ...request.headers, "x-forwarded-for": nextVisitor() },
            };
          },
        },
      ],
    }),
  },
  {
    name: `chat, a new session each request, ${connections} connections`,
    options: (url) => ({
      url: `${url}/api/chat`,
      connections,
      requests: [
        {
          method: "POST",
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, ...json, "x-forwarded-for": nextVisitor() },
            body: JSON.stringify({ message: "办理退休需要带什么材料" }),
          }),
        },
      ],
    }),
  },
  {
    name: `chat, four-turn dialogues, ${2 * connections} sessions at once`,
    options: (url) => ({
      url: `${url}/api/chat`,
      connections: 2 * connections,
      requests: DIALOGUE.map((message, turn) => ({
        method: "POST" as const,
        setupRequest: (request: autocannon.Request, context: Context) => {
          if (turn === 0) context.visitor = nextVisitor();
          return {
            ...request,
            headers: { ...request.headers, ...json, "x-forwarded-for": context.visitor ?? "10.0.0.2" },
            body: JSON.stringify(turn === 0 ? { message } : { sessionId: context.sessionId, message }),
          };
        },
        onResponse: keepSession,
      })),
    }),
  },
];

const WORKLOADS = ALL_WORKLOADS.filter((workload) => workload.name.includes(only));

interface Figures {
  requestsPerSecond: number;
  p50: number;
  /** From every response's time (autocannon's own percentiles have no 95th). */
  p95: number;
  p97_5: number;
  p99: number;
  errors: number;
  requests: number;
  /**
   * The server process's CPU time (every thread) per request, in ms: what a request costs whatever share
   * of a shared machine the server got, so it compares two servers better than requests/s does there.
   */
  cpuMsPerRequest: number;
}

/** CPU seconds (user + system, every thread) a process has used, from /proc. */
async function cpuSeconds(pid: number | undefined): Promise<number> {
  const stat = pid ? await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "") : "";
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

async function measure(server: Server, workload: Workload, duration: number): Promise<Figures> {
  const times: number[] = [];
  const cpuBefore = await cpuSeconds(server.process.child.pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({ ...workload.options(server.url), duration }, (error, finished) =>
      error ? reject(error) : resolve(finished),
    );
    run.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  const cpuUsed = (await cpuSeconds(server.process.child.pid)) - cpuBefore;
  times.sort((a, b) => a - b);
  return {
    cpuMsPerRequest: result.requests.total > 0 ? (cpuUsed * 1000) / result.requests.total : 0,
    requestsPerSecond: result.requests.total / duration,
    p50: result.latency.p50,
    p95: Math.round(times[Math.min(times.length - 1, Math.floor(0.95 * times.length))] ?? 0),
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

/** Resident memory of a process in MB, from /proc. */
async function residentMb(pid: number | undefined): Promise<number> {
  const status = pid ? await readFile(`/proc/${pid}/status`, "utf8").catch(() => "") : "";
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

async function main() {
  console.error(`starting this checkout${baselineDir ? ` and the baseline at ${baselineDir}` : ""} …`);
  const servers = await Promise.all([
    ...(baselineDir ? [startServer("baseline", baselineDir)] : []),
    startServer("Banshi", root),
  ]);
  const figures = new Map<string, Figures[]>();
  try {
    for (const workload of WORKLOADS)
      for (const server of servers) await measure(server, workload, Math.min(3, seconds)); // warm-up
    for (let round = 1; round <= rounds; round++)
      for (const workload of WORKLOADS)
        for (const server of round % 2 ? servers : [...servers].reverse()) {
          const measured = await measure(server, workload, seconds);
          const key = `${workload.name}|${server.system}`;
          figures.set(key, [...(figures.get(key) ?? []), measured]);
          console.error(
            `round ${round} ${workload.name} ${server.system}: ${measured.requestsPerSecond.toFixed(0)}/s p95 ${measured.p95} p99 ${measured.p99} ms, ${measured.cpuMsPerRequest.toFixed(2)} ms of server CPU per request`,
          );
        }
    const memory = await Promise.all(
      servers.map(async (server) => `${server.system} ${await residentMb(server.process.child.pid)} MB`),
    );
    console.log(
      `\nHTTP on one node, loopback, ${seconds} s per measurement, ${rounds} rounds alternated; medians (each round's requests/s in brackets).`,
    );
    console.log(
      "| workload | system | requests/s | p50 ms | p95 ms | p97.5 ms | p99 ms | errors / requests | server CPU ms per request | requests/s vs baseline | p99 vs baseline | CPU per request vs baseline |",
    );
    console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const workload of WORKLOADS) {
      const of = (system: string) => figures.get(`${workload.name}|${system}`) ?? [];
      const base = of("baseline");
      for (const server of servers) {
        const runs = of(server.system);
        const pick = (field: keyof Figures, values = runs) => median(values.map((run) => run[field]));
        const ratio = (field: keyof Figures) =>
          base.length && pick(field, base) > 0 ? `${(pick(field) / pick(field, base)).toFixed(2)}×` : "—";
        const errors = runs.reduce((sum, run) => sum + run.errors, 0);
        const requests = runs.reduce((sum, run) => sum + run.requests, 0);
        console.log(
          `| ${workload.name} | ${server.system} | ${pick("requestsPerSecond").toFixed(0)} (${runs.map((run) => run.requestsPerSecond.toFixed(0)).join(", ")}) | ${pick("p50")} | ${pick("p95")} | ${pick("p97_5")} | ${pick("p99")} | ${errors} / ${requests} | ${pick("cpuMsPerRequest").toFixed(2)} | ${ratio("requestsPerSecond")} | ${ratio("p99")} | ${ratio("cpuMsPerRequest")} |`,
        );
      }
    }
    console.log(`\nResident memory at the end: ${memory.join(", ")}.`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
