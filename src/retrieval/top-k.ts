export interface Scored {
  index: number;
  score: number;
}

/**
 * The k highest scores among `candidates` (indices into `scores`), best first, via a bounded
 * min-heap: O(n log k) instead of sorting every touched document.
 */
export function topK(scores: Float64Array | Float32Array, candidates: Iterable<number>, k: number): Scored[] {
  if (k <= 0) return [];
  const heap: Scored[] = [];
  const siftDown = (start: number) => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && (heap[left] as Scored).score < (heap[smallest] as Scored).score) smallest = left;
      if (right < heap.length && (heap[right] as Scored).score < (heap[smallest] as Scored).score) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest] as Scored, heap[i] as Scored];
      i = smallest;
    }
  };
  for (const index of candidates) {
    const score = scores[index] as number;
    if (heap.length < k) {
      heap.push({ index, score });
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((heap[parent] as Scored).score <= (heap[i] as Scored).score) break;
        [heap[i], heap[parent]] = [heap[parent] as Scored, heap[i] as Scored];
        i = parent;
      }
    } else if (score > (heap[0] as Scored).score) {
      heap[0] = { index, score };
      siftDown(0);
    }
  }
  return heap.sort((a, b) => b.score - a.score || a.index - b.index);
}
