// Real processes for the scale-out tests and `npm run cluster`: API nodes (`server.ts`), pre-review
// workers (`worker.ts`), a private redis-server, and a private PostgreSQL database.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A free TCP port on loopback (asked of the kernel, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  /** Every stdout and stderr line so far. */
  lines: string[];
  /** Resolves with the first line (seen so far or later) matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (null for a signal) once the process has ended. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `command args` with `env` added (in `cwd`, default this checkout), collecting its output lines. */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = ROOT,
): RunningProcess {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  const take = (line: string) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(line);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  if (child.stdout) createInterface({ input: child.stdout }).on("line", take);
  if (child.stderr) createInterface({ input: child.stderr }).on("line", take);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    name,
    child,
    lines,
    waitForLine(pattern, timeoutMs = 120_000) {
      for (const line of lines) {
        const match = pattern.exec(line);
        if (match) return Promise.resolve(match);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(
            new Error(
              `${name}: no line matching ${pattern} within ${timeoutMs} ms; last lines:\n${lines.slice(-15).join("\n")}`,
            ),
          );
        }, timeoutMs);
        waiters.push({
          pattern,
          resolve: (match) => {
            clearTimeout(timer);
            resolve(match);
          },
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(
            new Error(`${name} exited (${code}) before a line matching ${pattern}:\n${lines.slice(-15).join("\n")}`),
          );
        });
      });
    },
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * What every process of one deployment shares: the data directory, one master key (so no process has
 * to generate it), the clerk token, one OCR thread and one reader thread each (small machines).
 */
export function sharedEnvironment(options: { dataDir: string; clerkToken: string }): NodeJS.ProcessEnv {
  return {
    DATA_DIR: options.dataDir,
    DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    CLERK_TOKENS: `cluster:${options.clerkToken}`,
    OCR_WORKERS: "1",
    PREREVIEW_READER_THREADS: "1",
    LOG_LEVEL: "info",
  };
}

/**
 * An API node (`server.ts`, ROLE=api unless `env` says otherwise) and the URL it listens on; `cwd`
 * runs another checkout's server (a baseline measured in the same run).
 */
export async function startApiNode(
  name: string,
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<{ process: RunningProcess; url: string }> {
  const node = startProcess(
    name,
    process.execPath,
    ["--import", "tsx", "server.ts"],
    { ROLE: "api", PORT: "0", ...env },
    cwd,
  );
  const [, url] = await node.waitForLine(/"url":"(http:\/\/[^"]+)".*Banshi is listening/);
  return { process: node, url: url ?? "" };
}

/** A pre-review worker (`worker.ts`), once it takes jobs. */
export async function startWorker(name: string, env: NodeJS.ProcessEnv): Promise<RunningProcess> {
  const worker = startProcess(name, process.execPath, ["--import", "tsx", "worker.ts"], env);
  await worker.waitForLine(/pre-review worker running/);
  return worker;
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** Kills the server: what it held is gone (no persistence). */
  kill(): Promise<void>;
  /** Starts an empty server on the same port. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server of our own on a free port, without persistence, so tests may restart it while other
 * users of the machine's shared Redis are unaffected.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let server: RunningProcess | undefined;
  const start = async () => {
    server = startProcess(
      `redis-${port}`,
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {},
    );
    await server.waitForLine(/Ready to accept connections/, 20_000);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async kill() {
      await server?.stop("SIGKILL");
    },
    start,
    async stop() {
      await server?.stop("SIGTERM");
    },
  };
}

export interface PrivateDatabase {
  url: string;
  /** Runs SQL on the private database. */
  query<Row extends Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<Row[]>;
  /**
   * Takes the database away from its users while the server runs: new connections are refused and
   * open ones are ended (as a server going down does to them). `query` fails meanwhile too.
   */
  refuseConnections(): Promise<void>;
  /** Lets connections in again (the database comes back). */
  acceptConnections(): Promise<void>;
  drop(): Promise<void>;
}

