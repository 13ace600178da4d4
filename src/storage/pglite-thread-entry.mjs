// Entry of the embedded database's thread. The project runs TypeScript through tsx; a worker thread
// started from a test runner or from `tsx server.ts` needs tsx's loader registered in the thread itself.
import { register } from "tsx/esm/api";

register();
await import("./pglite-thread.ts");
