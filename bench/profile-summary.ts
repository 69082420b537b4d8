/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`, e.g. `invoke.js --profile`):
 * self time by package / area and the hottest functions.
 *
 *   node dist/bench/profile-summary.js dist/profiles/CPU.….cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The package, our lib, or V8/Node bucket a function belongs to. */
function area(url: string, functionName: string): string {
  if (!url) {
    return functionName.startsWith('(') ? functionName : '(native)';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) {
    return pkg[1];
  }
  if (url.startsWith('node:')) {
    return `node:${url.slice(5).split('/')[0] === 'internal' ? url.slice(5).split('/').slice(0, 2).join('/') : url.slice(5)}`;
  }
  const ours = /\/dist\/((?:libs|apps)\/[^/]+|bench)\//.exec(url);
  return ours ? ours[1] : url;
}

function pct(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1).padStart(5)}%`;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
if (positionals.length !== 1) {
  process.stderr.write('usage: profile-summary <file.cpuprofile> [--top N]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

// Self time per node from the samples and their time deltas (µs).
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self.entries()]
  .filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)')
  .reduce((a, [, t]) => a + t, 0);
const busy = total - idle;

const areas = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, time] of self) {
  const frame = byId.get(id)!.callFrame;
  if (frame.functionName === '(idle)') {
    continue;
  }
  const a = area(frame.url, frame.functionName);
  areas.set(a, (areas.get(a) ?? 0) + time);
  const file = frame.url.replace(/^.*\/(node_modules|dist)\//, '').replace(/^file:\/\//, '');
  const name = `${frame.functionName || '(anonymous)'}  ${file || a}:${frame.lineNumber + 1}`;
  functions.set(name, (functions.get(name) ?? 0) + time);
}

// Inclusive time per area: a sample counts once for every area on its stack.
const parent = new Map<number, number>();
for (const node of profile.nodes) {
  for (const child of node.children ?? []) {
    parent.set(child, node.id);
  }
}
const stackAreas = new Map<number, Set<string>>();
function areasOnStack(id: number): Set<string> {
  let set = stackAreas.get(id);
  if (!set) {
    const frame = byId.get(id)!.callFrame;
    const up = parent.get(id);
    set = new Set(up === undefined ? [] : areasOnStack(up));
    if (frame.url) {
      set.add(area(frame.url, frame.functionName));
    }
    stackAreas.set(id, set);
  }
  return set;
}
const inclusive = new Map<string, number>();
for (const [id, time] of self) {
  if (byId.get(id)!.callFrame.functionName === '(idle)') {
    continue;
  }
  for (const a of areasOnStack(id)) {
    inclusive.set(a, (inclusive.get(a) ?? 0) + time);
  }
}

const top = Number(values.top);
const out: string[] = [
  `Profile ${positionals[0]}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${pct(busy, total).trim()}), percentages below are of busy time`,
  '',
  'Self time by area:',
];
for (const [name, time] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  out.push(`  ${pct(time, busy)}  ${name}`);
}
out.push('', 'Inclusive time by area (on the stack):');
for (const [name, time] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  out.push(`  ${pct(time, busy)}  ${name}`);
}
out.push('', 'Hottest functions (self time):');
for (const [name, time] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  out.push(`  ${pct(time, busy)}  ${name}`);
}
process.stdout.write(`${out.join('\n')}\n`);
