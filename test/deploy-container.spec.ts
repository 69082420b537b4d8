/**
 * The Dockerfile, .dockerignore, docker-compose.yml and the Prometheus configuration it
 * mounts, checked as files: the Dockerfile lints clean (dockerfile-utils) and keeps the
 * promises docs/docker.md makes; compose wires the server to the simulator and Prometheus
 * to the metrics port. scripts/container-smoke.sh builds and runs the image for real, and
 * .ci/run validates the compose file with `docker-compose config`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DEMO_TOKEN } from '@nautobot-mcp/nautobot-sim';
import { ValidationSeverity, validate, type ValidatorSettings } from 'dockerfile-utils';
import { parse } from 'yaml';
import {
  ROOT,
  SETTING_ENV_NAMES,
  dockerfileUser,
  repoFile,
  settingDefault,
} from './support/deploy.js';

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions of a Dockerfile: comments dropped, continuation lines joined. */
function instructions(text: string): Instruction[] {
  return text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, keyword, args] = /^\s*(\S+)\s*(.*)$/.exec(line) ?? [];
      return { keyword: keyword.toUpperCase(), args: args.trim() };
    });
}

/** The instructions of each build stage. */
function stages(all: Instruction[]): Instruction[][] {
  const result: Instruction[][] = [];
  for (const instruction of all) {
    if (instruction.keyword === 'FROM') {
      result.push([]);
    }
    result.at(-1)?.push(instruction);
  }
  return result;
}

const STRICT: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

const dockerfile = repoFile('Dockerfile');
const all = instructions(dockerfile);
const [build, runtime] = stages(all);

