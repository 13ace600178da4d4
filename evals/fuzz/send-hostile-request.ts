// Sends one hostile request to a server on loopback: with fetch, or as raw bytes on a socket.
import net from "node:net";
import type { HostileRequest } from "./hostile-requests.js";

export async function sendHostileRequest(
  base: string,
  request: HostileRequest,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  if (request.raw) return sendRaw(base, request.raw);
  const response = await fetch(`${base}${request.path}`, {
    method: request.method,
    headers: { ...extraHeaders, ...request.headers },
    body: request.body ? new Uint8Array(request.body) : undefined,
    signal: AbortSignal.timeout(120_000),
  });
  return { status: response.status, body: await response.text() };
}

function sendRaw(base: string, raw: Buffer): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    let received = "";
    const socket = net.connect(Number(port), hostname, () => socket.write(raw));
    socket.on("data", (chunk) => (received += chunk));
    socket.on("error", () => resolve({ status: 0, body: "connection reset" }));
    socket.on("close", () =>
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0), body: received }),
    );
    setTimeout(() => socket.destroy(), 30_000);
  });
}
