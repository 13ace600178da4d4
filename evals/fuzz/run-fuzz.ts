// `npm run fuzz`: starts a server on loopback with a fresh DATA_DIR, warms it up with one real case,
// then sends hostile requests (evals/fuzz/hostile-requests.ts) while polling /healthz, and checks:
// no 5xx, the process alive, every accepted case finished, /healthz answering, memory back within
// 20% of where it started. Options: --count N (default 1200), --seconds N (default 900, a bound on
// the run), --seed N (default 20261204), --concurrency N (default 4). Writes evals/reports/fuzz.md.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRandom, type HostileRequest, hostileRequest, makePayloads, multipart } from "./hostile-requests.js";
import { sendHostileRequest as send } from "./send-hostile-request.js";

const root = path.resolve(import.meta.dirname, "../..");
const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const count = argument("--count", 1200);
const seconds = argument("--seconds", 900);
const seed = argument("--seed", 20261204);
const concurrency = argument("--concurrency", 4);
const CLERK = "fuzz-clerk-token-0123456789abcdef";
const deadline = Date.now() + seconds * 1000;

async function startServer(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      CLERK_TOKENS: `fuzz:${CLERK}`,
      PREREVIEW_SUBMISSIONS_PER_HOUR: "100000",
      CHAT_REQUESTS_PER_MINUTE: "100000",
      CHAT_SESSIONS_PER_HOUR: "100000",
      OCR_WORKERS: "1",
      PREREVIEW_READER_THREADS: "2",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error("the server did not start within 180 s")), 180_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*Banshi is listening/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: match[1] as string });
      }
      if (buffered.length > 1_000_000) buffered = buffered.slice(-10_000);
    });
    child.on("exit", (code) => reject(new Error(`the server exited with ${code} before it listened`)));
  });
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-fuzz-"));
const started = performance.now();
const { child, base } = await startServer(dataDir);
const pid = child.pid as number;
let crashed: string | undefined;
child.on("exit", (code, signal) => {
  crashed = `exited with ${code ?? signal}`;
});
const clerk = { authorization: `Bearer ${CLERK}` };
const failures: string[] = [];
try {
  const payloads = makePayloads();
  // Warm-up: one real case through OCR, so the OCR and reader pools are up before memory is measured.
  const warm = await fetch(`${base}/api/prereview`, {
    method: "POST",
    headers: { "content-type": "multipart/form-data; boundary=----banshiFuzzBoundary7MA4YWxkTrZu0gW", ...clerk },
    body: new Uint8Array(
      multipart([
        { name: "bundleId", value: "retirement" },
        { name: "files", file: { name: "a.png", type: "image/png", bytes: payloads.png } },
      ]),
    ),
  });
  const warmCase = (await warm.json()) as { caseId: string };
  const waitDone = async (caseId: string) => {
    for (;;) {
      const state = (await (await fetch(`${base}/api/prereview/${caseId}`, { headers: clerk })).json()) as {
        status: string;
      };
      if (state.status === "done" || state.status === "failed" || state.status === "deleted") return state.status;
      if (Date.now() > deadline) return "timed out";
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  await waitDone(warmCase.caseId);
  // The clerk's page image of a file intake refused (a PNG declaring 20000×20000): answered without decoding.
  const refused = await fetch(`${base}/api/prereview`, {
    method: "POST",
    headers: { "content-type": "multipart/form-data; boundary=----banshiFuzzBoundary7MA4YWxkTrZu0gW", ...clerk },
    body: new Uint8Array(
      multipart([
        { name: "bundleId", value: "retirement" },
        { name: "files", file: { name: "bomb.png", type: "image/png", bytes: payloads.pngHeaderBomb } },
      ]),
    ),
  });
  const refusedCase = (await refused.json()) as { caseId: string };
  await waitDone(refusedCase.caseId);
  const pageTimes: number[] = [];
  const pageStatuses = new Set<number>();
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const page = await fetch(`${base}/api/prereview/${refusedCase.caseId}/files/f1/pages/1`, { headers: clerk });
    await page.text();
    pageTimes.push(performance.now() - t0);
    pageStatuses.add(page.status);
  }
  const startRss = await rssMb(pid);

  const health: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const t0 = performance.now();
      try {
        const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(30_000) });
        await response.text();
        health.push(performance.now() - t0);
      } catch {
        health.push(30_000);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();

  const random = createRandom(seed);
  const requests = Array.from({ length: count }, () =>
    hostileRequest(random, payloads, { caseId: warmCase.caseId, clerkToken: CLERK }),
  );
  const byKind = new Map<string, { sent: number; statuses: Map<number, number>; wrong: number }>();
  const accepted: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length && Date.now() < deadline && !crashed) {
      const request = requests[next++] as HostileRequest;
      const entry = byKind.get(request.kind) ?? { sent: 0, statuses: new Map(), wrong: 0 };
      byKind.set(request.kind, entry);
      entry.sent += 1;
      let result: { status: number; body: string };
      try {
        result = await send(base, request);
      } catch (error) {
        result = { status: 0, body: String(error) };
      }
      entry.statuses.set(result.status, (entry.statuses.get(result.status) ?? 0) + 1);
      const right = request.expect
        ? request.expect.includes(result.status)
        : result.status >= 400 && result.status < 500;
      if (!right || result.status >= 500 || result.status === 0) {
        entry.wrong += 1;
        if (failures.length < 50) failures.push(`${request.kind}: ${result.status} ${result.body.slice(0, 160)}`);
      }
      if (result.status === 202) accepted.push((JSON.parse(result.body) as { caseId: string }).caseId);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const unfinished: string[] = [];
  for (const caseId of accepted) {
    const status = await waitDone(caseId);
    if (status !== "done" && status !== "failed") unfinished.push(`${caseId}: ${status}`);
  }
  polling = false;
  await poller;
  // Idle reader threads stop after 30 s and give their memory back; then the process settles.
  await new Promise((resolve) => setTimeout(resolve, 40_000));
  const endRss = crashed ? 0 : await rssMb(pid);
  const sent = [...byKind.values()].reduce((sum, entry) => sum + entry.sent, 0);
  const fiveHundreds = [...byKind.values()].reduce(
    (sum, entry) => sum + [...entry.statuses].filter(([status]) => status >= 500).reduce((a, [, n]) => a + n, 0),
    0,
  );
  const sorted = [...health].sort((a, b) => a - b);
  const memoryOk = !crashed && endRss <= startRss * 1.2;
  const checks: [string, boolean][] = [
    [`no 5xx (${fiveHundreds})`, fiveHundreds === 0],
    [`every request answered as expected (${failures.length} not)`, failures.length === 0],
    [`the server stayed up${crashed ? ` (${crashed})` : ""}`, !crashed],
    [
      `every accepted case finished (${accepted.length - unfinished.length}/${accepted.length})`,
      unfinished.length === 0,
    ],
    [`memory back within 20% of its start (${startRss.toFixed(0)} MB → ${endRss.toFixed(0)} MB)`, memoryOk],
    [
      `the page image of a refused file is a 4xx (${[...pageStatuses].join(", ")}) in ${Math.max(...pageTimes).toFixed(1)} ms at most (20 requests)`,
      [...pageStatuses].every((status) => status >= 400 && status < 500),
    ],
  ];
  const markdown = [
    `# Fuzz run (seed ${seed})`,
    "",
    `${sent} hostile requests (${count} asked) to a server on loopback, ${concurrency} at a time, in ${((performance.now() - started) / 1000).toFixed(0)} s including start-up; /healthz polled every 100 ms meanwhile.`,
    "",
    "| check | result |",
    "|---|---|",
    ...checks.map(([label, ok]) => `| ${label} | ${ok ? "passed" : "**FAILED**"} |`),
    "",
    `/healthz during the run: ${health.length} answers, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms (target: under 200 ms).`,
    "",
    "| request kind | sent | statuses | not as expected |",
    "|---|---:|---|---:|",
    ...[...byKind]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(
        ([kind, entry]) =>
          `| ${kind} | ${entry.sent} | ${[...entry.statuses].map(([status, n]) => `${status}×${n}`).join(" ")} | ${entry.wrong} |`,
      ),
    "",
    ...(failures.length
      ? ["Requests not answered as expected (first 50):", "", ...failures.map((line) => `- ${line}`), ""]
      : []),
    ...(unfinished.length
      ? ["Accepted cases that did not finish:", "", ...unfinished.map((line) => `- ${line}`), ""]
      : []),
  ].join("\n");
  console.log(markdown);
  await writeFile(path.join(root, "evals/reports/fuzz.md"), markdown);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
} finally {
  child.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (child.exitCode === null) child.kill("SIGKILL");
  await rm(dataDir, { recursive: true, force: true });
}
