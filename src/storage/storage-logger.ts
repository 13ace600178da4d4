/** What storage logs through; the application's pino logger fits, tests pass a recording fake. */
export interface StorageLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}
