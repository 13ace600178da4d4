// The one place cli-progress is imported: a progress bar on stderr for long-running commands.
import cliProgress from "cli-progress";

export interface ProgressBar {
  start(total: number, label: string): void;
  update(done: number): void;
  stop(): void;
}

/** A single bar; on a non-TTY it prints a line every 2 s instead of redrawing. */
export function createProgressBar(): ProgressBar {
  const bar = new cliProgress.SingleBar(
    { format: " {stage} [{bar}] {value}/{total}", hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { stage: label }),
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}
