// `npm run load -- --prereview-only`: pre-review throughput alone, over HTTP on loopback, with no search
// or chat load beside it. Three targets are started once and measured alternately, round by round (the
// order rotates), so a machine shared with other work loads them alike:
//   - one node as each cluster worker is sized (ROLE=all, OCR_WORKERS=1, one reader thread, one job);
//   - one node as this machine's defaults size it (OCR_WORKERS and reader threads = min(cores, 4));
//   - the cluster (two ROLE=api nodes behind the round-robin proxy, two workers sized as the first).
// Each round submits a batch of cases at once (clerk token, so no limit), waits until the queue is
// drained, and prints pages per second from the first submission to the last finished case, and how
// many cores the target's processes used meanwhile (their CPU time from /proc over the wall time) beside
// the whole machine's busy cores (other work included).
import { readFile } from "node:fs/promises";
import os from "node:os";
import { generatePrereviewCases } from "../evals/prereview/generator/index.js";

export interface PrereviewTarget {
  name: string;
  url: string;
  pids: () => (number | undefined)[];
  stop(): Promise<void>;
}

export interface PrereviewLoadOptions {
  clerkToken: string;
  /** Cases per batch (each batch is one measurement). */
  cases: number;
  rounds: number;
  targets: PrereviewTarget[];
}

interface Submission {
  body: Buffer;
  contentType: string;
  pages: number;
}

type GeneratedCase = Awaited<ReturnType<typeof generatePrereviewCases>>[number];

/** A generated case's form, scenario and the given files as a multipart submission body. */
export async function caseBody(
  item: GeneratedCase,
  files: readonly GeneratedCase["files"][number][],
): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  if (item.bundleId) form.append("bundleId", item.bundleId);
  else form.append("matterId", item.matterId ?? "");
  form.append("scenario", JSON.stringify(item.scenario));
  form.append("form", JSON.stringify(item.form));
  for (const file of files) {
    form.append("materialIds", file.materialId ?? "");
    form.append("files", new Blob([Buffer.from(file.bytes)], { type: file.mimeType }), file.name);
  }
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get("content-type") ?? "" };
}

/** A generated case with at least two pictures, its pictures only (one page each), as a multipart body. */
export async function picturesCase(): Promise<Submission> {
  const generated = await generatePrereviewCases({ seed: 11, count: 8 });
  for (const item of generated) {
    const pictures = item.files.filter((file) => !file.render.format.startsWith("pdf"));
    if (pictures.length < 2) continue;
    return { ...(await caseBody(item, pictures)), pages: pictures.length };
  }
  throw new Error("no generated case with two pictures");
}

/** CPU seconds (user + system, every thread) a process has used, from /proc. */
async function cpuSeconds(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** The machine's busy and total CPU time so far (seconds), from /proc/stat. */
async function machineCpu(): Promise<{ busy: number; total: number }> {
  const [line] = (await readFile("/proc/stat", "utf8")).split("\n");
  const values = (line ?? "").trim().split(/\s+/).slice(1).map(Number);
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

async function casesIn(url: string, status: string, clerkToken: string): Promise<number> {
  const response = await fetch(`${url}/api/prereview?status=${status}&limit=1`, {
    headers: { authorization: `Bearer ${clerkToken}` },
  });
  return ((await response.json()) as { total: number }).total;
}

async function drained(url: string, clerkToken: string): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const [queued, running] = await Promise.all([
      casesIn(url, "queued", clerkToken),
      casesIn(url, "running", clerkToken),
    ]);
    if (queued + running === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url}: the pre-review queue did not drain within 10 minutes`);
}

async function submitBatch(url: string, clerkToken: string, submission: Submission, count: number): Promise<void> {
  let next = 0;
  const submitOne = async () => {
    while (next < count) {
      next += 1;
      const response = await fetch(`${url}/api/prereview`, {
        method: "POST",
        headers: { "content-type": submission.contentType, authorization: `Bearer ${clerkToken}` },
        body: new Uint8Array(submission.body),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url}: submission answered ${response.status}`);
    }
  };
  await Promise.all([submitOne(), submitOne()]);
}

