/**
 * Records what a real Nautobot answers to the fixed request set (recording-cases.ts) into
 * test/fixtures/nautobot/recordings-<line>.json, normalised (UUIDs and timestamps), for the
 * contract test that replays them against the simulator.
 *
 * Usage: npm run nautobot:record -- 2.4     (starts the instance with nautobot.sh when needed)
 *        NAUTOBOT_URL=… NAUTOBOT_TOKEN=… node dist/scripts/nautobot/record.js 3.x
 *        node dist/scripts/nautobot/record.js --check 2.4
 *            compares what the real server answers now with the stored recording (the e2e
 *            matrix runs this): exit 1 naming each case that differs and how to re-record.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  RECORDING_CASES,
  recordingPath,
  runCase,
  type Recording,
  type Target,
} from './recording-cases.js';

/** Sends every case to `target`; the recording. */
export async function record(target: Target, root: string): Promise<Recording> {
  const status = await fetch(`${target.url}/api/status/`, {
    headers: { authorization: `Token ${target.token}` },
  });
  const { 'nautobot-version': nautobotVersion } = (await status.json()) as Record<string, string>;
  const answers: Recording['answers'] = {};
  for (const c of RECORDING_CASES) {
    answers[c.name] = await runCase(target, c, root);
  }
  return { nautobotVersion, recordedAt: new Date().toISOString().slice(0, 10), answers };
}

/** The URL and token of the harness instance of `line` (starting it when it is not up). */
function harness(root: string, line: string): Target {
  const out = execFileSync('bash', [resolve(root, 'scripts/nautobot/nautobot.sh'), 'up', line], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Target;
}

/** The names of the cases whose answers differ between two recordings. */
export function changedCases(stored: Recording, now: Recording): string[] {
  const names = new Set([...Object.keys(stored.answers), ...Object.keys(now.answers)]);
  return [...names].filter(
    (n) => JSON.stringify(stored.answers[n]) !== JSON.stringify(now.answers[n]),
  );
}

function check(root: string, line: string, recording: Recording): void {
  const path = recordingPath(root, line);
  const stored = JSON.parse(readFileSync(path, 'utf8')) as Recording;
  const changed = changedCases(stored, recording);
  if (stored.nautobotVersion !== recording.nautobotVersion) {
    changed.unshift(
      `(the server is ${recording.nautobotVersion}, recorded ${stored.nautobotVersion})`,
    );
  }
  if (changed.length === 0) {
    console.log(
      `Nautobot ${recording.nautobotVersion} still answers all ${Object.keys(stored.answers).length} recorded cases the same`,
    );
    return;
  }
  console.error(
    `Nautobot ${recording.nautobotVersion} now answers ${changed.length} case(s) differently from ${path}:`,
  );
  changed.forEach((n) => console.error(`  - ${n}`));
  console.error(
    `Re-record with: npm run nautobot:record -- ${line}, then make the simulator match (npm run jest -- test/nautobot-contract).`,
  );
  process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const checking = process.argv[2] === '--check';
  const line = process.argv[checking ? 3 : 2];
  if (line !== '2.4' && line !== '3.x') {
    console.error(
      'usage: record.js [--check] 2.4|3.x   (NAUTOBOT_URL/NAUTOBOT_TOKEN to use a running one)',
    );
    process.exit(2);
  }
  const root = process.cwd();
  const target =
    process.env.NAUTOBOT_URL && process.env.NAUTOBOT_TOKEN
      ? { url: process.env.NAUTOBOT_URL, token: process.env.NAUTOBOT_TOKEN }
      : harness(root, line);
  record(target, root).then(
    (recording) => {
      if (checking) {
        check(root, line, recording);
        return;
      }
      const path = recordingPath(root, line);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(recording, null, 2)}\n`);
      console.log(
        `recorded ${Object.keys(recording.answers).length} answers of Nautobot ${recording.nautobotVersion} to ${path}`,
      );
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