/** A database of our own (`banshi_scale_<random>`) on the server of `baseUrl`, dropped by `drop`. */
export async function createPrivateDatabase(baseUrl: string): Promise<PrivateDatabase> {
  const name = `banshi_scale_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  pool.on("error", () => undefined);
  const asAdmin = async (...statements: string[]) => {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    try {
      for (const statement of statements) await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  return {
    url: url.toString(),
    async query(sql, parameters) {
      return (await pool.query(sql, parameters)).rows;
    },
    refuseConnections: () =>
      asAdmin(
        `alter database ${name} allow_connections false`,
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
      ),
    acceptConnections: () => asAdmin(`alter database ${name} allow_connections true`),
    async drop() {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export interface PrivateDeployment {
  database: PrivateDatabase;
  redis: PrivateRedis;
  /** The copy of the knowledge directory every process reads (a test may change it). */
  knowledge: string;
  /** What every process is started with: shared data directory and key, database, Redis, knowledge. */
  environment: NodeJS.ProcessEnv;
  /** Processes of the deployment; `stop` kills them. */
  processes: RunningProcess[];
  /** Kills the processes, stops Redis, drops the database and removes the files. */
  stop(): Promise<void>;
}

/**
 * A private database on `databaseUrl`'s server, a private redis-server and a temporary directory with a
 * copy of `knowledgeDir` and the shared data directory, for tests that start processes on them.
 */
export async function createPrivateDeployment(options: {
  name: string;
  databaseUrl: string;
  knowledgeDir: string;
  clerkToken: string;
  env?: NodeJS.ProcessEnv;
}): Promise<PrivateDeployment> {
  const [database, redis] = await Promise.all([createPrivateDatabase(options.databaseUrl), startPrivateRedis()]);
  const work = await mkdtemp(path.join(tmpdir(), `banshi-${options.name}-`));
  const knowledge = path.join(work, "knowledge");
  await cp(options.knowledgeDir, knowledge, { recursive: true });
  const processes: RunningProcess[] = [];
  return {
    database,
    redis,
    knowledge,
    environment: {
      ...sharedEnvironment({ dataDir: path.join(work, "data"), clerkToken: options.clerkToken }),
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      KNOWLEDGE_DIR: knowledge,
      ...options.env,
    },
    processes,
    async stop() {
      await Promise.all(processes.map((running) => running.stop("SIGKILL")));
      await redis.stop();
      await database.drop().catch((error: unknown) => console.warn("private database not dropped:", error));
      await rm(work, { recursive: true, force: true });
    },
  };
}

/**
 * TEST_DATABASE_URL and TEST_REDIS_URL for a suite of real processes, and whether to skip it (with a
 * warning naming the suite) because either is unset.
 */
export function clusterTestUrls(suite: string): { databaseUrl: string; redisUrl: string; skip: boolean } {
  const databaseUrl = process.env.TEST_DATABASE_URL?.trim() ?? "";
  const redisUrl = process.env.TEST_REDIS_URL?.trim() ?? "";
  const skip = !databaseUrl || !redisUrl;
  if (skip)
    console.warn(
      `${suite} SKIPPED because TEST_DATABASE_URL and TEST_REDIS_URL are not both set ` +
        "(e.g. TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test TEST_REDIS_URL=redis://127.0.0.1:6379); " +
        "it starts its own redis-server and creates its own database on that PostgreSQL.",
    );
  return { databaseUrl, redisUrl, skip };
}

/** Resolves once `condition` holds (asked every 50 ms), or rejects naming `what` after `timeoutMs`. */
export async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Submits one file as a clerk's case for `matterId` on `apiUrl` and waits until the database says the
 * case finished: its final status ("done" or "failed").
 */
export async function runCase(options: {
  apiUrl: string;
  clerkToken: string;
  database: PrivateDatabase;
  matterId: string;
  file: { bytes: Uint8Array; mimeType: string; name: string };
}): Promise<string | undefined> {
  const body = new FormData();
  body.append("matterId", options.matterId);
  body.append("scenario", "{}");
  body.append("form", "{}");
  body.append("files", new Blob([Buffer.from(options.file.bytes)], { type: options.file.mimeType }), options.file.name);
  const submitted = await fetch(`${options.apiUrl}/api/prereview`, {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${options.clerkToken}` },
  });
  if (submitted.status !== 202) throw new Error(`submission answered ${submitted.status}`);
  const { caseId } = (await submitted.json()) as { caseId: string };
  const statusOf = async () =>
    (await options.database.query<{ status: string }>("select status from prereview_cases where id = $1", [caseId]))[0]
      ?.status;
  await until("the case finished", async () => ["done", "failed"].includes((await statusOf()) ?? ""));
  return statusOf();
}
