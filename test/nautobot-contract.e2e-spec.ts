import { existsSync, readFileSync } from 'node:fs';
import { startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import {
  RECORDING_CASES,
  recordingPath,
  runCase,
  type RecordedAnswer,
  type Recording,
} from '../scripts/nautobot/recording-cases.js';

/**
 * The simulator must answer what real Nautobot answered: every recorded request (the query
 * files, the client's own queries, the error cases) is replayed against the simulator
 * emulating the recorded version, and status, API-Version and the normalised body must match.
 * The recordings come from real Nautobot 2.4 and 3.x (scripts/nautobot/record.ts).
 */
const RERECORD = (line: string) =>
  `re-record with: npm run nautobot:record -- ${line}  (docs/development.md#recordings)`;

/** The first places where two JSON values differ, as `path: expected → actual` lines. */
export function differences(expected: unknown, actual: unknown, path = '', out: string[] = []) {
  if (out.length >= 8) {
    return out;
  }
  const show = (v: unknown) => JSON.stringify(v)?.slice(0, 120);
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      out.push(`${path}: ${expected.length} items → ${actual.length} items`);
    }
    expected
      .slice(0, actual.length)
      .forEach((e, i) => differences(e, actual[i], `${path}[${i}]`, out));
  } else if (
    expected &&
    actual &&
    typeof expected === 'object' &&
    typeof actual === 'object' &&
    !Array.isArray(expected) &&
    !Array.isArray(actual)
  ) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const k of keys) {
      differences(
        (expected as Record<string, unknown>)[k],
        (actual as Record<string, unknown>)[k],
        `${path}.${k}`,
        out,
      );
    }
  } else if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    out.push(`${path || '(body)'}: ${show(expected)} → ${show(actual)}`);
  }
  return out;
}

for (const line of ['2.4', '3.x']) {
  const path = recordingPath(process.cwd(), line);
  describe(`the simulator answers what Nautobot ${line} answered (recordings)`, () => {
    const recording = JSON.parse(readFileSync(path, 'utf8')) as Recording;
    let sim: SimServer;

    beforeAll(async () => {
      sim = await startSimulatorServer({ version: recording.nautobotVersion });
    });
    afterAll(async () => {
      await sim.close();
    });

    it('has a recording of every case', () => {
      expect(existsSync(path)).toBe(true);
      const missing = RECORDING_CASES.map((c) => c.name).filter((n) => !recording.answers[n]);
      expect({ missing, hint: missing.length ? RERECORD(line) : '' }).toEqual({
        missing: [],
        hint: '',
      });
    });

    it.each(RECORDING_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const expected = recording.answers[c.name] as RecordedAnswer;
      const actual = await runCase({ url: sim.url, token: sim.token }, c);
      const diff = [
        ...(expected.status !== actual.status
          ? [`status: ${expected.status} → ${actual.status}`]
          : []),
        ...(expected.apiVersion !== actual.apiVersion
          ? [`API-Version: ${expected.apiVersion} → ${actual.apiVersion}`]
          : []),
        ...differences(expected.body, actual.body),
      ];
      expect({ case: c.name, nautobot: recording.nautobotVersion, diff }).toEqual({
        case: c.name,
        nautobot: recording.nautobotVersion,
        diff: [],
      });
    });
  });
}
