// The scale-out deployment as separate processes: two API nodes (ROLE=api) and pre-review workers
// (`npm run worker`) on a private PostgreSQL database and a private redis-server, with the real
// pipeline (OCR included) reading generated materials.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePrereviewCases, type PrereviewCase } from "../evals/prereview/generator/index.js";
import {
  clusterTestUrls,
  createPrivateDatabase,
  type PrivateDatabase,
  type PrivateRedis,
  type RunningProcess,
  sharedEnvironment,
  startApiNode,
  startPrivateRedis,
  startWorker,
  until,
} from "./test-support/cluster-processes.js";

const { databaseUrl, skip } = clusterTestUrls("scale-out suite");

const CLERK = "scale-clerk-token-0123456789";
const ADMIN = "scale-admin-token-0123456789";
const CHAT_PER_MINUTE = 5;

let database: PrivateDatabase;
let redis: PrivateRedis;
let dataDir: string;
let environment: NodeJS.ProcessEnv;
const apis: { process: RunningProcess; url: string }[] = [];
const processes: RunningProcess[] = [];
let generated: PrereviewCase[];

beforeAll(async () => {
  if (skip) return;
  [database, redis, generated] = await Promise.all([
    createPrivateDatabase(databaseUrl),
    startPrivateRedis(),
    generatePrereviewCases({ seed: 11, count: 8 }).then((items) => items.map(onePicture)),
  ]);
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-scale-"));
  environment = {
    ...sharedEnvironment({ dataDir, clerkToken: CLERK }),
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    // Short leases: a dead worker's case runs again within seconds.
    PREREVIEW_LEASE_SECONDS: "2",
    PREREVIEW_CONCURRENCY: "1",
    // The drain test lets the case in progress finish, however busy the machine.
    SHUTDOWN_GRACE_SECONDS: "120",
    CHAT_REQUESTS_PER_MINUTE: String(CHAT_PER_MINUTE),
    ADMIN_TOKEN: ADMIN,
  };
  // The first node builds the search index into the shared data directory; the second loads it.
  apis.push(await startApiNode("api-1", environment));
  apis.push(await startApiNode("api-2", environment));
  processes.push(...apis.map((api) => api.process));
}, 240_000);

