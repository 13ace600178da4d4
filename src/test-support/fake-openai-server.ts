import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A tool call the fake model makes: the arguments are sent JSON-encoded, as OpenAI does. */
export interface FakeToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * What the fake model answers to one chat completion request. Sent as one JSON completion, or as
 * server-sent events when the request asks for `stream: true`.
 */
export interface FakeChatStep {
  /** The assistant's text (default ""). */
  content?: string;
  /** Tool calls instead of (or besides) text; the finish reason becomes `tool_calls`. */
  toolCalls?: FakeToolCall[];
  /** Answer with this HTTP error status instead. */
  status?: number;
  /** Wait this long before answering (a slow endpoint). */
  delayMs?: number;
  /** Characters per streamed delta (default 6). */
  chunkSize?: number;
}

/** A scripted step, or one computed from the request body (to echo its evidence, say). */
export type FakeChatScript = FakeChatStep | ((body: Record<string, unknown>) => FakeChatStep);

export interface FakeOpenAiServer {
  baseUrl: string;
  /** Every request body received, in order. */
  requests: { path: string; body: Record<string, unknown> }[];
  /** Make the next n requests fail with this HTTP status. */
  failNext(count: number, status: number): void;
  /** Queue the answers to the next chat completion requests, one step per request. */
  scriptChat(...steps: FakeChatScript[]): void;
  /** The answer when no scripted step is left (default: `{"sentences":[]}`). */
  setDefaultChat(step: FakeChatScript): void;
  /** The bodies of the chat completion requests received, in order. */
  chatRequests(): Record<string, unknown>[];
  close(): Promise<void>;
}

const DIMENSIONS = 64;

/** A deterministic bag-of-characters embedding: enough to rank, no model needed. */
export function fakeEmbedding(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const slot = (code * 2654435761) % DIMENSIONS;
    vector[slot] = (vector[slot] ?? 0) + 1;
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
  return vector.map((value) => value / norm);
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString("utf8") || "{}") as Record<string, unknown>;
}

function embeddingsResponse(body: Record<string, unknown>) {
  const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
  const base64 = body.encoding_format === "base64";
  return {
    object: "list",
    model: body.model,
    data: inputs.map((input, index) => {
      const vector = fakeEmbedding(input);
      return {
        object: "embedding",
        index,
        embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector,
      };
    }),
    usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
  };
}

let completionCount = 0;

function toolCallsOf(step: FakeChatStep) {
  return (step.toolCalls ?? []).map((call, index) => ({
    index,
    id: `call_${++completionCount}_${index}`,
    type: "function" as const,
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
}

function sendCompletion(response: ServerResponse, body: Record<string, unknown>, step: FakeChatStep): void {
  const toolCalls = toolCallsOf(step);
  const finishReason = toolCalls.length > 0 ? "tool_calls" : "stop";
  const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
  const base = { id: `chatcmpl-${++completionCount}`, created: Math.floor(Date.now() / 1000), model: body.model };
  if (body.stream !== true) {
    response.setHeader("Content-Type", "application/json");
    const message = {
      role: "assistant",
      content: step.content ?? (toolCalls.length > 0 ? null : ""),
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls.map(({ index: _index, ...call }) => call) } : {}),
    };
    response.end(
      JSON.stringify({
        ...base,
        object: "chat.completion",
        choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
        usage,
      }),
    );
    return;
  }
  response.setHeader("Content-Type", "text/event-stream");
  response.setHeader("Cache-Control", "no-cache");
  const send = (delta: Record<string, unknown>, finish: string | null = null) =>
    response.write(
      `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
    );
  const size = step.chunkSize ?? 6;
  send({ role: "assistant", content: "" });
  const content = step.content ?? "";
  for (let start = 0; start < content.length; start += size) send({ content: content.slice(start, start + size) });
  for (const call of toolCalls) {
    // The name first, then the arguments in pieces, as OpenAI streams them.
    send({ tool_calls: [{ ...call, function: { name: call.function.name, arguments: "" } }] });
    for (let start = 0; start < call.function.arguments.length; start += size)
      send({
        tool_calls: [
          { index: call.index, function: { arguments: call.function.arguments.slice(start, start + size) } },
        ],
      });
  }
  send({}, finishReason);
  const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage)
    response.write(`data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [], usage })}\n\n`);
  response.end("data: [DONE]\n\n");
}

/**
 * An OpenAI-compatible server on 127.0.0.1 for tests: /v1/embeddings and a scriptable
 * /v1/chat/completions (plain or streamed completions, tool calls, errors, slow answers). Nothing
 * leaves the machine.
 */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: FakeOpenAiServer["requests"] = [];
  const script: FakeChatScript[] = [];
  let defaultChat: FakeChatScript = { content: '{"sentences":[]}' };
  let failures = 0;
  let failureStatus = 500;
  const timers = new Set<NodeJS.Timeout>();
  const sendError = (response: ServerResponse, status: number, message: string) => {
    response.statusCode = status;
    response.setHeader("Content-Type", "application/json");
    response.end(JSON.stringify({ error: { message, type: "server_error" } }));
  };
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    requests.push({ path: request.url ?? "", body });
    if (failures > 0) {
      failures -= 1;
      sendError(response, failureStatus, "injected failure");
      return;
    }
    if (request.url?.endsWith("/embeddings")) {
      response.setHeader("Content-Type", "application/json");
      response.end(JSON.stringify(embeddingsResponse(body)));
      return;
    }
    if (request.url?.endsWith("/chat/completions")) {
      const next = script.shift() ?? defaultChat;
      const step = typeof next === "function" ? next(body) : next;
      if (step.delayMs) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, step.delayMs);
          timers.add(timer);
        });
        // The client gave up waiting: nobody to answer.
        if (response.destroyed || request.socket.destroyed) return;
      }
      if (step.status) sendError(response, step.status, "scripted failure");
      else sendCompletion(response, body, step);
      return;
    }
    sendError(response, 404, "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext(count, status) {
      failures = count;
      failureStatus = status;
    },
    scriptChat(...steps) {
      script.push(...steps);
    },
    setDefaultChat(step) {
      defaultChat = step;
    },
    chatRequests: () => requests.filter((entry) => entry.path.endsWith("/chat/completions")).map((entry) => entry.body),
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        // Keep-alive and slow (scripted delay) connections would hold close() open.
        server.closeAllConnections();
      }),
  };
}