interface Measurement {
  target: string;
  round: number;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  targetCores: number;
  /** CPU seconds the target's processes spent per page: what a page costs, whatever share of the CPU the target got. */
  cpuPerPage: number;
  machineCores: number;
  failed: number;
}

async function measureBatch(
  target: PrereviewTarget,
  submission: Submission,
  options: PrereviewLoadOptions,
  round: number,
): Promise<Measurement> {
  const failedBefore = await casesIn(target.url, "failed", options.clerkToken);
  const cpuBefore = await Promise.all(target.pids().map(cpuSeconds));
  const machineBefore = await machineCpu();
  const started = performance.now();
  await submitBatch(target.url, options.clerkToken, submission, options.cases);
  await drained(target.url, options.clerkToken);
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = await Promise.all(target.pids().map(cpuSeconds));
  const machineAfter = await machineCpu();
  const used = cpuAfter.reduce((sum, value, index) => sum + value - (cpuBefore[index] ?? 0), 0);
  const pages = options.cases * submission.pages;
  return {
    target: target.name,
    round,
    pages,
    seconds,
    pagesPerSecond: pages / seconds,
    targetCores: used / seconds,
    cpuPerPage: used / pages,
    machineCores:
      ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * os.cpus().length,
    failed: (await casesIn(target.url, "failed", options.clerkToken)) - failedBefore,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Warms every target (OCR workers started, models loaded), then measures them alternately. */
export async function runPrereviewLoad(options: PrereviewLoadOptions): Promise<void> {
  const submission = await picturesCase();
  console.log(`warming up ${options.targets.length} targets (2 cases each) …`);
  for (const target of options.targets) {
    await submitBatch(target.url, options.clerkToken, submission, 2);
    await drained(target.url, options.clerkToken);
  }
  const measurements: Measurement[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const shift = (round - 1) % options.targets.length;
    const order = [...options.targets.slice(shift), ...options.targets.slice(0, shift)];
    for (const target of order) {
      const measured = await measureBatch(target, submission, options, round);
      console.log(
        `round ${round}: ${target.name}: ${measured.pages} pages in ${measured.seconds.toFixed(1)} s, ${measured.pagesPerSecond.toFixed(2)} pages/s, target ${measured.targetCores.toFixed(2)} cores (${measured.cpuPerPage.toFixed(2)} CPU s per page), machine ${measured.machineCores.toFixed(2)} cores busy`,
      );
      measurements.push(measured);
    }
  }
  const reference = options.targets[0]?.name;
  const referenceRate = median(measurements.filter((m) => m.target === reference).map((m) => m.pagesPerSecond));
  console.log(
    `\nPre-review alone: ${options.cases} cases of ${submission.pages} pictures per batch, ${options.rounds} rounds, targets alternated; medians (each round in brackets).\n`,
  );
  console.log(
    "| target | pages/s | cores used by the target | CPU s per page | machine cores busy | failed cases | pages/s vs first row |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const target of options.targets) {
    const own = measurements.filter((m) => m.target === target.name);
    const rates = own.map((m) => m.pagesPerSecond);
    const rate = median(rates);
    console.log(
      `| ${target.name} | ${rate.toFixed(2)} (${rates.map((value) => value.toFixed(2)).join(", ")}) | ${median(own.map((m) => m.targetCores)).toFixed(2)} | ${median(own.map((m) => m.cpuPerPage)).toFixed(2)} | ${median(own.map((m) => m.machineCores)).toFixed(2)} | ${own.reduce((sum, m) => sum + m.failed, 0)} | ${referenceRate > 0 ? (rate / referenceRate).toFixed(2) : "n/a"}× |`,
    );
  }
}
