// The thread that owns the embedded database (see createPgliteClient's `thread`): PGlite's WASM
// Postgres runs here, so parsing, planning and executing statements no longer take the event loop
// that answers HTTP requests.
import { mkdir } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type {
  DatabaseThreadSettings,
  FromDatabaseThread,
  ThreadError,
  ToDatabaseThread,
} from "./pglite-thread-protocol.js";

const port = parentPort;
if (!port) throw new Error("pglite-thread runs as a worker thread");
const settings = workerData as DatabaseThreadSettings;
const send = (message: FromDatabaseThread) => port.postMessage(message);
const describeError = (error: unknown): ThreadError => {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    message: error instanceof Error ? error.message : String(error),
    ...(typeof code === "string" ? { code } : {}),
  };
};

let database: PGlite;
try {
  if (settings.directory) await mkdir(settings.directory, { recursive: true });
  database = settings.directory ? await PGlite.create(settings.directory) : await PGlite.create();
  send({ id: 0, op: "ready" });
} catch (error) {
  send({ id: 0, op: "failed", error: describeError(error) });
  throw error;
}

/** Thrown inside PGlite's transaction callback when the client asks for a rollback. */
class RollbackRequested extends Error {}

interface OpenTransaction {
  handle: Transaction;
  /** Lets PGlite's transaction callback return (commit) or throw (rollback). */
  finish(commit: boolean): void;
  /** PGlite's transaction: settles after COMMIT or ROLLBACK ran. */
  outcome: Promise<void>;
}

const transactions = new Map<number, OpenTransaction>();
let nextTransaction = 1;

type Answer = Omit<Extract<FromDatabaseThread, { op: "done" }>, "id">;

/** PGlite's transaction takes a callback: it is held open until the client commits or rolls back. */
function begin(): Promise<Answer> {
  const id = nextTransaction++;
  return new Promise((answer, fail) => {
    let opened = false;
    const outcome: Promise<void> = database.transaction(
      (handle) =>
        new Promise<void>((resolve, reject) => {
          opened = true;
          transactions.set(id, {
            handle,
            finish: (commit) => (commit ? resolve() : reject(new RollbackRequested())),
            outcome,
          });
          answer({ op: "done", transaction: id });
        }),
    );
    // BEGIN itself failed: the client hears it; later failures are reported by commit or rollback.
    outcome.catch((error: unknown) => {
      if (!opened) fail(error);
    });
  });
}

async function end(id: number, commit: boolean): Promise<Answer> {
  const open = transactions.get(id);
  if (!open) throw new Error(`no open transaction ${id}`);
  transactions.delete(id);
  open.finish(commit);
  try {
    await open.outcome;
  } catch (error) {
    if (!(error instanceof RollbackRequested)) throw error;
  }
  return { op: "done" };
}

async function handle(message: ToDatabaseThread): Promise<Answer> {
  switch (message.op) {
    case "query": {
      const target = message.transaction === undefined ? database : transactions.get(message.transaction)?.handle;
      if (!target) throw new Error(`no open transaction ${message.transaction}`);
      const result = await target.query(message.sql, message.parameters ? [...message.parameters] : undefined);
      return { op: "done", rows: result.rows as Record<string, unknown>[] };
    }
    case "begin":
      return begin();
    case "commit":
    case "rollback":
      return end(message.transaction, message.op === "commit");
    case "close":
      if (!database.closed) await database.close();
      return { op: "done" };
  }
}

port.on("message", (message: ToDatabaseThread) => {
  handle(message).then(
    (answer) => send({ id: message.id, ...answer }),
    (error: unknown) => send({ id: message.id, op: "error", error: describeError(error) }),
  );
});
