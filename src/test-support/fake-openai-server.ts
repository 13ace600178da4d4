import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeOpenAiServer {
  baseUrl: string;
  /** Every request body received, in order. */
  requests: { path: string; body: Record<string, unknown> }[];
  /** Make the next n requests fail with this HTTP status. */
  failNext(count: number, status: number): void;
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

/** An OpenAI-compatible server on 127.0.0.1 for tests: /v1/embeddings, nothing leaves the machine. */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: FakeOpenAiServer["requests"] = [];
  let failures = 0;
  let failureStatus = 500;
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    requests.push({ path: request.url ?? "", body });
    response.setHeader("Content-Type", "application/json");
    if (failures > 0) {
      failures -= 1;
      response.statusCode = failureStatus;
      response.end(JSON.stringify({ error: { message: "injected failure", type: "server_error" } }));
      return;
    }
    if (request.url?.endsWith("/embeddings")) {
      const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      const base64 = body.encoding_format === "base64";
      response.end(
        JSON.stringify({
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
        }),
      );
      return;
    }
    response.statusCode = 404;
    response.end(JSON.stringify({ error: { message: "not found" } }));
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
