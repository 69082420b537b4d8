import { spawn } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { TRACE_FULL_GC_FLAGS, watchFullCollections } from '../bench/full-gc.js';

describe('bench/full-gc: the live heap from a real V8 trace', () => {
  it('reads what survives each full collection, and ignores every other line', async () => {
    // Keeps ~40 MiB alive across two full collections: each must report at least that live.
    const script =
      'const keep = Array.from({ length: 40 }, () => new Array(131072).fill(1.5));' +
      'gc(); gc(); console.log("done", keep.length);';
    const child = spawn(process.execPath, [...TRACE_FULL_GC_FLAGS, '--expose-gc', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const seen = watchFullCollections(child.stdout, () => 0);
    await new Promise((resolve) => child.on('close', resolve));
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const collection of seen.slice(-2)) {
      expect(collection.liveMiB).toBeGreaterThan(35);
      expect(collection.reservedMiB).toBeGreaterThanOrEqual(collection.liveMiB);
    }
  });
});
