// Composition root: read configuration, build services, create the app, listen. Nothing else listens.
import { loadConfig } from "./src/config.js";
import { createChatServices, createServices } from "./src/create-services.js";
import { createApp } from "./src/http/index.js";
import { createLogger } from "./src/logger.js";

async function start(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const services = await createServices({ config, logger });
  const { storage, chat } = await createChatServices(config, logger, services);
  const app = createApp({
    catalog: services.catalog,
    index: services.index,
    logger,
    maxK: config.search.maxK,
    chat: { service: chat, storage, adminToken: config.adminToken, limits: config.chat },
  });
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info({ url: `http://${config.host}:${port}` }, "Banshi is listening");
  });
  server.on("error", (error) => {
    logger.fatal({ err: error }, "server failed");
    process.exit(1);
  });
  const stop = (signal: string) => {
    logger.info({ signal }, "shutting down");
    server.close(() => {
      storage.close().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

start().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
