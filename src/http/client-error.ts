// Requests the HTTP parser itself refuses: a body longer than its Content-Length (the rest is
// parsed as a broken next request), a body cut short before the client closes, malformed
// headers. Node's default answer is a bare "400 Bad Request" or a reset connection; this answers
// in the usual error shape, on the response already under way when there is one.
import type { ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

const MESSAGE = "请求格式有误：请求内容与声明的长度（Content-Length）不符，或请求不完整，请重新发送";

const bodyOf = (requestId?: string) =>
  JSON.stringify({ error: { code: "bad_request", message: MESSAGE, ...(requestId ? { requestId } : {}) } });

/** `server.on("clientError", handleClientError)`. */
export function handleClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  // The response of the request the broken bytes belong to (or follow), when one is open.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (inFlight && !inFlight.headersSent) {
    const requestId = inFlight.getHeader("x-request-id");
    const body = bodyOf(typeof requestId === "string" ? requestId : undefined);
    inFlight.shouldKeepAlive = false;
    inFlight.writeHead(400, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      Connection: "close",
    });
    inFlight.end(body, () => socket.end());
    return;
  }
  if (inFlight && !inFlight.writableFinished) {
    // Already answering: let that answer finish, then close.
    inFlight.shouldKeepAlive = false;
    inFlight.once("finish", () => socket.end());
    return;
  }
  const body = bodyOf();
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
