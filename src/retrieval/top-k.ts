export interface Scored {
  index: number;
  score: number;
}

/** Whether `a` ranks below `b`: a lower score, or the same score and a later index. */
function worse(a: Scored, b: Scored): boolean {
  return a.score < b.score || (a.score === b.score && a.index > b.index);
}

/**
 * The k highest scores among `candidates` (indices into `scores`), best first and equal scores by
 * index, via a bounded min-heap: O(n log k) instead of sorting every touched document. Which of
 * several equal scores at the k-th place is kept does not depend on the candidates' order, so a
 * search that visits fewer candidates returns the same k.
 */
export function topK(
  scores: Float64Array | Float32Array,
  candidates: ArrayLike<number>,
  k: number,
  /** How many of `candidates` to consider (default all). */
  count = candidates.length,
): Scored[] {
  if (k <= 0) return [];
  const heap: Scored[] = [];
  const siftDown = (start: number) => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && worse(heap[left] as Scored, heap[smallest] as Scored)) smallest = left;
      if (right < heap.length && worse(heap[right] as Scored, heap[smallest] as Scored)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest] as Scored, heap[i] as Scored];
      i = smallest;
    }
  };
  for (let at = 0; at < count; at++) {
    const index = candidates[at] as number;
    const score = scores[index] as number;
    if (heap.length < k) {
      heap.push({ index, score });
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i] as Scored, heap[parent] as Scored)) break;
        [heap[i], heap[parent]] = [heap[parent] as Scored, heap[i] as Scored];
        i = parent;
      }
    } else {
      const worst = heap[0] as Scored;
      if (score < worst.score || (score === worst.score && index > worst.index)) continue;
      heap[0] = { index, score };
      siftDown(0);
    }
  }
  return heap.sort((a, b) => b.score - a.score || a.index - b.index);
}
