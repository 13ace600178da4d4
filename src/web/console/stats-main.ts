/// <reference lib="dom" />
// The console's tab bar (预审 / 统计分析), a separate bundle so the pre-review page does not load the
// chart library until a clerk opens the analytics.
import { session } from "./api.js";
import { renderStatsPanel } from "./stats-panel.js";

const tabs = document.getElementById("tabs");
const work = document.getElementById("work");
const stats = document.getElementById("stats");
const buttons = tabs ? [...tabs.querySelectorAll<HTMLButtonElement>("button[data-tab]")] : [];

function show(tab: string): void {
  if (!work || !stats) return;
  for (const button of buttons) button.setAttribute("aria-pressed", String(button.dataset.tab === tab));
  work.hidden = tab !== "work";
  stats.hidden = tab !== "stats";
  if (tab === "stats" && !stats.firstChild) stats.append(renderStatsPanel());
}

for (const button of buttons) button.addEventListener("click", () => show(button.dataset.tab ?? "work"));
// Signed in (main.ts shows #work): the tab bar appears with it.
if (tabs && work) {
  const sync = () => {
    tabs.hidden = !session.token || (work.hidden && stats?.hidden !== false);
  };
  new MutationObserver(sync).observe(work, { attributes: true, attributeFilter: ["hidden"] });
  sync();
}
