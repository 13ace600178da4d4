import { describe, expect, it } from "vitest";
import { createInProcessJobQueue } from "./in-process-job-queue.js";

const tick = (milliseconds = 5) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("in-process job queue", () => {
  it("runs jobs in order, at most `concurrency` at once", async () => {
    const queue = createInProcessJobQueue({ concurrency: 2 });
    const order: string[] = [];
    let running = 0;
    let most = 0;
    queue.start(async (caseId) => {
      order.push(caseId);
      running += 1;
      most = Math.max(most, running);
      await tick(10);
      running -= 1;
    });
    for (const id of ["a", "b", "c", "d", "e"]) await queue.enqueue(id);
    expect(queue.size).toBe(5);
    while (queue.size > 0) await tick();
    expect(order).toEqual(["a", "b", "c", "d", "e"]);
    expect(most).toBe(2);
  });

  it("ignores a case already waiting", async () => {
    const queue = createInProcessJobQueue();
    const seen: string[] = [];
    await queue.enqueue("a");
    await queue.enqueue("a");
    queue.start(async (caseId) => void seen.push(caseId));
    while (queue.size > 0) await tick();
    expect(seen).toEqual(["a"]);
  });

  it("keeps going after a job throws, and reports the error", async () => {
    const errors: [unknown, string][] = [];
    const queue = createInProcessJobQueue({ onError: (error, caseId) => errors.push([error, caseId]) });
    const done: string[] = [];
    queue.start(async (caseId) => {
      if (caseId === "bad") throw new Error("boom");
      done.push(caseId);
    });
    for (const id of ["bad", "good"]) await queue.enqueue(id);
    while (queue.size > 0) await tick();
    expect(done).toEqual(["good"]);
    expect(errors).toEqual([[expect.objectContaining({ message: "boom" }), "bad"]]);
  });

  it("stop waits for jobs in progress, drops waiting ones and ignores later jobs", async () => {
    const queue = createInProcessJobQueue();
    const gate = deferred();
    const finished: string[] = [];
    queue.start(async (caseId) => {
      await gate.promise;
      finished.push(caseId);
    });
    await queue.enqueue("first");
    await queue.enqueue("second");
    await tick();
    let stopped = false;
    const stopping = queue.stop().then(() => {
      stopped = true;
    });
    await tick();
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(finished).toEqual(["first"]);
    await queue.enqueue("late");
    expect(queue.size).toBe(0);
  });

  it("stop without draining returns at once", async () => {
    const queue = createInProcessJobQueue();
    queue.start(() => new Promise(() => {}));
    await queue.enqueue("stuck");
    await tick();
    await expect(queue.stop({ drain: false })).resolves.toBeUndefined();
  });
});
