import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { drainLogDestinations, logDestination, sealLogDestinations } from './log-destination.js';

describe('log destinations', () => {
  it('drain waits for buffered lines; once sealed nothing more is written and flushSync is safe', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nms-dest-')), 'log.txt');
    const destination = logDestination({ dest: path, sync: false, mkdir: true });
    destination.write('first\n');
    destination.write('second\n');
    await drainLogDestinations(2000);
    expect(readFileSync(path, 'utf8')).toBe('first\nsecond\n');
    sealLogDestinations();
    destination.write('after seal\n');
    expect(() => destination.flushSync()).not.toThrow();
    await drainLogDestinations(50);
    expect(readFileSync(path, 'utf8')).toBe('first\nsecond\n');
  });

  it('drain gives up after its budget when a destination never drains', async () => {
    // fd 1 of a jest worker drains; a never-opened file (its directory cannot exist) never does.
    const stuck = logDestination({ dest: '/proc/self/nonexistent/x.log', sync: false });
    stuck.on('error', () => undefined);
    stuck.write('pending\n');
    const started = Date.now();
    await drainLogDestinations(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    sealLogDestinations();
  });
});
