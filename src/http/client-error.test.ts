import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleClientError } from "./client-error.js";

let server: http.Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.post("/echo", (request, response) => {
    response.json({ received: request.body });
  });
  server = http.createServer(app);
  server.on("clientError", handleClientError);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends raw bytes, optionally closes the writing side, and reads everything until the server closes. */
function exchange(raw: string, halfCloseAfterMs?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = "";
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(raw);
      if (halfCloseAfterMs !== undefined) setTimeout(() => socket.end(), halfCloseAfterMs);
    });
    socket.on("data", (chunk) => (received += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(received));
  });
}

const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf("\r\n\r\n") + 4));

describe("handleClientError", () => {
  it("answers a body longer than its Content-Length with a 400 in the usual error shape, not a reset", async () => {
    const body = JSON.stringify({ message: "退休要办什么手续" });
    const response = await exchange(
      `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n${body}`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(response).error).toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/Content-Length/),
    });
  });

  it("answers a body shorter than its Content-Length, once the client stops sending, with the same 400", async () => {
    const response = await exchange(
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
      100,
    );
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(response).error.code).toBe("bad_request");
  });

  it("answers malformed request bytes with the JSON 400", async () => {
    const response = await exchange("GARBAGE\r\n\r\n");
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(response).error.code).toBe("bad_request");
  });

  it("leaves well-formed requests alone", async () => {
    const body = JSON.stringify({ a: 1 });
    const response = await exchange(
      `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(bodyOf(response)).toEqual({ received: { a: 1 } });
  });
});
