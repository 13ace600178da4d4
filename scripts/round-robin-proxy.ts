// A small round-robin HTTP proxy for `npm run cluster`: each request goes to the next API node, with
// X-Forwarded-For set so the nodes (TRUST_PROXY=loopback) count the real client in their limits.
import http from "node:http";

export interface RoundRobinProxy {
  url: string;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(options: {
  port: number;
  host: string;
  targets: string[];
}): Promise<RoundRobinProxy> {
  let next = 0;
  const server = http.createServer((request, response) => {
    const target = new URL(options.targets[next++ % options.targets.length] ?? "");
    const forwardedFor = [request.headers["x-forwarded-for"], request.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, "x-forwarded-for": forwardedFor },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { code: "bad_gateway", message: "后端节点暂时无法连接，请稍后再试" } }));
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${options.host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
