/**
 * The test run itself stays readable: an e2e suite that calls tools (and so writes
 * audit lines) prints jest's report and nothing of the app's — no raw audit or log
 * JSON. Runs one such test in a child jest and reads everything it printed.
 */
import { spawnSync } from 'node:child_process';

describe('the output of a test run', () => {
  it('holds no audit or log lines of the apps under test', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--experimental-vm-modules',
        '--no-warnings=ExperimentalWarning',
        'node_modules/jest/bin/jest.js',
        'test/tools-ipam.e2e-spec.ts',
        '-t',
        'lists every prefix without filters',
      ],
      { encoding: 'utf8', timeout: 120_000, env: { ...process.env, FORCE_COLOR: '0' } },
    );
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toMatch(/Tests:\s+\d+ skipped, 1 passed/);
    expect(run.status).toBe(0);
    const appLines = output.split('\n').filter((line) => /^\s*\{"(log|level)":/.test(line));
    expect(appLines).toEqual([]);
  }, 150_000);
});
