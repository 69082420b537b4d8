/**
 * The coverage rule written for contributors is the one jest enforces: every page that
 * states it names the same percentage and all four metrics of `coverageThreshold`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const PAGES = ['CONTRIBUTING.md', 'docs/development.md'];
const METRICS = ['statements', 'lines', 'functions', 'branches'] as const;

describe('the coverage rule in the docs', () => {
  let threshold: Record<(typeof METRICS)[number], number>;

  beforeAll(async () => {
    const config = (await import(pathToFileURL(resolve('jest.config.mjs')).href)) as {
      default: { coverageThreshold: { global: typeof threshold } };
    };
    threshold = config.default.coverageThreshold.global;
  });

  it('is one percentage for all four metrics in jest.config.mjs', () => {
    expect(new Set(METRICS.map((metric) => threshold[metric])).size).toBe(1);
  });

  it.each(PAGES)('%s states the percentage and every metric jest enforces', (page) => {
    const text = readFileSync(page, 'utf8').replace(/\s+/g, ' ');
    const rule = /[^.]*\b(\d+) ?% of ([^.(]+)/i.exec(text.slice(text.search(/coverage/i)));
    expect(rule).not.toBeNull();
    const [, percent, metrics] = rule!;
    expect(Number(percent)).toBe(threshold.lines);
    for (const metric of METRICS) {
      expect(metrics).toContain(metric);
    }
  });
});
