// A knowledge reload on an API node reaches a pre-review worker process: real processes (one ROLE=api
// node, one `npm run worker`) on a private PostgreSQL database and a private redis-server, sharing a
// copy of the knowledge directory. Before following reloads, the worker reviewed against the catalog
// it started with and failed a case for a matter the reload added.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clusterTestUrls,
  createPrivateDeployment,
  type PrivateDeployment,
  type RunningProcess,
  startApiNode,
  startWorker,
  until,
} from "./test-support/cluster-processes.js";
import { reloadWithSample, runSampleMatterCase } from "./test-support/sample-reload.js";
import { KNOWLEDGE_DIR } from "./test-support/shared-index.js";

const { databaseUrl, skip } = clusterTestUrls("worker reload suite");

const CLERK = "reload-clerk-token-0123456789";
const ADMIN = "reload-admin-token-0123456789";

let deployment: PrivateDeployment;
let api: { process: RunningProcess; url: string };
let worker: RunningProcess;

beforeAll(async () => {
  if (skip) return;
  deployment = await createPrivateDeployment({
    name: "worker-reload",
    databaseUrl,
    knowledgeDir: KNOWLEDGE_DIR,
    clerkToken: CLERK,
    env: { ADMIN_TOKEN: ADMIN, PREREVIEW_CONCURRENCY: "1" },
  });
  api = await startApiNode("api", deployment.environment);
  deployment.processes.push(api.process);
  worker = await startWorker("worker", deployment.environment);
  deployment.processes.push(worker);
}, 240_000);

afterAll(async () => {
  await deployment?.stop();
}, 60_000);

describe.skipIf(skip)("a pre-review worker process follows a reload on an API node", () => {
  it("reviews a case for a matter the reload added against the reloaded catalog", async () => {
    const admin = { authorization: `Bearer ${ADMIN}` };
    const version = await reloadWithSample(deployment, api.url, ADMIN);
    await until("the API node serves the reloaded version", async () => {
      const status = (await (await fetch(`${api.url}/api/admin/knowledge`, { headers: admin })).json()) as {
        version: string;
      };
      return status.version === version;
    });

    const status = await runSampleMatterCase({ apiUrl: api.url, clerkToken: CLERK, database: deployment.database });
    expect(status).toBe("done");
    const log = worker.lines.join("\n");
    expect(log).toMatch(/pre-review follows the knowledge reload/);
    expect(log).toContain(`"to":"${version}"`);
  }, 300_000);
});
