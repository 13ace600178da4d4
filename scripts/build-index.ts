// `npm run index`: rebuilds the search index with a progress bar and prints a summary.
import { loadConfig } from "../src/config.js";
import { createServices } from "../src/create-services.js";
import { createLogger } from "../src/logger.js";
import { createProgressBar } from "./progress-bar.js";

const config = loadConfig();
const logger = createLogger("warn");
const bar = createProgressBar();
let stage = "";
const started = performance.now();
try {
  const services = await createServices({
    config,
    logger,
    forceIndex: !process.argv.includes("--if-stale"),
    onIndexProgress(progress) {
      if (progress.stage !== stage) {
        if (stage) bar.stop();
        stage = progress.stage;
        bar.start(progress.total, stage.padEnd(8));
        bar.update(progress.done);
      } else bar.update(progress.done);
    },
  });
  if (stage) bar.stop();
  const { manifest } = services.index;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `index ${services.indexStatus.rebuilt ? "built" : "current"}: ${manifest.documents} documents, ${manifest.chunks} chunks, ` +
      `${manifest.embeddings} (${manifest.dimensions} dimensions), ${seconds} s → ${config.dataDir}/index`,
  );
} catch (error) {
  if (stage) bar.stop();
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
