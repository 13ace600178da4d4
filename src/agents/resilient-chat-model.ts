import { CodedError } from "../errors.js";
import type { ChatModel, RephraseInput, RephraseResult } from "./chat-model.js";

export type ChatModelErrorCode =
  /** The call took longer than its time limit. */
  | "timeout"
  /** The circuit breaker is open: the endpoint failed repeatedly and is not called for a while. */
  | "circuit_open"
  /** The endpoint answered with something that is not the expected JSON. */
  | "invalid_output"
  /** The endpoint failed (HTTP error, connection refused …); `cause` holds the original. */
  | "failed";

/** A fault of the optional language model; the chat answers extractively instead. */
export class ChatModelError extends CodedError<ChatModelErrorCode> {}

export type CircuitState = "closed" | "open" | "half_open";

export interface ResilientChatModelOptions {
  /** Time limit of one call, tool rounds and retries included, in milliseconds. */
  timeoutMs: number;
  /** Consecutive failures that open the circuit (default 3). */
  failureThreshold?: number;
  /** How long an open circuit fails fast before one trial call is let through, in milliseconds (default 30000). */
  resetAfterMs?: number;
  /** Clock for the breaker, in milliseconds (default `Date.now`); tests pass a fake one. */
  now?: () => number;
}

export type ResilientChatModel = ChatModel & { state(): CircuitState };

/**
 * Wraps a model with a time limit per call and a circuit breaker, so a slow or failing endpoint
 * costs each answer at most `timeoutMs`, and nothing at all while the circuit is open. Every
 * failure comes out as a `ChatModelError`. A call the caller aborts itself does not count as a
 * failure of the endpoint.
 */
export function createResilientChatModel(inner: ChatModel, options: ResilientChatModelOptions): ResilientChatModel {
  const { timeoutMs, failureThreshold = 3, resetAfterMs = 30_000, now = Date.now } = options;
  let failures = 0;
  let openedAt: number | undefined;
  let trialInFlight = false;

  const state = (): CircuitState => {
    if (openedAt === undefined) return "closed";
    return now() - openedAt >= resetAfterMs ? "half_open" : "open";
  };

  const succeeded = () => {
    failures = 0;
    openedAt = undefined;
  };
  const failed = () => {
    failures += 1;
    // A failed trial reopens at once; otherwise the threshold decides.
    if (openedAt !== undefined || failures >= failureThreshold) openedAt = now();
  };

  async function call(input: RephraseInput, signal: AbortSignal | undefined): Promise<RephraseResult> {
    signal?.throwIfAborted();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const onCallerAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onCallerAbort, { once: true });
    // Rejects when the time is up or the caller aborts, even if the inner model ignores the signal.
    const stopped = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new ChatModelError("timeout", `${inner.name} did not answer within ${timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
      controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
    });
    try {
      return await Promise.race([inner.rephrase(input, { signal: controller.signal }), stopped]);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onCallerAbort);
      // Settle `stopped` so it never rejects unobserved later.
      stopped.catch(() => undefined);
      if (!controller.signal.aborted) controller.abort(new Error("call finished"));
    }
  }

  return {
    name: inner.name,
    state,
    async rephrase(input, callOptions) {
      const current = state();
      if (current === "open" || (current === "half_open" && trialInFlight))
        throw new ChatModelError("circuit_open", `${inner.name} is unavailable after ${failures} consecutive failures`);
      const trial = current === "half_open";
      if (trial) trialInFlight = true;
      try {
        const result = await call(input, callOptions?.signal);
        succeeded();
        return result;
      } catch (error) {
        if (callOptions?.signal?.aborted) throw error;
        failed();
        if (error instanceof ChatModelError) throw error;
        throw new ChatModelError("failed", `${inner.name} failed: ${(error as Error)?.message ?? String(error)}`, {
          cause: error,
        });
      } finally {
        if (trial) trialInFlight = false;
      }
    },
  };
}