afterAll(async () => {
  await Promise.all(processes.map((running) => running.stop("SIGKILL")));
  await redis?.stop();
  await database?.drop().catch((error: unknown) => console.warn("private database not dropped:", error));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

async function worker(name: string, overrides: NodeJS.ProcessEnv = {}): Promise<RunningProcess> {
  const started = await startWorker(name, { ...environment, ...overrides });
  processes.push(started);
  return started;
}

/** A generated case with only its first picture or scan: one page to OCR keeps the suite short. */
function onePicture(item: PrereviewCase): PrereviewCase {
  const picture = item.files.find((file) => file.render.format !== "pdf_text") ?? item.files[0];
  return { ...item, files: picture ? [picture] : [] };
}

/** Submits a generated case through an API node as a clerk (clerks are not rate limited). */
async function submit(base: string, item: PrereviewCase): Promise<Response> {
  const body = new FormData();
  if (item.bundleId) body.append("bundleId", item.bundleId);
  else body.append("matterId", item.matterId ?? "");
  body.append("scenario", JSON.stringify(item.scenario));
  body.append("form", JSON.stringify(item.form));
  for (const file of item.files) body.append("materialIds", file.materialId ?? "");
  for (const file of item.files)
    body.append("files", new Blob([Buffer.from(file.bytes)], { type: file.mimeType }), file.name);
  return fetch(`${base}/api/prereview`, { method: "POST", body, headers: { authorization: `Bearer ${CLERK}` } });
}

async function submitAll(base: string, items: PrereviewCase[]): Promise<string[]> {
  const ids: string[] = [];
  for (const item of items) {
    const response = await submit(base, item);
    expect(response.status).toBe(202);
    ids.push(((await response.json()) as { caseId: string }).caseId);
  }
  return ids;
}

const statusesOf = async (ids: string[]) =>
  database.query<{ id: string; status: string; attempts: number }>(
    "select id, status, attempts from prereview_cases where id = any($1::uuid[])",
    [ids],
  );

const allDone = (ids: string[]) => async () =>
  (await statusesOf(ids)).filter((row) => row.status === "done").length === ids.length;

const auditActions = async (caseId: string) =>
  (
    await database.query<{ action: string }>(
      "select action from audit_events where case_id = $1 order by created_at, id",
      [caseId],
    )
  ).map((row) => row.action);

const chat = (base: string) =>
  fetch(`${base}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message: "退休要带什么材料" }),
  });

describe.skipIf(skip)("scale-out: API nodes and workers as processes (TEST_DATABASE_URL, TEST_REDIS_URL)", () => {
  let survivor: RunningProcess;

  it("finishes every case on the other worker when one worker is killed (SIGKILL) mid-case", async () => {
    const [first, second] = await Promise.all([worker("worker-a"), worker("worker-b")]);
    survivor = second;
    const ids = await submitAll(apis[0]?.url ?? "", generated.slice(0, 4));
    // Both workers hold a case: each runs one at a time.
    await until("two cases running at once", async () => {
      return (await statusesOf(ids)).filter((row) => row.status === "running").length === 2;
    });
    await first.stop("SIGKILL");
    await until("every case done", allDone(ids));
    const handedOver = [];
    for (const id of ids) if ((await auditActions(id)).includes("job_requeued")) handedOver.push(id);
    // The killed worker's case was requeued once its lease ran out and finished on the survivor.
    expect(handedOver).toHaveLength(1);
    const rows = await statusesOf(handedOver);
    expect(rows[0]?.attempts).toBe(2);
    expect(second.lines.join("\n")).toContain(handedOver[0]);
  }, 300_000);

  it("enforces one chat limit across both API nodes (counted in Redis)", async () => {
    // The limit counts per clock minute: start early in a minute so the requests share one window.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100));
    const window = Math.floor(Date.now() / 60_000);
    const statuses: number[] = [];
    for (let index = 0; index <= CHAT_PER_MINUTE; index++)
      statuses.push((await chat(apis[index % 2]?.url ?? "")).status);
    expect(Math.floor(Date.now() / 60_000)).toBe(window);
    expect(statuses).toEqual([...Array(CHAT_PER_MINUTE).fill(200), 429]);
  }, 120_000);

  it("shows the shared queue's jobs by state in each API node's /metrics", async () => {
    for (const api of apis) {
      const response = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toMatch(/banshi_prereview_shared_queue_jobs\{state="waiting"\} \d+/);
      expect(text).toMatch(/banshi_prereview_shared_queue_jobs\{state="failed"\} 0/);
    }
  });

  it("drains on SIGTERM: the case in progress finishes, the worker exits 0, waiting cases stay for others", async () => {
    const ids = await submitAll(apis[1]?.url ?? "", generated.slice(4, 6));
    await until("a case running", async () => (await statusesOf(ids)).some((row) => row.status === "running"));
    const running = (await statusesOf(ids)).find((row) => row.status === "running");
    const code = await survivor.stop("SIGTERM");
    expect(code).toBe(0);
    const after = await statusesOf(ids);
    expect(after.find((row) => row.id === running?.id)).toMatchObject({ status: "done", attempts: 1 });
    expect(after.find((row) => row.id !== running?.id)).toMatchObject({ status: "queued", attempts: 0 });
    expect(survivor.lines.join("\n")).toMatch(/worker shutting down/);
    await worker("worker-c");
    await until("the waiting case done on the next worker", allDone(ids));
  }, 300_000);

  it("loses no case when Redis restarts mid-run; meanwhile submissions answer 503 and chat answers", async () => {
    const base = apis[0]?.url ?? "";
    const ids = await submitAll(base, generated.slice(6, 8));
    await until("a case running", async () => (await statusesOf(ids)).some((row) => row.status === "running"));
    // The waiting job is gone with Redis (no persistence); the case stays queued in the database.
    await redis.kill();
    await until("the API node sees Redis gone", async () => (await fetch(`${base}/readyz`)).status === 503);
    const [before] = await database.query<{ count: number }>("select count(*)::integer as count from prereview_cases");
    const refused = await submit(base, generated[0] as PrereviewCase);
    expect(refused.status).toBe(503);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("prereview_unavailable");
    expect(body.error.message).toMatch(/预审服务暂时不可用/);
    const [after] = await database.query<{ count: number }>("select count(*)::integer as count from prereview_cases");
    expect(after?.count).toBe(before?.count);
    expect((await chat(base)).status).toBe(200);
    await redis.start();
    await until("every case done after Redis came back", allDone(ids));
    const resumed = await submit(base, generated[1] as PrereviewCase);
    expect(resumed.status).toBe(202);
  }, 300_000);

  it("hands a case back at once when a worker's shutdown grace period ends before the case does", async () => {
    // Only these two workers: the earlier ones are stopped (idle, they exit at once).
    const live = processes.filter(
      (item) => item.name.startsWith("worker-") && item.child.exitCode === null && item.child.signalCode === null,
    );
    for (const running of live) expect(await running.stop("SIGTERM")).toBe(0);
    // Leases (and BullMQ locks) of ten minutes: within this test only the hand-back can move a case.
    const patient = { PREREVIEW_LEASE_SECONDS: "600", SHUTDOWN_GRACE_SECONDS: "0.2" };
    const [first, second] = await Promise.all([worker("worker-d", patient), worker("worker-e", patient)]);
    // Whole cases (several pages each), so a case is still being read when its worker is told to stop.
    const long = await generatePrereviewCases({ seed: 12, count: 2 });
    const ids = await submitAll(apis[0]?.url ?? "", long);
    await until("both workers holding a case", async () => {
      return (await statusesOf(ids)).filter((row) => row.status === "running").length === 2;
    });
    const leases = await database.query<{ id: string; lease_until: Date }>(
      "select id, lease_until from prereview_cases where id = any($1::uuid[])",
      [ids],
    );
    expect(await first.stop("SIGTERM")).toBe(0);
    expect(first.lines.join("\n")).toMatch(/handed back unfinished at shutdown/);

    await until("both cases done", allDone(ids));
    const handedBack: string[] = [];
    for (const id of ids) {
      const events = await database.query<{ action: string; detail: { reason?: string }; created_at: Date }>(
        "select action, detail, created_at from audit_events where case_id = $1 order by created_at, id",
        [id],
      );
      // One report per case, whoever ran it.
      expect(events.filter((event) => event.action === "job_done")).toHaveLength(1);
      const requeued = events.find((event) => event.action === "job_requeued");
      if (!requeued) continue;
      handedBack.push(id);
      expect(requeued.detail.reason).toBe("shutdown");
      // Claimed again before the first claim's lease would have run out: it was not waited for.
      const [, secondStart] = events.filter((event) => event.action === "job_started");
      const lease = leases.find((row) => row.id === id)?.lease_until;
      expect(secondStart?.created_at.getTime()).toBeLessThan(lease?.getTime() ?? 0);
    }
    expect(handedBack).toHaveLength(1);
    expect((await statusesOf(handedBack))[0]?.attempts).toBe(2);
    expect(second.lines.join("\n")).not.toMatch(/handed back/);
  }, 300_000);
});
