/** Gives the event loop back between the steps of a long synchronous build (a reload runs one while serving). */
export interface Slicer {
  /**
   * Resolves at once inside a slice; once the slice has run `sliceMs` (or with `force`, before a step
   * known to be long), after a turn of the event loop.
   */
  pause(options?: { force?: boolean }): Promise<void>;
}

/** A slicer whose slices last `sliceMs` (default 8 ms: requests wait at most about that long for a turn). */
export function createSlicer(sliceMs = 8): Slicer {
  let sliceStart = performance.now();
  return {
    async pause(options) {
      if (!options?.force && performance.now() - sliceStart < sliceMs) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    },
  };
}
