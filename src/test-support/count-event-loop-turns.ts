/**
 * Counts turns of the event loop (a setImmediate chain) until `stop`: a build that gives the event loop
 * back lets it turn while the build runs; one that holds it does not.
 */
export function countEventLoopTurns(): { stop(): number } {
  let turns = 0;
  let counting = true;
  const count = () => {
    turns++;
    if (counting) setImmediate(count);
  };
  setImmediate(count);
  return {
    stop() {
      counting = false;
      return turns;
    },
  };
}
