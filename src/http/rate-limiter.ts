/** A fixed-window counter per key, in memory (one API node; a shared store takes over when scaled out). */
export interface RateLimiter {
  /** Counts one request; false when the key is over its limit in the current window. */
  take(key: string): boolean;
}

export function createRateLimiter(options: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key) {
      const time = now();
      const window = windows.get(key);
      if (!window || time - window.start >= options.windowMs) {
        windows.set(key, { start: time, count: 1 });
        if (windows.size > 10_000)
          for (const [candidate, value] of windows)
            if (time - value.start >= options.windowMs) windows.delete(candidate);
        return true;
      }
      window.count += 1;
      return window.count <= options.limit;
    },
  };
}
