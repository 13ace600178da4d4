// `npm run cluster`: the scale-out deployment on this machine. Two API nodes (ROLE=api) on two ports
// behind a round-robin proxy, and two pre-review workers, sharing this machine's PostgreSQL (a database
// of their own, `banshi_cluster`) and Redis (keys under the prefix `banshi-cluster`). Ctrl-C stops all.
import path from "node:path";
import pg from "pg";
import { freePort, type RunningProcess, startApiNode, startWorker } from "../src/test-support/cluster-processes.js";
import { startRoundRobinProxy } from "./round-robin-proxy.js";

const ADMIN_URL = process.env.CLUSTER_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const DATABASE = "banshi_cluster";
const PORT = Number(process.env.PORT ?? 3000);
const HOST = "127.0.0.1";

/** Creates the cluster's database once; later runs reuse it (its cases stay). */
async function ensureDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect().catch((error: unknown) => {
    throw new Error(`CLUSTER_POSTGRES_URL: cannot reach PostgreSQL at ${new URL(ADMIN_URL).host} (${String(error)})`);
  });
  const found = await admin.query("select 1 from pg_database where datname = $1", [DATABASE]);
  if (found.rowCount === 0) await admin.query(`create database ${DATABASE}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

const running: RunningProcess[] = [];

async function main(): Promise<void> {
  const environment: NodeJS.ProcessEnv = {
    DATABASE_URL: await ensureDatabase(),
    REDIS_URL,
    REDIS_PREFIX: "banshi-cluster",
    DATA_DIR: path.resolve(process.env.DATA_DIR ?? "./data/cluster"),
    TRUST_PROXY: "loopback",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    HOST,
  };
  console.log("starting two API nodes (the first builds or loads the search index) …");
  const apis = [];
  for (const name of ["api-1", "api-2"]) {
    const api = await startApiNode(name, { ...environment, PORT: String(await freePort()), LOG_LEVEL: "info" });
    running.push(api.process);
    apis.push(api);
  }
  console.log("starting two pre-review workers …");
  for (const name of ["worker-1", "worker-2"])
    running.push(await startWorker(name, { ...environment, LOG_LEVEL: "info" }));
  const proxy = await startRoundRobinProxy({ port: PORT, host: HOST, targets: apis.map((api) => api.url) });
  console.log(`
Banshi cluster is running (PostgreSQL database ${DATABASE}, Redis ${REDIS_URL} under banshi-cluster:*):
  round-robin proxy   ${proxy.url}
    chat widget demo  ${proxy.url}/demo
    clerk console     ${proxy.url}/console
    API (OpenAPI)     ${proxy.url}/openapi.json
  API nodes           ${apis.map((api) => api.url).join("  ")}
    each node         /healthz  /readyz  /metrics
  workers             ${running
    .slice(2)
    .map((worker) => `${worker.name} (pid ${worker.child.pid})`)
    .join(", ")}
Stop with Ctrl-C (SIGTERM to every process: workers finish their cases first).
`);
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await proxy.close();
    await Promise.all(running.map((process) => process.stop("SIGTERM")));
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  for (const process_ of running)
    void process_.exited.then((code) => {
      if (!stopping)
        console.error(`${process_.name} exited (${code}); last lines:\n${process_.lines.slice(-5).join("\n")}`);
    });
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await Promise.all(running.map((process) => process.stop("SIGTERM")));
  process.exit(1);
});
