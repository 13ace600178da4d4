// Entry of a passage-preparing thread of a parallel index build: tsx's loader is registered in the
// thread itself (as for the index-build thread), then the TypeScript body runs.
import { register } from "tsx/esm/api";

register();
await import("./prepare-passages-thread.ts");
