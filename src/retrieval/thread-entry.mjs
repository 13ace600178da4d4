// Entry of the retrieval module's worker threads (`startThread`). The project runs TypeScript through
// tsx; a thread started from a test runner or from `tsx server.ts` needs tsx's loader registered in the
// thread itself, then it imports the TypeScript body named by its last argument.
import { register } from "tsx/esm/api";

register();
await import(process.argv.at(-1));
