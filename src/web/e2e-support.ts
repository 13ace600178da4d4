// For the browser tests and the screenshot script: the real app (real catalog, index, chat, PGlite,
// pre-review with tesseract) on an ephemeral port, and Debian's Chromium driven by playwright-core.
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { type Browser, chromium } from "playwright-core";
import { createChatKnowledge, createChatService } from "../agents/index.js";
import { loadBenefits } from "../catalog/index.js";
import { loadConfig } from "../config.js";
import { createPrereviewServices } from "../create-services.js";
import { createApp, prereviewRouterDependencies } from "../http/index.js";
import { createStorage } from "../storage/index.js";
import { KNOWLEDGE_DIR, sharedIndex } from "../test-support/shared-index.js";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserUnavailableReason(): string | undefined {
  if (!existsSync(CHROMIUM_PATH))
    return `${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install -y chromium; .ci/run does) to run the browser tests`;
  return undefined;
}

/**
 * Machines without a Chinese system font render every Han character as a box. The Noto Sans Hans
 * fonts the document generator uses (@embedpdf/fonts-sc) are added through a fontconfig file of
 * our own, for this browser process only.
 */
async function fontEnvironment(): Promise<Record<string, string>> {
  const fonts = path.resolve(import.meta.dirname, "../../node_modules/@embedpdf/fonts-sc/fonts");
  if (!existsSync(fonts)) return {};
  const directory = await mkdtemp(path.join(tmpdir(), "banshi-fonts-"));
  const file = path.join(directory, "fonts.conf");
  const include = existsSync("/etc/fonts/fonts.conf")
    ? '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
    : "";
  await writeFile(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>${include}<dir>${fonts}</dir><cachedir>${directory}</cachedir></fontconfig>`,
  );
  return { FONTCONFIG_FILE: file };
}

export async function launchChromium(): Promise<Browser> {
  const env = { ...process.env, ...(await fontEnvironment()) } as Record<string, string>;
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, env });
}

export interface WebApp {
  baseUrl: string;
  clerkToken: string;
  close(): Promise<void>;
}

export const E2E_CLERK_TOKEN = "e2e-clerk-token-0123456789abcdef";

/** Starts the whole app as server.ts would, minus the environment: a temporary data directory. */
export async function startWebApp(options: { prereview?: boolean } = {}): Promise<WebApp> {
  const { catalog, index } = await sharedIndex();
  const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-web-"));
  const logger = pino({ level: "silent" });
  const config = loadConfig({
    DATA_DIR: dataDir,
    CLERK_TOKENS: `e2e:${E2E_CLERK_TOKEN}`,
    LOG_LEVEL: "silent",
    OCR_WORKERS: "2",
  });
  const storage = await createStorage({ dataDir });
  const benefits = await loadBenefits({ directory: KNOWLEDGE_DIR, catalog });
  const knowledge = await createChatKnowledge({
    catalog,
    retriever: index.retriever,
    tokenizer: index.tokenizer,
    chunks: index.chunks,
    benefits,
  });
  const service = createChatService({ knowledge, storage });
  const prereview =
    options.prereview === false ? undefined : await createPrereviewServices(config, logger, storage, catalog);
  const app = createApp({
    catalog,
    benefits,
    index,
    logger,
    chat: { service, storage, limits: { requestsPerMinute: 10_000, sessionsPerHour: 10_000 } },
    prereview: prereview && prereviewRouterDependencies(prereview.cases, config.prereview),
    prefill: prereview ? { pipeline: prereview.pipeline, storage } : undefined,
    stats: { storage, clerkTokens: config.prereview.clerkTokens },
    storageReachable: () => storage.reachable(),
  });
  await prereview?.start();
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    clerkToken: E2E_CLERK_TOKEN,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await prereview?.stop();
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