describe('Dockerfile', () => {
  it('lints clean with dockerfile-utils, every rule an error', () => {
    const problems = validate(dockerfile, STRICT).map(
      (d) =>
        `line ${d.range.start.line + 1}: ${typeof d.message === 'string' ? d.message : d.message.value}`,
    );
    expect(problems).toEqual([]);
    // The linter does run: a lower-case instruction is reported.
    expect(validate(dockerfile.replace(/^EXPOSE/m, 'expose'), STRICT)).toHaveLength(1);
  });

  it('builds in one stage and runs from a second, both on Node 24 bookworm-slim', () => {
    expect(stages(all)).toHaveLength(2);
    const nodeVersion = /^ARG NODE_VERSION=(\d+)$/m.exec(dockerfile)?.[1];
    expect(nodeVersion).toBe('24');
    for (const stage of [build, runtime]) {
      expect(stage[0].args).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim AS \w+$/);
    }
    // scripts/container-base-image.sh makes this very image when no registry answers.
    expect(repoFile('scripts/container-smoke.sh')).toContain(
      'BASE_IMAGE=docker.io/library/node:24-bookworm-slim',
    );
    const runs = build.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs.join('\n')).toMatch(/npm ci/);
    expect(runs.join('\n')).toMatch(/npm run build/);
    expect(runs.join('\n')).toMatch(/npm prune --omit=dev/);
    // The runtime stage installs nothing: it copies production node_modules.
    expect(runtime.filter((i) => i.keyword === 'RUN')).toEqual([]);
  });

  it('ships dist, production node_modules, package.json and graphql/, and no sources', () => {
    const copies = runtime.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toEqual([
      '--from=build /app/package.json ./package.json',
      '--from=build /app/node_modules ./node_modules',
      '--from=build /app/dist ./dist',
      'graphql ./graphql',
    ]);
  });

  it('runs the CLI as a non-root user, exposes PORT and checks /healthz', () => {
    const [uid, gid] = dockerfileUser(dockerfile);
    expect(uid).toBeGreaterThan(0);
    expect(gid).toBeGreaterThan(0);
    const last = (keyword: string) => runtime.filter((i) => i.keyword === keyword).at(-1)?.args;
    expect(last('EXPOSE')).toBe(String(settingDefault('PORT')));
    expect(last('HEALTHCHECK')).toContain('/healthz');
    expect(last('ENTRYPOINT')).toBe('[]');
    const cmd = JSON.parse(last('CMD') ?? '[]') as string[];
    const bin = (JSON.parse(repoFile('package.json')) as { bin: Record<string, string> }).bin;
    expect(cmd).toEqual(['node', bin['nautobot-mcp-server'], 'serve']);
    const env = runtime.filter((i) => i.keyword === 'ENV').map((i) => i.args);
    expect(env.join(' ')).toMatch(/NODE_ENV=production/);
  });

  it('carries the OCI labels', () => {
    const labels = runtime
      .filter((i) => i.keyword === 'LABEL')
      .map((i) => i.args)
      .join(' ');
    for (const key of ['title', 'description', 'version', 'revision', 'source', 'licenses']) {
      expect(labels).toContain(`org.opencontainers.image.${key}=`);
    }
  });

  it('.dockerignore lets in exactly what the build copies', () => {
    const lines = repoFile('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    // Allow-list: everything is out (.env, node_modules, dist, .git...) unless named.
    expect(lines[0]).toBe('*');
    const allowed = lines
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1).replace(/\/$/, ''));
    const sources = all
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect([...new Set(sources)].sort()).toEqual([...allowed].sort());
    for (const source of sources) {
      expect(existsSync(join(ROOT, source))).toBe(true);
    }
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(repoFile('docker-compose.yml'), { merge: true }) as {
    services: Record<string, any>;
    volumes?: Record<string, unknown>;
  };
  const { api, prometheus } = compose.services;
  const sim = compose.services['nautobot-sim'];

  it('has the server, the simulator (profile demo) and Prometheus', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'nautobot-sim', 'prometheus']);
    expect(api.profiles).toBeUndefined();
    expect(sim.profiles).toEqual(['demo']);
    expect(prometheus.profiles).toEqual(expect.arrayContaining(['demo', 'monitoring']));
  });

  it('runs the server and the simulator from the Dockerfile image, hardened', () => {
    for (const service of [api, sim]) {
      expect(service.build).toBe('.');
      expect(service.image).toBe(api.image);
      expect(service.read_only).toBe(true);
      expect(service.cap_drop).toEqual(['ALL']);
      expect(service.security_opt).toContain('no-new-privileges:true');
    }
    expect(api.env_file).toBe('.env');
    expect(api.ports).toEqual(['${API_BIND:-127.0.0.1}:${API_PORT:-7001}:7001']);
    expect(api.environment.PORT).toBe('7001');
  });

  it('points the server at the simulator by default, with its demo token', () => {
    const command = sim.command as string[];
    expect(command.slice(0, 2)).toEqual(['node', 'dist/libs/nautobot-sim/src/sim-cli.js']);
    expect(existsSync(join(ROOT, 'libs/nautobot-sim/src/sim-cli.ts'))).toBe(true);
    const host = command[command.indexOf('--host') + 1];
    const port = command[command.indexOf('--port') + 1];
    expect(host).toBe('0.0.0.0');
    expect(api.environment.NAUTOBOT_URL).toBe(`\${NAUTOBOT_URL:-http://nautobot-sim:${port}}`);
    expect(api.environment.NAUTOBOT_TOKEN).toBe(`\${NAUTOBOT_TOKEN:-${DEMO_TOKEN}}`);
  });

  it('sets only settings the server reads, and a stop grace period covering shutdown', () => {
    const names = Object.keys(api.environment as Record<string, string>);
    expect(names.filter((n) => !SETTING_ENV_NAMES.has(n))).toEqual([]);
    const delay = Number(api.environment.SHUTDOWN_DELAY_MS);
    const grace = Number(api.environment.SHUTDOWN_GRACE_MS);
    const stop = Number(/^(\d+)s$/.exec(api.stop_grace_period as string)?.[1]) * 1000;
    expect(stop).toBeGreaterThan(delay + grace);
  });

  it('has Prometheus scrape the metrics port of the server', () => {
    const mount = (prometheus.volumes as string[]).find((v) => v.includes('prometheus.yml'));
    const [file] = (mount ?? '').split(':');
    const config = parse(repoFile(file)) as { scrape_configs: any[] };
    const [job] = config.scrape_configs;
    expect(job.metrics_path).toBe('/metrics');
    expect(job.static_configs[0].targets).toEqual([`api:${api.environment.METRICS_PORT}`]);
    expect(Object.keys(compose.volumes ?? {})).toContain('prometheus-data');
  });
});
