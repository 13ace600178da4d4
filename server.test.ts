import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  child?.kill("SIGTERM");
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Starts `server.ts` as `npm start` does, on a free port, with an empty data directory. */
function startServer(environment: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: import.meta.dirname,
      env: { ...process.env, ...environment },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

describe("server.ts", () => {
  it("builds a missing index, listens, and answers a search", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "banshi-start-"));
    const url = await startServer({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info" });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const search = await fetch(`${url}/api/search?q=${encodeURIComponent("公司不干了怎么注销")}&k=3`);
    const body = (await search.json()) as { hits: { source: { documentId: string } }[] };
    expect(body.hits.map((hit) => hit.source.documentId)).toContain("bundle:business-deregistration");
  });

  it("refuses to start with a clear message when configuration is invalid", async () => {
    const failing = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: import.meta.dirname,
      env: { ...process.env, PORT: "not-a-port" },
    });
    let output = "";
    failing.stderr.on("data", (data: Buffer) => {
      output += data.toString();
    });
    const code = await new Promise<number | null>((resolve) => failing.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/PORT/);
  });
});
