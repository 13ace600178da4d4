import { describe, expect, it } from "vitest";
import { followKnowledgeVersions } from "./follow-knowledge-versions.js";
import type { FollowResult, KnowledgeBase, KnowledgeSnapshot } from "./knowledge-base.js";

/** A knowledge base serving `hash` whose next follow result the test sets; it records the hashes asked for. */
function fakeBase(start: string) {
  const state = { hash: start, next: undefined as FollowResult | undefined, followed: [] as string[] };
  const base: KnowledgeBase = {
    current: () => ({ index: { manifest: { contentHash: state.hash } } }) as unknown as KnowledgeSnapshot,
    status: () => ({ version: state.hash.slice(0, 12) }),
    reload: async () => expect.unreachable("the follower never reloads"),
    async follow(hash) {
      state.followed.push(hash);
      return state.next ?? expect.unreachable("no follow result set");
    },
  };
  return { base, state };
}

const warnings: string[] = [];
const logger = { info: () => undefined, warn: (_details: unknown, message: string) => void warnings.push(message) };

describe("followKnowledgeVersions", () => {
  it("swaps in the recorded version once its background build is done", async () => {
    const { base, state } = fakeBase("a".repeat(64));
    const follower = followKnowledgeVersions({ base, latestHash: async () => "b".repeat(64), logger });
    let swap: () => void = () => undefined;
    const done = new Promise<{ status: "swapped"; version: string }>((resolve) => {
      swap = () => {
        state.hash = "b".repeat(64);
        resolve({ status: "swapped", version: "b".repeat(12) });
      };
    });
    state.next = { status: "building", version: "b".repeat(12), done };
    const refreshed = follower.refresh();
    await new Promise((resolve) => setTimeout(resolve, 1));
    swap();
    await refreshed;
    await follower.refresh();
    expect(state.followed).toEqual(["b".repeat(64)]);
  });

  it("asks again at the next check while a reload of the node's own is building", async () => {
    const { base, state } = fakeBase("a".repeat(64));
    const follower = followKnowledgeVersions({ base, latestHash: async () => "b".repeat(64), logger });
    state.next = { status: "busy", building: "c".repeat(12) };
    await follower.refresh();
    await follower.refresh();
    expect(state.followed).toHaveLength(2);
  });

  it("keeps serving and waits retryMs when the directory holds another version, does not validate or fails to build", async () => {
    for (const next of [
      { status: "not_held", directory: "d".repeat(64) },
      { status: "invalid", issues: [{ file: "matters/x.yaml", field: "id", message: "bad" }] },
      {
        status: "building",
        version: "b".repeat(12),
        done: Promise.resolve({ status: "failed", message: "disk full" }),
      },
    ] satisfies FollowResult[]) {
      const { base, state } = fakeBase("a".repeat(64));
      const follower = followKnowledgeVersions({ base, latestHash: async () => "b".repeat(64), logger });
      state.next = next;
      warnings.length = 0;
      await follower.refresh();
      await follower.refresh();
      expect(state.followed).toHaveLength(1);
      expect(state.hash).toBe("a".repeat(64));
      expect(warnings).toEqual([expect.stringMatching(/the API node keeps its catalog$/)]);
    }
  });
});
