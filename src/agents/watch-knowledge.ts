// Development: reloads the knowledge base when a file under the knowledge directory changes
// (KNOWLEDGE_WATCH=1). Changes are gathered for a moment, so saving several files reloads once; a
// change while a build runs is reloaded after it.
import { type FSWatcher, watch } from "node:fs";
import type { KnowledgeBase, ReloadResult } from "./knowledge-base.js";

export interface WatchKnowledgeOptions {
  directory: string;
  base: Pick<KnowledgeBase, "reload">;
  /** How long to wait after the last change before reloading (default 500 ms). */
  debounceMs?: number;
  /** Told each reload's result (default: nothing). */
  onReload?: (result: ReloadResult | { status: "error"; message: string }) => void;
}

export function watchKnowledge(options: WatchKnowledgeOptions): { close(): void } {
  const debounceMs = options.debounceMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (delay: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), delay);
  };
  const run = async () => {
    timer = undefined;
    try {
      const result = await options.base.reload({ actor: "watcher" });
      options.onReload?.(result);
      if (result.status === "busy") schedule(debounceMs * 4);
      if (result.status === "building") await result.done;
    } catch (error) {
      options.onReload?.({ status: "error", message: (error as Error).message });
    }
  };
  const watcher: FSWatcher = watch(options.directory, { recursive: true }, () => schedule(debounceMs));
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
