/** What extraction logs through; the application's pino logger fits, tests pass a recording fake. */
export interface ExtractLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export const silentLogger: ExtractLogger = { info: () => undefined, warn: () => undefined };
