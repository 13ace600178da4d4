// `npm start` as an operator runs it: it serves, and SIGTERM to npm (a process manager stopping it)
// stops the server too and frees its port; a child left running would keep answering.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, expect, it } from "vitest";

let dataDir: string | undefined;
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).ok;
  } catch {
    return false;
  }
}

it("stops the server when npm start is sent SIGTERM", { timeout: 120_000 }, async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-start-"));
  const npm = spawn("npm", ["start"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => npm.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: npm.stdout });
    lines.on("line", (line) => {
      const match = /"url":"(http:\/\/[^"]+)".*Banshi is listening/.exec(line);
      if (match) resolve(match[1] as string);
    });
    npm.once("exit", (code) => reject(new Error(`npm start exited with ${code} before listening`)));
  });
  expect(await answers(url)).toBe(true);
  const ready = await fetch(`${url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready", checks: { index: true, database: true, prereview: true } });
  npm.kill("SIGTERM");
  await exited;
  let stillAnswering = true;
  for (let attempt = 0; attempt < 50 && stillAnswering; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    stillAnswering = await answers(url);
  }
  expect(stillAnswering).toBe(false);
});
