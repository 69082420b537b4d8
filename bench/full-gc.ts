/**
 * The live heap after each full collection, read from a child's `--trace-gc` output.
 *
 * RSS says how much heap V8 holds, not how much is alive: with gigabytes of RAM V8 lets
 * hundreds of MiB of garbage pile up between full collections. What survives a full
 * collection (Mark-Compact) is what the process really keeps, so its trend is the leak
 * signal. A trace line reads
 * `[pid:0x…]  6754 ms: Mark-Compact 96.3 (123.9) -> 58.0 (124.0) MB, …`:
 * used (reserved) before -> used (reserved) after.
 */
import type { Readable } from 'node:stream';

/** Node flags that print one line per full collection and none per scavenge. */
export const TRACE_FULL_GC_FLAGS = ['--trace-gc', '--trace-gc-ignore-scavenger'];

export interface FullCollection {
  /** Seconds since the watch started, when the line arrived. */
  t: number;
  /** MiB in use after the collection: the live heap. */
  liveMiB: number;
  /** MiB V8 reserved for the heap after it. */
  reservedMiB: number;
}

const MARK_COMPACT = /Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \(([\d.]+)\) MB/;

/** One trace line's collection, or undefined for any other line. */
export function parseFullCollection(line: string, t: number): FullCollection | undefined {
  const match = MARK_COMPACT.exec(line);
  return match ? { t, liveMiB: Number(match[1]), reservedMiB: Number(match[2]) } : undefined;
}

/** Collects the full collections a stream reports, as they arrive. */
export function watchFullCollections(stream: Readable, elapsedS: () => number): FullCollection[] {
  const seen: FullCollection[] = [];
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const collection = parseFullCollection(line, elapsedS());
      if (collection) {
        seen.push(collection);
      }
    }
  });
  return seen;
}
