// A knowledge reload on one API node reaches the other API nodes sharing the database: real processes
// (two ROLE=api nodes) on a private PostgreSQL database and a private redis-server, sharing a copy of
// the knowledge directory, and a ROLE=all process that runs the jobs. Before following reloads, node B
// kept answering from the catalog it started with, so behind a round-robin proxy a citizen got answers
// from two versions in turn, and the ROLE=all process ran cases on its own serving catalog.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clusterTestUrls,
  createPrivateDeployment,
  type PrivateDeployment,
  type RunningProcess,
  startApiNode,
  until,
} from "./test-support/cluster-processes.js";
import { reloadWithSample, runSampleMatterCase, SAMPLE_MATTER } from "./test-support/sample-reload.js";
import { KNOWLEDGE_DIR } from "./test-support/shared-index.js";

const { databaseUrl, skip } = clusterTestUrls("API nodes reload suite");

const ADMIN = "follow-admin-token-0123456789";
const CLERK = "follow-clerk-token-0123456789";

let deployment: PrivateDeployment;
let nodeA: { process: RunningProcess; url: string };
let nodeB: { process: RunningProcess; url: string };
/** ROLE=all: HTTP and the pre-review jobs. Its periodic check is an hour away, so only a job makes it follow. */
let nodeC: { process: RunningProcess; url: string };

beforeAll(async () => {
  if (skip) return;
  deployment = await createPrivateDeployment({
    name: "api-reload",
    databaseUrl,
    knowledgeDir: KNOWLEDGE_DIR,
    clerkToken: CLERK,
    env: { ADMIN_TOKEN: ADMIN, KNOWLEDGE_FOLLOW_SECONDS: "1" },
  });
  // The first node builds the search index into the shared data directory; the second loads it.
  nodeA = await startApiNode("api-a", deployment.environment);
  deployment.processes.push(nodeA.process);
  nodeB = await startApiNode("api-b", deployment.environment);
  deployment.processes.push(nodeB.process);
  nodeC = await startApiNode("all-c", {
    ...deployment.environment,
    ROLE: "all",
    PREREVIEW_CONCURRENCY: "1",
    KNOWLEDGE_FOLLOW_SECONDS: "3600",
  });
  deployment.processes.push(nodeC.process);
}, 240_000);

afterAll(async () => {
  await deployment?.stop();
}, 60_000);

const healthOf = async (url: string) =>
  (await (await fetch(`${url}/healthz`)).json()) as { knowledgeVersion: string; catalog: { matters: number } };

describe.skipIf(skip)("API nodes follow a reload made on one of them", () => {
  it("serves the reloaded version on node B after a reload on node A, without recording it twice", async () => {
    const before = await healthOf(nodeB.url);
    expect((await healthOf(nodeA.url)).knowledgeVersion).toBe(before.knowledgeVersion);

    const version = await reloadWithSample(deployment, nodeA.url, ADMIN);
    expect(version).not.toBe(before.knowledgeVersion);

    // Node B was not asked; it finds the recorded version on its own.
    await until(
      "node B serves the reloaded version",
      async () => (await healthOf(nodeB.url)).knowledgeVersion === version,
    );
    expect((await healthOf(nodeB.url)).catalog.matters).toBeGreaterThan(before.catalog.matters);
    expect((await fetch(`${nodeB.url}/api/matters/${SAMPLE_MATTER}`)).status).toBe(200);
    const answer = await fetch(`${nodeB.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "养犬登记需要什么材料" }),
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { knowledgeVersion: string }).knowledgeVersion).toBe(version);
    expect(nodeB.process.lines.join("\n")).toMatch(
      new RegExp(`"to":"${version}".*the API node follows the knowledge reload`),
    );

    // Node A recorded the version; node B took it without recording it again.
    const rows = await deployment.database.query<{ actor: string }>(
      "select actor from knowledge_versions where version = $1 order by position",
      [version],
    );
    expect(rows.map((row) => row.actor)).toEqual(["admin"]);
  }, 300_000);

  it("runs a case for a matter the reload added on a ROLE=all process, which takes the new version first", async () => {
    // After the reload of the test before: node A serves the new version, node C not yet.
    const { knowledgeVersion: version } = await healthOf(nodeA.url);
    expect((await healthOf(nodeC.url)).knowledgeVersion).not.toBe(version);
    const status = await runSampleMatterCase({ apiUrl: nodeA.url, clerkToken: CLERK, database: deployment.database });
    expect(status).toBe("done");
    expect((await healthOf(nodeC.url)).knowledgeVersion).toBe(version);
  }, 300_000);
});
